"""WSGI entry point for gunicorn.

Each worker loads the privacy guard's gazetteers while it starts (about 2.5 s),
so the first member to post after a deploy does not wait for them.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.production")

application = get_wsgi_application()

from community.privacy.gazetteers import warm  # noqa: E402

warm()
