"""ASGI entry point for the servers (daphne, uvicorn): production settings unless told otherwise.

HTTP goes through Django; websocket routes join here as the live features land.
"""

import os

from channels.routing import ProtocolTypeRouter
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = ProtocolTypeRouter({"http": get_asgi_application()})
