"""A server error leaves its traceback on the worker's stderr under production settings, at the level LOG_LEVEL sets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A worker under production settings, with one more address whose view raises; the request goes through Django's
# whole handler (middleware, logging), as the ASGI server's would.
RAISING_REQUEST = """
import logging, sys, types
import django
django.setup()
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import include, path

def broken(request):
    raise RuntimeError("the view broke")

def noted(request):
    logging.getLogger("meetings.programme.views").info("the view noted something")
    return HttpResponse("ok")

urls = types.ModuleType("raising_urls")
urls.urlpatterns = [path("broken/", broken), path("noted/", noted), path("", include("config.urls"))]
sys.modules["raising_urls"] = urls
with override_settings(ROOT_URLCONF="raising_urls"):
    client = Client(raise_request_exception=False)
    print(client.get("/broken/", secure=True).status_code, client.get("/noted/", secure=True).status_code)
"""


def serve_one_request(**env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "LOG_LEVEL")}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "sqlite:///:memory:",
        "ALLOWED_HOSTS": "testserver",
    } | env
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", RAISING_REQUEST], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_a_server_error_logs_its_traceback_to_stderr_in_production():
    result = serve_one_request()

    assert result.stdout.split() == ["500", "200"], result.stderr
    assert "Internal Server Error: /broken/" in result.stderr
    assert "Traceback (most recent call last):" in result.stderr
    assert "RuntimeError: the view broke" in result.stderr
    assert "the view noted something" in result.stderr  # the app's own records, at INFO by default


def test_log_level_sets_what_the_app_logs():
    result = serve_one_request(LOG_LEVEL="warning")

    assert "RuntimeError: the view broke" in result.stderr
    assert "the view noted something" not in result.stderr
