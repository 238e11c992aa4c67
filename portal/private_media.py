"""Handing a private file to a person the caller has already checked.

The permission check stays in the view; this decides only how the bytes
travel, by where the file lives:
- in object storage (S3): a redirect to a signed URL that works for
  PRIVATE_MEDIA_URL_SECONDS and makes the bucket answer as a download with
  the checked content type, so no web node carries the file;
- on disk behind nginx (PRIVATE_MEDIA_ACCEL_REDIRECT): an empty response
  whose X-Accel-Redirect names the file under nginx's internal location;
- otherwise: Django streams it.
Every answer is a download (never rendered inline) and is not cached."""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

NO_STORE = "private, no-store"


def _signs_urls(storage) -> bool:
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # pragma: no cover - a runtime dependency
        return False
    return isinstance(storage, S3Storage) and storage.querystring_auth


def private_file_response(*, file, filename: str, content_type: str):
    """The response that delivers `file` (a FieldFile in a private storage)
    as a download named `filename`."""
    storage = file.storage
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    if _signs_urls(storage):
        url = storage.url(
            file.name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
                "ResponseCacheControl": NO_STORE,
            },
            expire=settings.PRIVATE_MEDIA_URL_SECONDS,
        )
        response = HttpResponseRedirect(url)
    elif settings.PRIVATE_MEDIA_ACCEL_REDIRECT and isinstance(
        storage, FileSystemStorage
    ):
        response = HttpResponse(content_type=content_type)
        response["Content-Disposition"] = disposition
        response["X-Accel-Redirect"] = (
            settings.PRIVATE_MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(file.name)
        )
    else:
        response = FileResponse(
            file.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type=content_type,
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = NO_STORE
    return response
