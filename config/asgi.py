"""ASGI entry point for the servers (daphne, uvicorn): production settings unless told otherwise.

HTTP goes through Django; websockets through channels' routing, with the session's user, from this
site's pages only.
"""

import os

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django_application = get_asgi_application()  # sets Django up before the routes import models

from documents.reports.routing import websocket_urlpatterns as report_routes  # noqa: E402
from meetings.live.routing import websocket_urlpatterns as meeting_routes  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter([*meeting_routes, *report_routes]))),
    }
)
