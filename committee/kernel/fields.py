"""Model fields and validators that several apps' models share."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not an IANA time zone such as Europe/Zurich."), params={"value": value})


class WebAddressField(models.URLField):
    """A web address; typed without its scheme, it is taken to be https (Django 6's default, already)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
