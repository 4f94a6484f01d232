from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest


def stored_file(request: HttpRequest, name: str) -> FileResponse:
    """A stored file by its name, for the administrators (the admin's links): everyone else reads files through
    the pages that ask who may read them."""
    if not request.user.is_superuser or not default_storage.exists(name):
        raise Http404
    return FileResponse(default_storage.open(name), as_attachment=True, filename=PurePosixPath(name).name)
