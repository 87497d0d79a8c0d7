"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "community.settings.production",
    "SECRET_KEY": "x" * 20 + "-production-secret-with-plenty-of-entropy-0123456789",
    "ALLOWED_HOSTS": "coaching.example.org",
    "SITE_URL": "https://coaching.example.org",
    "DATABASE_URL": f"sqlite:///{ROOT / 'test-results' / 'deploy-check.sqlite3'}",
}


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    for leaked in ("REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # set by other tests
        clean.pop(leaked, None)
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE']); print(s.CACHES['default']['BACKEND']); "
    "print(s.Q_CLUSTER.get('redis') or 'orm:' + s.Q_CLUSTER.get('orm', ''))"
)


def test_deploy_check_reports_nothing_in_production():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', "
        "'DEBUG'])",
        PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_missing_production_setting_fails_at_start_up_naming_it(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set the {missing} environment variable" in result.stderr


def test_development_defaults_need_nothing_configured():
    result = run_python(SHOW, {"DJANGO_SETTINGS_MODULE": "community.settings.dev"})
    assert result.returncode == 0, result.stderr
    engine, cache, broker = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert cache.endswith("LocMemCache")
    assert broker == "orm:default"


def test_database_and_redis_urls_switch_the_integrations_on():
    result = run_python(
        SHOW,
        {
            "DJANGO_SETTINGS_MODULE": "community.settings.dev",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
        },
    )
    assert result.returncode == 0, result.stderr
    engine, cache, broker = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert cache == "django.core.cache.backends.redis.RedisCache"
    assert broker == "redis://127.0.0.1:6379/3"


def test_production_cookies_are_secure_and_http_only():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_SAMESITE, s.DEBUG)",
        PRODUCTION_ENV,
    )
    assert result.stdout.split() == ["True", "True", "True", "Lax", "False"]


CACHE_AND_LIMITS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.CACHES['default']['BACKEND']); "
    "print(s.CACHES['default'].get('LOCATION'))"
)


def test_production_without_redis_keeps_rate_limits_in_the_database():
    """Rate limits count in the shared cache: per-process memory would let each
    worker allow its own share of attempts."""
    result = run_python(CACHE_AND_LIMITS, PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    backend, location = result.stdout.split()
    assert backend == "django.core.cache.backends.db.DatabaseCache"
    assert location == "community_cache"


def test_production_with_redis_keeps_rate_limits_in_redis():
    result = run_python(
        CACHE_AND_LIMITS, {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/2"}
    )
    assert result.returncode == 0, result.stderr
    backend, location = result.stdout.split()
    assert backend == "django.core.cache.backends.redis.RedisCache"
    assert location == "redis://127.0.0.1:6379/2"


def test_production_never_uses_per_process_memory_for_the_cache():
    for extra in ({}, {"REDIS_URL": "redis://127.0.0.1:6379/2"}):
        result = run_python(
            "import django; django.setup(); from django.conf import settings as s; "
            "print(*sorted(c['BACKEND'] for c in s.CACHES.values()))",
            {**PRODUCTION_ENV, **extra},
        )
        assert result.returncode == 0, result.stderr
        assert "LocMemCache" not in result.stdout
        assert "DummyCache" not in result.stdout


@pytest.mark.django_db
def test_migrate_creates_the_database_cache_table(settings):
    """``migrate`` runs createcachetable after it (community.apps), so a new
    production database needs no extra step."""
    from django.apps import apps
    from django.core.cache import caches
    from django.db import connection
    from django.db.models.signals import post_migrate

    from community.apps import create_cache_tables

    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "test_shared_cache",
        },
    }
    sync_receivers, _ = post_migrate._live_receivers(apps.get_app_config("community"))
    assert create_cache_tables in sync_receivers
    create_cache_tables(sender=None, using="default")
    create_cache_tables(sender=None, using="default")  # twice: nothing happens
    assert "test_shared_cache" in connection.introspection.table_names()
    caches["shared"].set("login_failed", 3)
    assert caches["shared"].get("login_failed") == 3
