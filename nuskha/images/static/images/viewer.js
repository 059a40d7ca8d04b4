/*
 * Start Mirador 4 on an item's page: progressive enhancement, plain ES2017, no build step.
 *
 * The template images/viewer.html writes the element and its no-JavaScript fallback (a
 * list of page thumbnails); this script replaces that content with Mirador when the
 * Mirador bundle (static "mirador/mirador.min.js", loaded before this file) is present.
 * If the bundle or a required attribute is missing, the fallback stays.
 *
 * Data attributes of the element (every element with data-manifest is a viewer):
 *
 *   id                     required by Mirador, which renders into the element by id;
 *                          one is assigned when it is missing.
 *   data-manifest          required. URL of the IIIF Presentation manifest.
 *   data-language          the reader's interface language: "fa", "kk", "ru" or "en"
 *                          (a region such as "kk-KZ" is dropped). Default: the nearest
 *                          lang attribute, then "en". Mirador ships fa and en; kk and ru
 *                          come from data-translations-url.
 *   data-translations-url  URL of a Mirador locale file for data-language, in Mirador's
 *                          own format {"translation": {key: text}}: nuskha's
 *                          static images/mirador-kk.json and mirador-ru.json. Fetched
 *                          before Mirador starts (the template preloads it); strings in it
 *                          override Mirador's own for that language. If it cannot be
 *                          loaded, a language Mirador does not ship falls back to English.
 *   data-search            optional. A content-search query (the reader's ?q=): the
 *                          sidebar opens on the search panel, runs it, moves to the first
 *                          hit and highlights the hits. Needs an IIIF Content Search 0 or 1
 *                          service in the manifest (profile
 *                          "http://iiif.io/api/search/1/search"): Mirador 4.0 reads no
 *                          other. Without one, the sidebar stays closed.
 *   data-canvas            optional. Id of the canvas to open at (default: the first, or
 *                          the manifest's start canvas).
 *
 * Two directions meet in the viewer. The book's (the manifest's viewingDirection, which
 * Mirador reads itself) orders the pages, spreads and thumbnails and the next/previous
 * arrows: in a Persian book "next" sits left of "previous" whatever the interface
 * language. Mirador's own layout (its sidebar, menus and text) follows the reader's
 * interface, the page around the element (nearest dir attribute): laid out right to left
 * for a Kazakh or English reader of a Persian book, the Kazakh or English text of its
 * panels would be aligned and ordered wrongly ("1877–1878" shown as "1878–1877").
 *
 * The element gets the class "is-viewer-started" once Mirador is asked to render, so
 * viewer.css can give it a height (Mirador fills its container absolutely), and dir and
 * lang for Mirador's own interface. window.nuskhaViewers lists the Mirador instances
 * (their .store is Mirador's Redux store), for the browser tests and the console.
 *
 * fitEachPageTurn, searchWhenReady, dropStrayAriaOrientation and STRING_FIXES work around
 * faults of Mirador 4.0.0, each described where it is; check them again when Mirador is
 * upgraded.
 */
(function () {
  'use strict';

  // Languages Mirador 4.0 ships, of those nuskha's site offers (src/i18n.js in the package).
  var BUILT_IN_LANGUAGES = ['en', 'fa'];
  // Corrections to Mirador 4.0.0's own strings, by language; data-translations-url's strings
  // override them. Its Persian "pagination" (the page indicator, and the search panel's
  // hit counter) is "{{total}} از {{current}}": Mirador lays the text out by its first
  // letter (unicode-bidi: plaintext), so right to left, and a Persian reader read "2 of 1"
  // on the first of two pages.
  var STRING_FIXES = { fa: { pagination: '{{current}} از {{total}}' } };
  var started = []; // Mirador instances, published as window.nuskhaViewers
  var count = 0;

  function primaryLanguage(code) {
    return (code || '').trim().toLowerCase().split(/[-_]/)[0];
  }

  function readLanguage(element) {
    var scope = element.closest('[lang]');
    return primaryLanguage(element.dataset.language || (scope && scope.lang)) || 'en';
  }

  function readQuery(element) {
    return (element.dataset.search || '').trim();
  }

  function isRightToLeft(element) {
    // The interface's direction (html dir="rtl" for Persian), not the book's: see above.
    var scope = element.closest('[dir]');
    return Boolean(scope && scope.getAttribute('dir').toLowerCase() === 'rtl');
  }

  function loadTranslations(url) {
    if (!url) return Promise.resolve(null);
    return fetch(url, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
        return response.json();
      })
      .then(function (data) {
        // Mirador's locale files wrap the strings in "translation"; Mirador's config wants them bare.
        return data && data.translation ? data.translation : data;
      })
      .catch(function (error) {
        console.warn('nuskha viewer: translations not loaded, falling back', error);
        return null;
      });
  }

  function windowConfig(element) {
    // Not sideBarPanel 'search' for a query: see searchWhenReady.
    var config = { manifestId: element.dataset.manifest };
    if (element.dataset.canvas) config.canvasId = element.dataset.canvas;
    return config;
  }

  function miradorConfig(element, language, strings, direction) {
    var translations = {};
    if (strings || STRING_FIXES[language]) {
      translations[language] = Object.assign({}, STRING_FIXES[language], strings);
    }
    var hasLanguage = Boolean(strings) || BUILT_IN_LANGUAGES.indexOf(language) !== -1;
    return {
      id: element.id,
      language: hasLanguage ? language : 'en',
      translations: translations,
      theme: { direction: direction },
      workspaceControlPanel: { enabled: false },
      workspace: { allowNewWindows: false, draggingEnabled: false, type: 'mosaic' },
      window: {
        allowClose: false,
        allowMaximize: false, // one window only: maximising changes nothing
        allowFullscreen: true,
        hideWindowTitle: true, // the item page's heading already names the item
        sideBarOpen: false,
        sideBarPanel: 'info',
      },
      windows: [windowConfig(element)],
    };
  }

  // A reader turning pages wants each new page, or two-page spread, fitted to the window
  // (also after switching between single pages and spreads).
  // Mirador 4.0.0 keeps the old zoom and centre instead, so a spread after the single first
  // page opens half outside the window; with osdConfig.preserveViewport false it is no
  // better, since OpenSeadragon then centres the first image it adds. So fit each new page
  // group ourselves, as Mirador's "reset zoom" button does, and tell Mirador's store.
  // Mirador's pull request #4220 changes this after 4.0.0: check again when upgrading.
  function fitEachPageTurn(viewer) {
    if (!window.Mirador.OSDReferences || !window.Mirador.getCurrentCanvasWorld) return;
    var shown = {}; // window id -> the pages it shows and how (single, book, ...)
    viewer.store.subscribe(function () {
      var windows = viewer.store.getState().windows || {};
      Object.keys(windows).forEach(function (windowId) {
        var current = windows[windowId];
        var pages = (current.visibleCanvases || [current.canvasId]).join(' ') + ' ' + current.view;
        if (shown[windowId] && shown[windowId] !== pages) {
          window.requestAnimationFrame(function () { fitWorld(viewer, windowId); });
        }
        shown[windowId] = pages;
      });
    });
  }

  function fitWorld(viewer, windowId) {
    var Mirador = window.Mirador;
    var reference = Mirador.OSDReferences.get(windowId);
    var openSeadragon = reference && reference.current;
    if (!openSeadragon) return;
    var fit = function () {
      var viewport = openSeadragon.viewport;
      var world = Mirador.getCurrentCanvasWorld(viewer.store.getState(), { windowId: windowId });
      var bounds = world.worldBounds(); // [x, y, width, height] in canvas pixels
      // The bundle does not expose OpenSeadragon's Rect: reuse the fresh one getBounds returns.
      var rect = viewport.getBounds();
      rect.x = bounds[0];
      rect.y = bounds[1];
      rect.width = bounds[2];
      rect.height = bounds[3];
      rect.degrees = 0;
      viewport.fitBounds(rect, true);
      // What Mirador's own viewport handler would store, so it does not pan back.
      viewer.store.dispatch(Mirador.updateViewport(windowId, {
        x: Math.round(viewport.centerSpringX.target.value),
        y: Math.round(viewport.centerSpringY.target.value),
        zoom: viewport.zoomSpring.target.value,
      }));
    };
    fit();
    // When the page changes before the first image tile arrives (a search moving to its
    // first hit), Mirador 4.0.0 then applies the first page's bounds: fit once more after it.
    openSeadragon.addOnceHandler('tile-loaded', fit);
  }

  // Open the search panel once the manifest names its search service, and run the
  // reader's query in it once the panel is on the page. Not before: until then the sidebar
  // has no search tab, and a window opened on it (windows[].sideBarPanel 'search') makes
  // MUI's Tabs log an error whenever the sidebar renders before the manifest arrives.
  // Not Mirador's own windows[].defaultSearchQuery, which in 4.0.0 goes wrong twice over:
  // - it requests "?q=<query>" unencoded, and the search panel, on mounting, requests the
  //   same search URL-encoded, so any query beyond plain ASCII (every Persian or Kazakh
  //   one) lists each hit twice (Mirador's pull request #4335 encodes it, after 4.0.0);
  // - when the panel mounts after the first results have arrived, its repeat request
  //   empties them under the hit list, which then fails on a missing annotation.
  // So wait for the panel's search field, then search with the URL the panel builds: the
  // panel's repeat request names the same search and comes straight away.
  function searchWhenReady(element, viewer, query) {
    var Mirador = window.Mirador;
    var store = viewer.store;
    var unsubscribe = store.subscribe(function () {
      var state = store.getState();
      var windowId = Mirador.getWindowIds(state)[0];
      if (!windowId) return;
      var hasManifest = Boolean(Mirador.getManifestoInstance(state, { windowId: windowId }));
      if (!hasManifest && !Mirador.getManifestError(state, { windowId: windowId })) return;
      unsubscribe();
      var service = hasManifest && Mirador.getManifestSearchService(state, { windowId: windowId });
      if (!service) return; // no content search for this item: the sidebar stays closed
      store.dispatch(Mirador.addOrUpdateCompanionWindow(windowId, { content: 'search', position: 'left' }));
      // The companion window's content does not change the sidebar's tab: set both.
      store.dispatch(Mirador.updateWindow(windowId, { sideBarOpen: true, sideBarPanel: 'search' }));
      var panelId = Mirador.getCompanionWindowIdsForPosition(store.getState(), {
        position: 'left', windowId: windowId,
      })[0];
      var searchId = service.id + '?' + new URLSearchParams({ q: query });
      whenPresent(element, 'search-' + panelId, function () {
        store.dispatch(Mirador.fetchSearch(windowId, panelId, searchId, query));
      });
    });
  }

  function whenPresent(container, id, callback) {
    if (document.getElementById(id)) {
      callback();
      return;
    }
    var observer = new MutationObserver(function () {
      if (!document.getElementById(id)) return;
      observer.disconnect();
      callback();
    });
    observer.observe(container, { childList: true, subtree: true });
  }

  // Mirador 4.0.0 passes aria-orientation to the sidebar tabs' outer element
  // (WindowSideBarButtons.jsx), a plain div where ARIA does not allow it (axe:
  // aria-allowed-attr, critical); the tablist inside already carries it. Remove the stray
  // copy whenever Mirador renders one. React leaves the attribute alone afterwards, since
  // the prop behind it does not change.
  function dropStrayAriaOrientation(container) {
    new MutationObserver(function () {
      container.querySelectorAll('[aria-orientation]:not([role])').forEach(function (node) {
        node.removeAttribute('aria-orientation');
      });
    }).observe(container, { childList: true, subtree: true });
  }

  function start(element) {
    if (!element.dataset.manifest || element.classList.contains('is-viewer-started')) return;
    count += 1;
    if (!element.id) element.id = 'nuskha-viewer-' + count;
    var language = readLanguage(element);
    var direction = isRightToLeft(element) ? 'rtl' : 'ltr';

    loadTranslations(element.dataset.translationsUrl).then(function (strings) {
      var config = miradorConfig(element, language, strings, direction);
      // MUI lays text out by the dir attribute; Mirador's rtl theme only flips its CSS.
      element.setAttribute('dir', direction);
      element.setAttribute('lang', config.language);
      element.replaceChildren(); // drop the no-JavaScript thumbnail list
      element.classList.add('is-viewer-started');
      dropStrayAriaOrientation(element);
      var viewer = window.Mirador.viewer(config);
      fitEachPageTurn(viewer);
      if (readQuery(element)) searchWhenReady(element, viewer, readQuery(element));
      started.push(viewer);
    });
  }

  function startAll() {
    if (!window.Mirador || typeof window.Mirador.viewer !== 'function') return;
    document.querySelectorAll('[data-manifest]').forEach(start);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', startAll);
  } else {
    startAll();
  }

  window.nuskhaViewers = started;
})();
