"""Files live in the database: every worker sees them, a backup holds them, and a rollback takes them away."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from committee.files.models import StoredFile
from documents.registry.models import Document, DocumentFile


def download(client, symbol: str, language: str) -> bytes:
    response = client.get(reverse("registry:document_file", kwargs={"symbol": symbol, "language": language}))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_an_uploaded_version_is_a_row_of_the_database_with_its_checksum(client, cast, small_session, settings):
    client.force_login(cast["secretariat"])
    content = b"%PDF-1.7 ordre du jour " + bytes(range(256)) * 100
    client.post(
        reverse("registry:upload_version", kwargs={"symbol": "TST/G/2/1"}),
        {"language": "fr", "file": SimpleUploadedFile("ordre-du-jour.pdf", content)},
    )

    stored = StoredFile.objects.get()
    assert stored.name == DocumentFile.objects.get().file.name == "documents/TST_G_2_1/TST_G_2_1.fr.pdf"
    assert (stored.size, stored.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert not (settings.BASE_DIR / "media" / stored.name).exists()
    assert download(client, "TST/G/2/1", "fr") == content


def test_a_file_saved_in_a_transaction_that_rolls_back_is_gone(small_session):
    document = Document.objects.get(symbol="TST/G/2/1")

    def upload_then_fail():
        with transaction.atomic():
            DocumentFile(document=document, language="en").file.save("agenda.pdf", ContentFile(b"%PDF-1.7"))
            raise RuntimeError("the request fails after the upload")

    with pytest.raises(RuntimeError):
        upload_then_fail()
    assert not StoredFile.objects.exists()
    assert not DocumentFile.objects.exists()


def test_the_files_an_earlier_version_kept_on_disk_move_into_the_database(client, cast, small_session, tmp_path):
    document = Document.objects.get(symbol="TST/G/2/1")
    DocumentFile.objects.bulk_create(
        [
            DocumentFile(document=document, language="fr", file="documents/TST_G_2_1/TST_G_2_1.fr.pdf"),
            DocumentFile(document=document, language="es", file="documents/TST_G_2_1/TST_G_2_1.es.pdf"),
        ]
    )
    media = tmp_path / "media"
    (media / "documents/TST_G_2_1").mkdir(parents=True)
    (media / "documents/TST_G_2_1/TST_G_2_1.fr.pdf").write_bytes(b"%PDF-1.7 ordre du jour")

    with pytest.raises(CommandError, match="1 files that rows point to are missing"):
        call_command("store_files_in_database", str(media))
    (media / "documents/TST_G_2_1/TST_G_2_1.es.pdf").write_bytes(b"%PDF-1.7 orden del dia")
    call_command("store_files_in_database", str(media))  # again: what is stored already is left as it is

    client.force_login(cast["member"])
    assert download(client, "TST/G/2/1", "fr") == b"%PDF-1.7 ordre du jour"
    assert download(client, "TST/G/2/1", "es") == b"%PDF-1.7 orden del dia"
    assert StoredFile.objects.count() == 2
