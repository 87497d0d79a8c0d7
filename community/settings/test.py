"""The test suite: fast hashing, in-memory email and cache, tasks run inline."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-with-enough-length-to-look-real-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests",
    }
}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MEDIA_ROOT = BASE_DIR / "test-results" / "media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-results" / "private-media"  # noqa: F405
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT
STORAGES["default"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
(BASE_DIR / "test-results").mkdir(exist_ok=True)  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: the live server's threads and the tests
    # then wait for each other's write locks instead of failing at once. One file
    # per process, so that two test runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "test-results" / f"test-db-{os.getpid()}.sqlite3")  # noqa: F405
    }
else:
    # One test database per process here too: two runs on one server (a
    # developer's and CI's) never drop each other's database.
    DATABASES["default"]["TEST"] = {"NAME": f"test_community_{os.getpid()}"}  # noqa: F405
# Video embeds come from fixtures: the tests never reach a provider.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "courses.embeds.FixtureEmbedFinder",
        "path": BASE_DIR / "tests" / "courses" / "fixtures" / "embeds.json",  # noqa: F405
    }
]
# A fresh install gets the default session rule (sessions' migration 0005); a
# test builds the rules it needs.
SESSIONS_DEFAULT_RULE = False
