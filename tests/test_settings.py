"""Settings come from the environment, and production refuses to start on unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = """
import django
django.setup()
from django.conf import settings as s
print(s.DEBUG, s.DATABASES["default"]["ENGINE"], s.CHANNEL_LAYERS["default"]["BACKEND"])
"""


def run_check(**env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL")
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_development_defaults_to_sqlite_and_the_in_memory_channel_layer():
    result = run_check(DJANGO_SETTINGS_MODULE="config.settings.local")

    assert result.stdout.split() == ["True", "django.db.backends.sqlite3", "channels.layers.InMemoryChannelLayer"]


def test_database_and_redis_urls_switch_to_postgresql_and_redis():
    result = run_check(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL="postgres://user@127.0.0.1:5432/rapporteur",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.stdout.split() == [
        "True",
        "django.db.backends.postgresql",
        "channels_redis.pubsub.RedisPubSubChannelLayer",
    ]


PRODUCTION_DATABASE = "postgres://user@127.0.0.1:5432/rapporteur"
PRINT_DATABASE = """
import django
django.setup()
from django.conf import settings as s
database = s.DATABASES["default"]
print(database["CONN_MAX_AGE"], database.get("OPTIONS", {}).get("pool"), database["CONN_HEALTH_CHECKS"])
"""


def test_under_asgi_connections_are_not_kept_but_pooled_on_postgresql():
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DATABASE_POOL")}
    environment |= {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 50}

    def database(url: str, **env: str) -> str:
        return subprocess.run(  # noqa: S603
            [sys.executable, "-c", PRINT_DATABASE],
            cwd=ROOT,
            env=environment | {"DATABASE_URL": url} | env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    # The pool's connections are each tried as they are taken (health checks): PostgreSQL may have restarted.
    assert database(PRODUCTION_DATABASE) == "0 {'min_size': 1, 'max_size': 10, 'timeout': 10.0} True"
    assert (
        database(PRODUCTION_DATABASE, DATABASE_POOL_MAX_SIZE="4")
        == "0 {'min_size': 1, 'max_size': 4, 'timeout': 10.0} True"
    )
    assert database("sqlite:///:memory:") == "0 None False"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(DJANGO_SETTINGS_MODULE="config.settings.production", DATABASE_URL=PRODUCTION_DATABASE)

    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set." in result.stderr


def test_production_refuses_to_fall_back_to_sqlite():
    result = run_check(DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "The environment variable DATABASE_URL must be set." in result.stderr


def test_production_is_never_in_debug():
    result = run_check(
        DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="x" * 50, DATABASE_URL=PRODUCTION_DATABASE
    )

    assert result.stdout.split()[0] == "False"


def test_the_asgi_application_served_by_a_worker_uses_production_settings():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import config.asgi; from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": "x" * 50, "DATABASE_URL": PRODUCTION_DATABASE},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.stdout.strip() == "False", result.stderr


PRINT_SECURITY = """
import django
django.setup()
from django.conf import settings as s
from django.test import Client
response = Client().get("/admin/login/", secure=True)  # a redirect: no database needed
print(response.headers["Strict-Transport-Security"], s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, sep="|")
print(response.headers["Content-Security-Policy"])
"""


def production_security(**env: str) -> list[str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "REDIS_URL", "SECURE_HSTS_PRELOAD")
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "sqlite:///:memory:",
        "ALLOWED_HOSTS": "testserver",
    } | env
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SECURITY], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    hsts, csp = result.stdout.strip().split("\n")
    return [*hsts.split("|"), csp]


def test_production_sends_hsts_for_a_year_with_subdomains_and_without_preload():
    assert production_security()[:3] == ["max-age=31536000; includeSubDomains", "True", "False"]


def test_hsts_preload_is_asked_for():
    assert production_security(SECURE_HSTS_PRELOAD="1")[:3] == [
        "max-age=31536000; includeSubDomains; preload",
        "True",
        "True",
    ]


def test_production_allows_the_websockets_of_its_https_site():
    csp = production_security(SITE_URL="https://rapporteur.example.org")[3]
    directives = {directive.strip() for directive in csp.split(";")}  # in any order

    assert "connect-src 'self' wss://rapporteur.example.org" in directives
    assert "frame-ancestors 'none'" in directives
