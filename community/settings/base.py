"""Settings shared by every environment.

Everything that differs between machines comes from the environment through one
django-environ ``env``; the defaults here are safe for a developer's laptop. An
integration (PostgreSQL, Redis, SMTP, Stripe) turns on when its variable is set.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from machina import MACHINA_MAIN_TEMPLATE_DIR

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Development default only; production.py requires the variable.
SECRET_KEY = env(
    "SECRET_KEY", default="django-insecure-dev-only-key-change-me-in-production"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "community.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_q",
    "django_htmx",
    "csp",
    "mptt",
    "haystack",
    "widget_tweaks",
    # machina, the forum engine. Its apps that we customise are replaced by our
    # override packages (forum/overrides/...), which machina's get_class finds.
    "machina",
    "machina.apps.forum",
    "forum.overrides.forum_conversation",
    "machina.apps.forum_conversation.forum_attachments",
    "machina.apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds",
    "forum.overrides.forum_moderation",
    "machina.apps.forum_search",
    "machina.apps.forum_tracking",
    "machina.apps.forum_member",
    "forum.overrides.forum_permission",
    # Local (last: machina recognises its own apps by name)
    "community",
    "memberships",
    "forum.apps.ForumConfig",
    "sessions.apps.SessionsConfig",
    "courses",
    "consultations",
    "consultation_billing",
    "consultation_calls",
    "notifications",
    "announcements",
    "directory",
    "referrals",
    "transcripts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.middleware.MemberTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "community.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "community.csp.SiteCSPMiddleware",
    "forum.middleware.ForumPermissionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "community.admin_guard.AdminMalformedPostMiddleware",
]

ROOT_URLCONF = "community.urls"
WSGI_APPLICATION = "community.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Ours first: they replace machina's templates of the same name.
        "DIRS": [BASE_DIR / "templates", MACHINA_MAIN_TEMPLATE_DIR],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "community.context_processors.site",
                "notifications.context_processors.bell",
                "machina.core.context_processors.metadata",
            ],
        },
    },
]

# Database: SQLite file by default so that a new machine needs nothing else.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Let the web process and the task worker share the file without "locked" errors.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# machina's apps were written before BigAutoField became the default; keeping
# AutoField globally keeps `makemigrations --check` clean for third-party apps.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
# Checkboxes beside their labels in every form (community/form_fields.py).
FORM_RENDERER = "community.form_fields.FormRenderer"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "community",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "community",
        }
    }

# Background tasks: the ORM broker needs nothing else; Redis when it is configured.
Q_CLUSTER = {
    "name": "community",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": 60,
    "retry": 120,
    "max_attempts": 5,
    "ack_failures": False,  # a failed task stays queued and is retried
    "catch_up": False,
    "label": "Background tasks",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

AUTH_USER_MODEL = "community.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Accounts: email only, verified before the first login.
SITE_ID = 1
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupProfileForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Coaching Community] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # Failed logins per address and per account; password resets; sign-ups.
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    # Forum posts and replies per member (moderators are exempt).
    "forum_post": "10/10m/user",
    # The Join page's "Request access" form, per IP and per address given.
    "access_request": "10/h/ip,3/h/key",
}
# Passkeys (WebAuthn, through fido2) beside the authenticator app, for everyone;
# a passkey also signs in on its own. WebAuthn needs https, or localhost.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
MFA_TOTP_ISSUER = "Coaching Community"
MFA_RECOVERY_CODE_COUNT = 10

# Email: console in development; EMAIL_URL (smtp+tls://user:pass@host:587) elsewhere.
# Every message is written to the database outbox (community.mail) and sent by a
# django-q2 task given only its id, so a slow mail server never holds up a
# request; the task uses the real backend, retries, and keeps no sent body.
_email = env.email_url("EMAIL_URL", default="consolemail://")
QUEUED_EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_BACKEND = "community.mail.QueuedEmailBackend"
EMAIL_TIMEOUT = 30  # seconds: a hanging server is a failed attempt, retried later
EMAIL_OUTBOX_MAX_ATTEMPTS = env.int("EMAIL_OUTBOX_MAX_ATTEMPTS", default=5)
EMAIL_OUTBOX_RETENTION_DAYS = env.int("EMAIL_OUTBOX_RETENTION_DAYS", default=7)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Coaching Community <hello@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Stripe: billing turns on when the keys are set (see memberships).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")  # e.g. a localstripe server
STRIPE_EVENT_RETENTION_DAYS = env.int("STRIPE_EVENT_RETENTION_DAYS", default=90)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# English wording of our own over allauth's (issue #19): sentence case, "Sign in".
LOCALE_PATHS = [BASE_DIR / "community" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads are private by default: documents, recordings, original images and
# forum attachments live in PRIVATE_MEDIA_ROOT, which nothing serves directly;
# they leave only through a view that checks access (courses/media.py), by
# nginx's X-Accel-Redirect when SENDFILE_BACKEND says so. MEDIA_ROOT ("public")
# holds only image renditions, so /media/ may be served as it is.
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
PRIVATE_MEDIA_ROOT = Path(
    env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
)
PRIVATE_MEDIA_URL = "/private-media/"  # nginx's `internal` location, never public
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": PRIVATE_MEDIA_URL},
    },
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Wagtail
WAGTAIL_SITE_NAME = "Coaching Community"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"],
    *["mp3", "m4a", "mp4", "webm"],  # uploaded recordings for the video library
]
# Documents go through Django so that only members can download them.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Recordings play in the page (Safari and iOS want them inline, not attachments).
WAGTAILDOCS_INLINE_CONTENT_TYPES = [
    *["application/pdf", "text/plain"],  # Wagtail's own
    *["video/mp4", "video/webm", "audio/mpeg", "audio/mp4"],
]
WAGTAILIMAGES_RENDITION_STORAGE = "public"
# django-sendfile2: "simple" means Django streams the file itself, with byte
# ranges (courses/media.py); "django_sendfile.backends.nginx" hands it to nginx.
SENDFILE_BACKEND = env("SENDFILE_BACKEND", default="django_sendfile.backends.simple")
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT
SENDFILE_URL = PRIVATE_MEDIA_URL
# Video players that lessons and videos may embed (Content-Security-Policy frame-src).
VIDEO_EMBED_HOSTS = env.list(
    "VIDEO_EMBED_HOSTS",
    default=[
        "https://player.vimeo.com",
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
    ],
)
# Where providers' video thumbnails may come from (Content-Security-Policy img-src);
# the library shows a neutral placeholder for any other.
VIDEO_THUMBNAIL_HOSTS = env.list(
    "VIDEO_THUMBNAIL_HOSTS", default=["https://i.vimeocdn.com", "https://i.ytimg.com"]
)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy: nothing inline, nothing from elsewhere, on every page
# (community/csp.py lets the two admins use inline styles, never scripts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *VIDEO_THUMBNAIL_HOSTS],
        "frame-src": VIDEO_EMBED_HOSTS,
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Join and Manage billing answer a POST with a redirect to Stripe's pages.
        "form-action": [
            SELF,
            "https://checkout.stripe.com",
            "https://billing.stripe.com",
        ],
    },
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "community.views.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Wagtail's page log and django-tasks' per-task lines are noise at INFO.
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("wagtail", "django_tasks", "modelsearch")
    },
}

# The program's own knobs.
COMMUNITY_NAME = "Coaching Community"
MEMBERSHIP_GRACE_DAYS = env.int("MEMBERSHIP_GRACE_DAYS", default=7)
# Wagtail's admin and its front-end login (pages with "login required") both
# lead to the one sign-in; /cms/login/ answers 403 to someone signed in already.
WAGTAILADMIN_LOGIN_URL = "/cms/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# The admin loads nothing from elsewhere: no Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Tell people by email when their password, email address or two-factor changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True

# The forum (django-machina), restyled into our layout.
MACHINA_FORUM_NAME = "Forum"
MACHINA_BASE_TEMPLATE_NAME = "base.html"
MACHINA_USER_DISPLAY_NAME_METHOD = "get_display_name"
MACHINA_MARKUP_LANGUAGE = ("forum.markup.render", {})
MACHINA_MARKUP_WIDGET = "django.forms.Textarea"
MACHINA_PROFILE_AVATARS_ENABLED = False
MACHINA_PROFILE_SIGNATURE_MAX_LENGTH = 255
MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE = 20
MACHINA_FORUM_TOPICS_NUMBER_PER_PAGE = 25
MACHINA_ATTACHMENT_CACHE_NAME = "default"
# A member's first posts wait for the director's approval.
FORUM_PREMODERATED_POSTS = env.int("FORUM_PREMODERATED_POSTS", default=3)
FORUM_REJECTED_RETENTION_DAYS = env.int("FORUM_REJECTED_RETENTION_DAYS", default=30)
FORUM_POST_MAX_LENGTH = 20_000
# Our overrides add no models to machina's apps: they keep machina's migrations.
MIGRATION_MODULES = {
    "forum_permission": "machina.apps.forum_permission.migrations",
    "forum_conversation": "machina.apps.forum_conversation.migrations",
}
# machina requires haystack; our own search (forum/search.py) does the work.
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}

# A new install's session rule (the 2nd and 4th Thursday; sessions migration 0005).
SESSIONS_DEFAULT_RULE = env.bool("SESSIONS_DEFAULT_RULE", default=True)

# Second-opinion consultations: every clock in hours, every deadline stored in UTC.
CONSULT_ACCEPT_HOURS = env.int("CONSULT_ACCEPT_HOURS", default=12)
CONSULT_DELIVER_HOURS = env.int("CONSULT_DELIVER_HOURS", default=48)
CONSULT_EXPEDITED_ACCEPT_HOURS = env.int("CONSULT_EXPEDITED_ACCEPT_HOURS", default=4)
CONSULT_EXPEDITED_DELIVER_HOURS = env.int("CONSULT_EXPEDITED_DELIVER_HOURS", default=24)
# Reminders before each deadline (besides the one at half of each window).
CONSULT_ACCEPT_REMINDER_HOURS = 2
CONSULT_DELIVER_REMINDER_HOURS = 6
# Lapsed offers in a row before the case goes to the director.
CONSULT_LAPSES_BEFORE_ESCALATION = 2
# Attachments, the conference and interview notes go this long after delivery.
CONSULT_RETENTION_DAYS = env.int("CONSULT_RETENTION_DAYS", default=365)
CONSULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
CONSULT_ATTACHMENT_MAX_COUNT = 5

# Consultation billing (consultation_billing): fees are kept by admins in /cms/.
# Invoices to someone else are due this many days after Stripe sends them;
# triage starts when the invoice is "sent" or only once it is "paid".
CONSULT_INVOICE_DAYS_DUE = env.int("CONSULT_INVOICE_DAYS_DUE", default=14)
CONSULT_TRIAGE_ON_INVOICE = env.str("CONSULT_TRIAGE_ON_INVOICE", default="sent")
# Cancelled after a reviewer accepted (before delivery): this share is refunded.
CONSULT_LATE_CANCEL_REFUND_PERCENT = env.int(
    "CONSULT_LATE_CANCEL_REFUND_PERCENT", default=50
)
# What a reviewer is owed per delivered case and per follow-up call held.
CONSULT_REVIEWER_FEE = env.int("CONSULT_REVIEWER_FEE", default=50000)
CONSULT_REVIEWER_FOLLOW_UP_FEE = env.int(
    "CONSULT_REVIEWER_FOLLOW_UP_FEE", default=15000
)
CONSULT_PAYOUT_CURRENCY = "usd"
# Follow-up video calls after delivery (consultation_calls): how many a case may
# have, how long one lasts, and until how many hours before its start either
# side may cancel it (the reviewer's cancellation refunds in full, the
# requester's CONSULT_LATE_CANCEL_REFUND_PERCENT: the reviewer had taken it on).
CONSULT_FOLLOW_UPS_PER_CASE = env.int("CONSULT_FOLLOW_UPS_PER_CASE", default=1)
CONSULT_FOLLOW_UP_MINUTES = env.int("CONSULT_FOLLOW_UP_MINUTES", default=40)
CONSULT_FOLLOW_UP_CANCEL_HOURS = env.int("CONSULT_FOLLOW_UP_CANCEL_HOURS", default=24)
# The program's postal address on consultation receipts (a patient submits the
# receipt to an insurer); lines separated by "\n" in the environment variable.
CONSULT_RECEIPT_ADDRESS = env.str("CONSULT_RECEIPT_ADDRESS", default="").replace(
    "\\n", "\n"
)
