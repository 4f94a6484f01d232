"""Tests: fast hashing, mail kept in memory, the in-memory channel layer unless REDIS_URL is set."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each request and each websocket action closes its database connection when it ends (as in base): the browser
# tests serve the app from threads of the test's process, whose connections would otherwise outlive the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Pages are served from the cache in the tests too (one process: its memory is the shared cache), so that every
# test that changes data and reads a page back checks that the page follows.
PAGE_CACHE_SECONDS = 60
# The API's rate limits are tested on their own (tests/documents/api); the schema's checks send many requests.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"}}  # noqa: F405
