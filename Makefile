# nuskha: `make demo` and `make test` set everything up on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
# gettext: compiles the fa/kk/ru catalogues; chromium: browser tests (Playwright drives
# Debian's build, it cannot download its own here); postgresql: PostgreSQL tests;
# fonts: Arabic-script and Cyrillic glyphs for the browser and the demo's page images;
# libvips42: page images (pyvips); tesseract-ocr and its models: OCR by language and
# script (nuskha/ocr/languages.py).
DEBIAN_PACKAGES := gettext chromium postgresql fonts-noto-core fonts-dejavu-core \
	fonts-farsiweb libvips42 tesseract-ocr tesseract-ocr-fas tesseract-ocr-ara \
	tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-script-arab tesseract-ocr-script-latn
# The image benchmarks' baselines: the vips command line and IIPImage.
BENCH_DEBIAN_PACKAGES := libvips-tools iipimage-server
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: setup demo test lint lock clean bench-text bench-images

setup: $(VENV)/.installed system-packages messages node_modules/.package-lock.json

system-packages:
	@bash scripts/install-system-packages.sh $(DEBIAN_PACKAGES)

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --editable .
	touch $@

# axe-core for the browser tests' accessibility checks (package.json). npm ci writes
# node_modules/.package-lock.json, so this runs again only when package-lock.json is newer.
# npm comes with Node.js builds that are not Debian's: install Debian's only when it is missing.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || bash scripts/install-system-packages.sh npm
	npm ci --no-audit --no-fund --loglevel=error

messages: $(VENV)/.installed
	@cd nuskha && ../$(BIN)/nuskha compilemessages --verbosity 0

demo: setup
	$(BIN)/nuskha demo --port $(PORT)

test: setup
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .
	$(BIN)/mypy
	NUSKHA_DATA_DIR=$(CURDIR)/.test-data $(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Benchmarks whose baselines need heavy packages run in their own environment.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BENCH_VENV)/bin/uv pip install --quiet --python $(BENCH_VENV)/bin/python -r requirements.lock
	$(BENCH_VENV)/bin/uv pip install --quiet --python $(BENCH_VENV)/bin/python --editable ".[bench]"
	touch $@

bench-text: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python bench/text_fold.py

bench-images: setup
	@bash scripts/install-system-packages.sh $(BENCH_DEBIAN_PACKAGES)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/tiles.py
	$(BIN)/python bench/ocr.py

# Re-pin every dependency after a change to pyproject.toml.
lock:
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra dev pyproject.toml -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache
