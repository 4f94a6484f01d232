"""A Django storage whose files are rows of `StoredFile`, read and written through the default database connection,
so inside the caller's transaction."""

import hashlib
import posixpath
from datetime import datetime
from pathlib import PurePosixPath

from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.deconstruct import deconstructible

from .models import StoredFile


@deconstructible(path="committee.files.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    def _save(self, name: str, content: File) -> str:
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks())
        sha256 = hashlib.sha256(data).hexdigest()
        for _attempt in range(5):
            try:
                with transaction.atomic():  # a savepoint: a name taken meanwhile leaves the caller's work whole
                    StoredFile.objects.create(name=name, content=data, size=len(data), sha256=sha256)
                return name
            except IntegrityError:  # another transaction stored a file of that name since `exists` looked
                name = self.get_alternative_name(*posixpath.splitext(name))
        raise IntegrityError(f"No free name was found for {name}.")

    def _open(self, name: str, mode: str = "rb") -> File:
        if set(mode) & set("wa+"):
            raise ValueError("Stored files are written by saving them, not by opening them for writing.")
        content = StoredFile.objects.filter(name=name).values_list("content", flat=True).first()
        if content is None:
            raise FileNotFoundError(name)
        return ContentFile(bytes(content), name=name)

    def exists(self, name: str) -> bool:
        return StoredFile.objects.filter(name=name).exists()

    def delete(self, name: str) -> None:
        StoredFile.objects.filter(name=name).delete()

    def size(self, name: str) -> int:
        size = StoredFile.objects.filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(name)
        return size

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = f"{path.rstrip('/')}/" if path.strip("/") else ""
        directories, files = set(), []
        for name in StoredFile.objects.filter(name__startswith=prefix).values_list("name", flat=True):
            first, *rest = PurePosixPath(name[len(prefix) :]).parts
            if rest:
                directories.add(first)
            else:
                files.append(first)
        return sorted(directories), files

    def get_created_time(self, name: str) -> datetime:
        stored_at = StoredFile.objects.filter(name=name).values_list("stored_at", flat=True).first()
        if stored_at is None:
            raise FileNotFoundError(name)
        return stored_at

    get_modified_time = get_created_time  # a stored file is never changed: saving again stores another name

    def url(self, name: str | None) -> str:
        """For the administrators only (the admin links each file here): everyone else reads a file through the
        page that asks who may read it."""
        return reverse("files:stored_file", kwargs={"name": name})
