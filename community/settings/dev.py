"""A developer's laptop: debug on, email to the console, no keys needed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# The demo's staff accounts (seed_demo) come with an authenticator app already set
# up; at sign-in they take this code instead of one from a phone. allauth honours
# it only while DEBUG is on (it refuses to start otherwise), and only dev.py sets it.
DEMO_TWO_FACTOR_CODE = env("DEMO_TWO_FACTOR_CODE", default="000000") if DEBUG else ""
MFA_TOTP_INSECURE_BYPASS_CODE = DEMO_TWO_FACTOR_CODE or None
