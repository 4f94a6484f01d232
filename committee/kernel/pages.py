"""Pages of one app that apps further up the layers add sections to.

An app may not import the apps above it, yet a session's page shows what registration, the follow-up and
the report know of the session. So the page declares its places (`Sections`), and each app above registers
there, from its `AppConfig.ready()`, a function that renders its section (as pretix's plug-ins answer its
signals): the page shows them in order and never learns where they come from.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString

Render = Callable[[HttpRequest, Any], SafeString | str]


@dataclass(frozen=True)
class _Section:
    order: int
    render: Render


class Sections:
    """One place on a page: the sections registered there, each rendered for the object the page shows."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._sections: dict[str, _Section] = {}

    def add(self, *, order: int) -> Callable[[Render], Render]:
        """Register the decorated function, `render(request, obj) -> html` ("" to show nothing here)."""

        def register(render: Render) -> Render:
            # Keyed by the function's name, so that a module imported twice registers it once.
            self._sections[f"{render.__module__}.{render.__qualname__}"] = _Section(order, render)
            return render

        return register

    def render(self, request: HttpRequest, obj: Any) -> list[SafeString | str]:
        """The sections' HTML, in their order, leaving out the empty ones."""
        sections = sorted(self._sections.values(), key=lambda section: section.order)
        return [html for section in sections if (html := section.render(request, obj))]
