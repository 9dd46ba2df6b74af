"""The settings module, run the way production runs it (a separate process: settings are read
once per process)."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "CONNECTOR_SECRET_KEY": "dGVzdC1vbmx5LWNvbm5lY3Rvci1rZXktMzItYnl0ZXM=",
    "ALLOWED_HOSTS": "isms.example.com",
    "SECURE_SSL_REDIRECT": "1",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}


def _manage(*args, **env):
    # Only the basics of the parent's environment: test-only switches must not leak in.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=clean | env,
        capture_output=True, text=True, timeout=120,
    )


def test_deploy_check_is_clean_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", **(PRODUCTION | {"SECRET_KEY": ""}))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_connector_secret_key():
    result = _manage("check", **(PRODUCTION | {"CONNECTOR_SECRET_KEY": ""}))
    assert result.returncode != 0
    assert "CONNECTOR_SECRET_KEY must be set" in result.stderr


def _database_options(**env) -> str:
    code = "from django.conf import settings; print(sorted(settings.DATABASES['default']['OPTIONS'].items()))"
    postgresql = "postgres://isms@db.example.com/isms"
    result = _manage("shell", "--no-imports", "-c", code, **PRODUCTION, DATABASE_URL=postgresql, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def test_postgresql_prepares_statements_unless_told_not_to():
    assert _database_options() == "[('prepare_threshold', 5), ('server_side_binding', True)]"
    assert _database_options(DATABASE_PREPARED_STATEMENTS="0") == "[]"
