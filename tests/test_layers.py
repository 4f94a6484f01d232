"""The layers of the apps hold where imports do not show them: in foreign keys and in templates.

`lint-imports` checks the imports against the contract in pyproject.toml; these tests read the same
contract and check what Python imports cannot: the models a foreign key points to, the tag libraries a
template loads and the templates it includes or extends.
"""

import re
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.template import engines

ROOT = Path(settings.BASE_DIR)
LAYERS: list[list[str]] = [
    [name.strip() for name in layer.split("|")]
    for layer in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"][0]["layers"]
]
TAG = re.compile(r"{%\s*(load|include|extends)\s+(.+?)\s*%}")


def layer_of(module: str) -> tuple[int, str] | None:
    """The layer (0 at the top) and the app of a dotted module name, or None outside the layered apps."""
    for depth, layer in enumerate(LAYERS):
        for app in layer:
            if module == app or module.startswith(app + "."):
                return depth, app
    return None


def refused(user: str, used: str) -> bool:
    """May code of `user` (a module) not use `used`? Only the same app, or an app of a layer below, is allowed."""
    mine, theirs = layer_of(user), layer_of(used)
    if mine is None or theirs is None:
        return False
    return theirs[1] != mine[1] and theirs[0] <= mine[0]


def project_apps():
    return [config for config in apps.get_app_configs() if layer_of(config.name)]


def template_owner(name: str) -> str | None:
    """The app whose templates folder holds the template `name` (None for the project's own templates/)."""
    for config in project_apps():
        if (Path(config.path) / "templates" / name).exists():
            return config.name
    return None


def template_problems() -> list[str]:
    libraries = engines["django"].engine.libraries  # tag library name -> its module's dotted path
    problems = []
    for config in project_apps():
        for path in sorted((Path(config.path) / "templates").rglob("*.*")):
            for kind, argument in TAG.findall(path.read_text()):
                if kind == "load":
                    used = [libraries[name] for name in argument.split() if name in libraries]
                elif argument[0] in "\"'":
                    used = [owner] if (owner := template_owner(argument.strip("\"'").split()[0])) else []
                else:  # a variable: the template is chosen at run time, by code that the imports check
                    used = []
                problems += [
                    f"{path.relative_to(ROOT)}: {kind} {argument} ({module})"
                    for module in used
                    if refused(config.name, module)
                ]
    return problems


def test_every_app_is_in_a_layer():
    names = {config.name for config in project_apps()}
    listed = {app for layer in LAYERS for app in layer}
    assert listed - {"documents.builders"} <= names  # the builders are a package of pure functions, not an app
    assert all(
        layer_of(name)
        for name in settings.INSTALLED_APPS
        if name.split(".")[0] in {"committee", "meetings", "decisions", "documents"}
    )


def test_foreign_keys_point_to_the_same_app_or_below():
    problems = [
        f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
        for config in project_apps()
        for model in config.get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model is not None
        and refused(config.name, field.related_model._meta.app_config.name)
    ]
    assert problems == []


def test_templates_load_and_include_only_from_the_same_app_or_below():
    assert template_problems() == []


@pytest.mark.parametrize(
    ("user", "used", "is_refused"),
    [
        ("meetings.programme.views", "documents.registry.models", False),  # the registry is below the programme
        ("documents.registry.models", "meetings.programme.models", True),  # and may not point up to it
        ("meetings.live.services", "meetings.registration.models", True),  # side by side: independent
        ("decisions.follow_up.views", "decisions.follow_up.models", False),  # within an app
        ("config.urls", "documents.exchange.session_file", False),  # outside the layers
    ],
)
def test_the_check_tells_a_layer_broken(user, used, is_refused):
    assert refused(user, used) is is_refused
