"""The benchmark's site: production's code paths (DEBUG off, whitenoise, no
debug toolbar) on a local PostgreSQL, plus a "floor" page to compare against."""

from community.settings.base import *  # noqa: F403
from community.settings.base import env

DEBUG = False
SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {
    "default": env.db(
        "BENCH_DATABASE_URL",
        default="postgres://postgres@127.0.0.1:5432/bench_community",
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
ROOT_URLCONF = "bench.urls"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = BASE_DIR / "bench" / "out" / "static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
EMAIL_BACKEND = QUEUED_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
