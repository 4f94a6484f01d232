"""ASGI entry point for the servers (daphne, uvicorn): production settings unless told otherwise.

HTTP goes through Django; websockets through channels' routing, with the session's user, from this
site's pages only.
"""

import gc
import os

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django_application = get_asgi_application()  # sets Django up before the routes import models

# A worker's garbage collections, fewer and smaller. Django's modules, settings and URL patterns, made at start and
# kept for the process's life, are left out of every collection (`freeze`). And the youngest objects are collected
# after 50,000 allocations rather than 700: a change sent to 1,500 sockets allocates tens of thousands of objects
# at once, which a collection in mid-send would promote, still in use, to the oldest generation; that triggered a
# full collection every few seconds, each half a second long with 850,000 objects (benchmark_live's p99 four
# times its median; with this, 1.7 times). Cyclic garbage waits a little longer; nothing else changes.
gc.freeze()
gc.set_threshold(50_000)

from documents.reports.routing import websocket_urlpatterns as report_routes  # noqa: E402
from meetings.live.routing import websocket_urlpatterns as meeting_routes  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter([*meeting_routes, *report_routes]))),
    }
)
