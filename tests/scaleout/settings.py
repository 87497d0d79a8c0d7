"""Settings for the child processes of the scale-out test (gunicorn, qcluster,
migrate and the seeding helper): production-like, on one PostgreSQL database and
one Redis database that the test creates for the run.

The test passes DATABASE_URL, REDIS_URL and SCALEOUT_EMAIL_DIR in the environment;
base.py reads DATABASE_URL and REDIS_URL when it is imported, so Redis is the cache
and the django-q2 broker of every child.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from community.settings.base import *  # noqa: F403
from tests.memberships.stripe_fakes import WEBHOOK_SECRET

if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured("The scale-out settings need REDIS_URL.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ImproperlyConfigured("The scale-out settings need a PostgreSQL DATABASE_URL.")

DEBUG = False
SECRET_KEY = "scaleout-test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SITE_URL = "http://127.0.0.1"
CSRF_TRUSTED_ORIGINS = [SITE_URL]
WAGTAILADMIN_BASE_URL = SITE_URL
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Mail still leaves through the queued backend (a django-q2 task); the task writes
# each message into a file of this run's directory, which every process shares.
QUEUED_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["SCALEOUT_EMAIL_DIR"]

STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
STRIPE_SECRET_KEY = "sk_test_scaleout_fake_key"
STRIPE_PUBLISHABLE_KEY = "pk_test_scaleout_fake_key"

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = os.environ.get("SCALEOUT_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
MEDIA_ROOT = os.environ.get("SCALEOUT_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405

Q_CLUSTER = {
    **Q_CLUSTER,  # noqa: F405
    "workers": 2,
    "timeout": 20,
    "retry": 30,
    "max_attempts": 3,
}
