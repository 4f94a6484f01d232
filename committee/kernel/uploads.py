"""What an uploaded file must be before it is kept: of an accepted format, within the size limit, and what its
name says it is (its first bytes checked, a zip-based file opened)."""

import io
import zipfile
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

_ZIP = b"PK\x03\x04"
# A language version of a document of the registry, and how its first bytes must look.
DOCUMENT_FORMATS = {
    ".pdf": (b"%PDF-",),
    ".docx": (_ZIP,),
    ".odt": (_ZIP,),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}
# Evidence of progress: a document, a spreadsheet or a photograph.
EVIDENCE_FORMATS = DOCUMENT_FORMATS | {
    ".xlsx": (_ZIP,),
    ".ods": (_ZIP,),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


# An emblem for the masthead: an image, small.
EMBLEM_FORMATS: dict[str, tuple[bytes, ...]] = {
    suffix: EVIDENCE_FORMATS[suffix] for suffix in (".png", ".jpg", ".jpeg")
}
EMBLEM_MAX_BYTES = 1024 * 1024
EMBLEM_MAX_PIXELS = 4000


def check_image(upload, *, max_bytes: int = EMBLEM_MAX_BYTES) -> bytes:
    """An uploaded PNG or JPEG image, read whole: refused, with the reason, if it is larger than `max_bytes`,
    not what its name says, or not an image Pillow can read within EMBLEM_MAX_PIXELS a side."""
    from PIL import Image, UnidentifiedImageError

    check_upload(upload, EMBLEM_FORMATS)
    if upload.size > max_bytes:
        raise forms.ValidationError(
            _("%(name)s is larger than %(limit)s."), params={"name": upload.name, "limit": filesizeformat(max_bytes)}
        )
    content = upload.read()
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            if max(width, height) > EMBLEM_MAX_PIXELS:
                raise forms.ValidationError(
                    _("%(name)s is %(width)d × %(height)d pixels: at most %(limit)d a side."),
                    params={"name": upload.name, "width": width, "height": height, "limit": EMBLEM_MAX_PIXELS},
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise forms.ValidationError(
            _("%(name)s is not an image that can be read."), params={"name": upload.name}
        ) from None
    return content


def check_upload(upload, formats: dict[str, tuple[bytes, ...]]) -> None:
    """Refuse a file that is too large, of another format, or not what its name says."""
    suffix = PurePosixPath(upload.name).suffix.lower()
    if suffix not in formats:
        raise forms.ValidationError(
            _("%(name)s: only %(formats)s files are accepted."),
            params={"name": upload.name, "formats": ", ".join(sorted(formats))},
        )
    if upload.size > settings.DOCUMENT_UPLOAD_MAX_BYTES:
        raise forms.ValidationError(
            _("%(name)s is larger than %(limit)s."),
            params={"name": upload.name, "limit": filesizeformat(settings.DOCUMENT_UPLOAD_MAX_BYTES)},
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in formats[suffix]):
        raise forms.ValidationError(
            _("%(name)s is not a valid %(format)s file."), params={"name": upload.name, "format": suffix[1:].upper()}
        )
    if head.startswith(_ZIP) and not zipfile.is_zipfile(upload):
        raise forms.ValidationError(_("%(name)s is damaged."), params={"name": upload.name})
    upload.seek(0)
