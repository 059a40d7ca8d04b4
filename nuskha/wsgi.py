"""WSGI entry point for `nuskha serve` (gunicorn) and any other WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nuskha.settings")
application = get_wsgi_application()

# Rendered tiles of images open to everyone are answered from disk before Django is
# reached (nuskha/images/tile_cache.py): no database query, no middleware.
from nuskha.images.tile_cache import FastTiles  # noqa: E402

application = FastTiles(application)
