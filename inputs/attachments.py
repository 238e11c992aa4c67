"""Checking an uploaded file before it becomes an attachment.

The type comes from the content, never from the name or the browser's claim:
`filetype` reads the magic bytes; DOCX, XLSX and ODT are all zip files, so
their inner structure decides which (if any) they are. Images are re-encoded
with Pillow, which leaves EXIF, GPS and other metadata behind. A document's
text is read (pypdf for a PDF, the XML of the others) and held to the CPR
rule, as the input's own text is; a picture's text is not read."""

import html
import io
import logging
import re
import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .personal_data import cpr_numbers, file_name_check

logger = logging.getLogger(__name__)

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

# What checking a file may cost. A 10 MB upload can claim to unpack to
# gigabytes (a zip bomb) or to be 100,000 pixels wide in a few kilobytes, so
# the limits are on what it expands to, checked before it is expanded.
# Real office documents stay far below these: hundreds of members, tens of MB.
MAX_ZIP_MEMBERS = 1000
MAX_ZIP_DIRECTORY = 512 * 1024
MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024
# XML compresses well, but not a thousand times; small members may.
MAX_ZIP_RATIO = 200
ZIP_RATIO_FROM = 1024 * 1024
ZIP_CHUNK = 64 * 1024
# 40 megapixels: more than any phone camera's ordinary photo. Decoding one
# costs width x height x 4 bytes several times over.
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    content: ContentFile


class TooBigToCheck(Exception):
    """The file would expand beyond what we are willing to check."""


def _central_directory_fits(data: bytes) -> bool:
    """Read the end-of-archive record before zipfile does: zipfile builds an
    object for every member listed, so a huge listing costs memory before any
    limit could be checked. Zip64 (over 65,535 members) is refused too."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        return True  # not a zip zipfile can open; it says so itself
    members = int.from_bytes(data[end + 10 : end + 12], "little")
    directory_size = int.from_bytes(data[end + 12 : end + 16], "little")
    return members <= MAX_ZIP_MEMBERS and directory_size <= MAX_ZIP_DIRECTORY


def _check_zip_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse on the declared sizes, then unpack every member in chunks and
    count: the declared sizes are the sender's word, the bytes are not."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise TooBigToCheck
    if sum(m.file_size for m in members) > MAX_ZIP_UNCOMPRESSED:
        raise TooBigToCheck
    for member in members:
        if member.file_size > ZIP_RATIO_FROM and (
            member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1)
        ):
            raise TooBigToCheck
    total = 0
    for member in members:
        with archive.open(member) as stream:
            while chunk := stream.read(ZIP_CHUNK):
                total += len(chunk)
                if total > MAX_ZIP_UNCOMPRESSED:
                    raise TooBigToCheck


_NOT_IN_FILE_NAMES = re.compile(r'[<>:"|?*]')


class HasMacros(Exception):
    """An office file that carries macros: BL's staff open these files."""


# Where Word and Excel (vbaProject.bin) and LibreOffice (Basic/, Scripts/)
# keep macros; a .docm renamed .docx still holds them.
_MACROS_RE = re.compile(r"(?:^|/)vbaProject\.bin$|^(?:Basic|Scripts)/", re.IGNORECASE)


def _zip_kind(data: bytes) -> str | None:
    """Which office format a zip container is, by its members. Raises
    TooBigToCheck for an archive beyond the limits above, HasMacros for one
    with macros."""
    if not _central_directory_fits(data):
        raise TooBigToCheck
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_zip_sizes(archive)
            names = set(archive.namelist())
            if any(_MACROS_RE.search(n) for n in names):
                raise HasMacros
            if "mimetype" in names:
                with archive.open("mimetype") as stream:
                    mimetype = stream.read(len(ODT) + 2)
                if mimetype.strip() == ODT.encode():
                    return ODT
                return None
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return DOCX
                if any(n.startswith("xl/") for n in names):
                    return XLSX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError):
        return None
    return None


def detect_type(data: bytes) -> str | None:
    """The allowed MIME type the content really is, or None. Raises
    TooBigToCheck for an archive that unpacks to too much."""
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


def _clean_image(data: bytes, content_type: str, name: str) -> bytes:
    """The image without metadata, or a ValidationError. The size comes from
    the header, before a single pixel is decoded."""
    too_big = _(
        "»%(name)s« er et for stort billede (%(width)s × %(height)s punkter). "
        "Det største tilladte er 40 megapixel; gem billedet i en mindre opløsning."
    )
    broken = _("»%(name)s« kunne ikke læses som et billede.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Image.DecompressionBombError as error:
        # Pillow's own, higher limit: refused already at the header.
        raise ValidationError(
            too_big % {"name": name, "width": "?", "height": "?"},
            code="image_too_big",
        ) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(broken % {"name": name}, code="broken_image") from error
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            too_big % {"name": name, "width": width, "height": height},
            code="image_too_big",
        )
    try:
        return _strip_image(data, content_type)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(broken % {"name": name}, code="broken_image") from error


# The parts of a document that hold its text, by type.
_TEXT_MEMBERS = {
    DOCX: re.compile(
        r"^word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$"
    ),
    XLSX: re.compile(r"^xl/(?:sharedStrings|worksheets/sheet\d+|comments\d*)\.xml$"),
    ODT: re.compile(r"^(?:content|styles)\.xml$"),
}
# Where a paragraph, a cell or a line ends in that XML; other tags join.
_BREAK_TAGS = re.compile(
    r"<(?:/w:p|w:br|w:tab|w:cr|/si|/c|/text:p|/text:h|text:line-break|text:tab"
    r"|table:table-cell)\b[^>]*>"
)
_TAG = re.compile(r"<[^>]*>")
# What reading a document's text may cost: pypdf reads some 45 ms a page of
# text here, so a PDF's first 100 pages are checked (4.5 s at most); the
# XML of the others is read whole (at most 100 MB unpacked, checked above).
MAX_PDF_PAGES = 100
# Only lines that hold a CPR number's ten digits are scanned.
_TEN_DIGITS = re.compile(r"(?:\d\D{0,3}){10}")


def document_text(data: bytes, content_type: str) -> str:
    """The text a document shows, a line per paragraph or cell; "" for a
    picture, or a document whose text cannot be read (its type was checked
    already: such a file is still taken)."""
    try:
        if content_type == PDF:
            reader = PdfReader(io.BytesIO(data))
            pages = reader.pages[:MAX_PDF_PAGES]
            return "\n".join(page.extract_text() or "" for page in pages)
        members = _TEXT_MEMBERS.get(content_type)
        if members is None:
            return ""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = [
                archive.read(name).decode("utf-8", errors="replace")
                for name in archive.namelist()
                if members.match(name)
            ]
    except (PyPdfError, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        logger.info("Could not read the text of a %s: %s", content_type, error)
        return ""
    return "\n".join(html.unescape(_TAG.sub("", _BREAK_TAGS.sub("\n", x))) for x in xml)


def _cpr_in_document(data: bytes, content_type: str) -> list[str]:
    lines = document_text(data, content_type).splitlines()
    return cpr_numbers("\n".join(line for line in lines if _TEN_DIGITS.search(line)))


def check_upload(upload) -> CheckedFile:
    """Validate one uploaded file and return what may be stored. Raises a
    ValidationError in Danish that names the file."""
    name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    # Characters Windows refuses in a file name: the name is used again when
    # the file is downloaded, alone or in the "Hent mine data" ZIP.
    name = _NOT_IN_FILE_NAMES.sub("_", name)
    file_name_check(name)
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
    try:
        content_type = detect_type(data)
    except TooBigToCheck as error:
        raise ValidationError(
            _(
                "»%(name)s« pakker sig ud til mere, end vi kan tjekke: over 100 MB "
                "eller over 1.000 dele. Gem dokumentet igen uden indlejrede filer, "
                "eller del det op i flere filer."
            )
            % {"name": name},
            code="archive_too_big",
        ) from error
    except HasMacros as error:
        raise ValidationError(
            _(
                "»%(name)s« indeholder makroer, som vi ikke tager imod. Gem "
                "dokumentet igen som almindeligt dokument uden makroer (.docx, "
                ".xlsx eller .odt)."
            )
            % {"name": name},
            code="macros",
        ) from error
    if content_type is None:
        raise ValidationError(
            _(
                "»%(name)s« er ikke en tilladt filtype. Tilladt er %(allowed)s; typen bestemmes ud fra filens indhold, ikke navnet."
            )
            % {"name": name, "allowed": ALLOWED_LABEL},
            code="wrong_type",
        )
    if content_type in (JPEG, PNG):
        data = _clean_image(data, content_type, name)
    elif found := _cpr_in_document(data, content_type):
        raise ValidationError(
            _(
                "»%(name)s« indeholder et CPR-nummer (%(text)s). Input må ikke "
                "kunne identificere beboere: fjern det fra filen, og vælg den igen."
            )
            % {"name": name, "text": found[0]},
            code="cpr",
        )
    stem = name.rsplit(".", 1)[0] or "bilag"
    stored_name = f"{stem}.{EXTENSIONS[content_type]}"
    return CheckedFile(stored_name, content_type, ContentFile(data, name=stored_name))


def check_count(*, existing: int, names: list[str]) -> None:
    """At most five in all; the error says how many there are and were
    chosen, and names the files that do not fit."""
    room = max(MAX_ATTACHMENTS - existing, 0)
    if len(names) > room:
        values = {"max": MAX_ATTACHMENTS, "existing": existing, "chosen": len(names)}
        if existing:
            limit = _(
                "Et input kan højst have %(max)s bilag. Det har allerede "
                "%(existing)s, og du valgte %(chosen)s."
            )
        else:
            limit = _("Et input kan højst have %(max)s bilag, og du valgte %(chosen)s.")
        refused = names[room:]
        left_out = ngettext(
            "Denne fil blev ikke tilføjet: %(names)s.",
            "Disse filer blev ikke tilføjet: %(names)s.",
            len(refused),
        ) % {"names": ", ".join(f"»{n}«" for n in refused)}
        raise ValidationError(
            f"{limit % values} {left_out}",
            code="too_many",
        )
