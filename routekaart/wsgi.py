"""WSGI entry point for gunicorn: `gunicorn routekaart.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "routekaart.settings")

application = get_wsgi_application()
