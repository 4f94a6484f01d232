"""Development: debug on, a fixed key that is only ever used on a developer's machine."""

from config.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "development-only-key-never-used-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo's published secretariat login would otherwise have to set up an authenticator first.
MFA_REQUIRED_FOR_SECRETARIAT = env_bool("MFA_REQUIRED_FOR_SECRETARIAT", False)
