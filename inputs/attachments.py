"""Checking an uploaded file before it becomes an attachment.

The type comes from the content, never from the name or the browser's claim:
`filetype` reads the magic bytes; DOCX, XLSX and ODT are all zip files, so
their inner structure decides which (if any) they are. Images are re-encoded
with Pillow, which leaves EXIF, GPS and other metadata behind."""

import io
import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_ATTACHMENTS = 5
MAX_SIZE = 10 * 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
JPEG = "image/jpeg"
PNG = "image/png"

EXTENSIONS = {
    PDF: "pdf",
    DOCX: "docx",
    XLSX: "xlsx",
    ODT: "odt",
    JPEG: "jpg",
    PNG: "png",
}
ALLOWED_LABEL = "PDF, DOCX, XLSX, ODT, JPEG, PNG"


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    content: ContentFile


def _zip_kind(data: bytes) -> str | None:
    """Which office format a zip container is, by its members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                if archive.read("mimetype").strip() == ODT.encode():
                    return ODT
                return None
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return DOCX
                if any(n.startswith("xl/") for n in names):
                    return XLSX
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def detect_type(data: bytes) -> str | None:
    """The allowed MIME type the content really is, or None."""
    kind = filetype.guess(data)
    if kind is None:
        return None
    if kind.mime in (PDF, JPEG, PNG):
        return kind.mime
    if kind.mime in ("application/zip", DOCX, XLSX, ODT):
        return _zip_kind(data)
    return None


def _strip_image(data: bytes, content_type: str) -> bytes:
    """Re-encode from the pixels alone: no EXIF, GPS, comments or profiles.
    The EXIF orientation is applied first so the picture stays upright."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        image = ImageOps.exif_transpose(image)
        if content_type == JPEG:
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if content_type == JPEG:
        clean.save(out, format="JPEG", quality=90)
    else:
        clean.save(out, format="PNG", optimize=True)
    return out.getvalue()


def check_upload(upload) -> CheckedFile:
    """Validate one uploaded file and return what may be stored. Raises a
    ValidationError in Danish that names the file."""
    name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _(
                "»%(name)s« er for stor (%(size)s MB). Den største tilladte størrelse er 10 MB."
            )
            % {
                "name": name,
                "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
            },
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    content_type = detect_type(data)
    if content_type is None:
        raise ValidationError(
            _(
                "»%(name)s« er ikke en tilladt filtype. Tilladt er %(allowed)s; typen bestemmes ud fra filens indhold, ikke navnet."
            )
            % {"name": name, "allowed": ALLOWED_LABEL},
            code="wrong_type",
        )
    if content_type in (JPEG, PNG):
        try:
            data = _strip_image(data, content_type)
        except (
            UnidentifiedImageError,
            OSError,
            ValueError,
            Image.DecompressionBombError,
        ) as error:
            raise ValidationError(
                _("»%(name)s« kunne ikke læses som et billede.") % {"name": name},
                code="broken_image",
            ) from error
    stem = name.rsplit(".", 1)[0] or "bilag"
    stored_name = f"{stem}.{EXTENSIONS[content_type]}"
    return CheckedFile(stored_name, content_type, ContentFile(data, name=stored_name))


def check_count(*, existing: int, names: list[str]) -> None:
    """At most five in all; the error names the files that do not fit."""
    room = max(MAX_ATTACHMENTS - existing, 0)
    if len(names) > room:
        raise ValidationError(
            _(
                "Et input kan højst have %(max)s bilag, og det har allerede "
                "%(existing)s. Disse filer blev ikke tilføjet: %(names)s."
            )
            % {
                "max": MAX_ATTACHMENTS,
                "existing": existing,
                "names": ", ".join(f"»{n}«" for n in names[room:]),
            },
            code="too_many",
        )
