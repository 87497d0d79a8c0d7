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
