from django import template
from django.forms import BoundField

register = template.Library()

CHECKABLE = ("checkbox", "radio")


@register.filter
def bootstrap(field: BoundField) -> str:
    """The field's widget with the Bootstrap class its kind of input takes."""
    kind = getattr(field.field.widget, "input_type", "")
    css = "form-check-input" if kind in CHECKABLE else "form-select" if kind == "select" else "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.filter
def is_checkable(field: BoundField) -> bool:
    return getattr(field.field.widget, "input_type", "") in CHECKABLE
