"""A secretariat's emblem, uploaded on its organization's page, printed in the masthead of its bodies' documents;
a file that is not an image it can print is refused, saying why, and nothing changes."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from committee.bodies.models import Entity
from tests.jobs import written

pytestmark = pytest.mark.django_db


def png(width: int = 120, height: int = 100) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 94, 184)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, content: bytes, name: str = "emblem.png", **more):
    page = reverse("setup:organization", kwargs={"code": "SECR"})
    fields = {"name_en": "Test Secretariat", "acronym_en": "TS", "organization_type": "un_body", "name_gender": ""}
    return client.post(page, {**fields, **more, "emblem_file": SimpleUploadedFile(name, content)}, follow=True)


def test_the_emblem_uploaded_is_printed_in_the_masthead(client, secretariat, small_session):
    client.force_login(secretariat)
    image = png()

    assert "SECR is saved." in upload(client, image).text

    assert bytes(Entity.objects.get(code="SECR").emblem) == image
    report = written(client, reverse("reports:session_report", kwargs={"code": "TST/G/2", "language": "en"}))
    with zipfile.ZipFile(io.BytesIO(report.content)) as package:
        media = [name for name in package.namelist() if name.startswith("word/media/")]
        assert [package.read(name) for name in media] == [image]


@pytest.mark.parametrize(
    ("content", "name", "said"),
    [
        (b"%PDF-1.4 not an image", "emblem.pdf", "only .jpeg, .jpg, .png files are accepted"),
        (b"\x89PNG\r\n\x1a\n but broken", "emblem.png", "is not an image that can be read"),
        (png(5000, 10), "wide.png", "is 5000 × 10 pixels: at most 4000 a side"),
    ],
)
def test_a_file_that_is_no_printable_image_is_refused_and_changes_nothing(
    client, secretariat, small_session, content, name, said
):
    client.force_login(secretariat)
    upload(client, png())

    page = upload(client, content, name).text

    assert said in page
    assert bytes(Entity.objects.get(code="SECR").emblem) == png()


def test_the_emblem_can_be_removed(client, secretariat, small_session):
    client.force_login(secretariat)
    upload(client, png())
    page = reverse("setup:organization", kwargs={"code": "SECR"})
    fields = {"name_en": "Test Secretariat", "acronym_en": "TS", "organization_type": "un_body"}

    client.post(page, {**fields, "remove_emblem": "on"})

    assert bytes(Entity.objects.get(code="SECR").emblem) == b""
