"""Checking a file must cost memory in proportion to the limits, not to what
the file claims to unpack to: zip bombs and images of huge dimensions are
refused before they are expanded."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from inputs.attachments import MAX_SIZE, ODT, check_upload
from inputs.models import Input
from tests.factories import log_in
from tests.inputs import files
from tests.inputs.test_attachments import upload

PEAK_LIMIT = 50 * 1024 * 1024
MEGABYTE = b"\0" * (1024 * 1024)


def zip_bomb(name, first: str, big: str, *, megabytes=120):
    """A small zip whose member `big` unpacks to `megabytes` MB of zeros,
    written in chunks so building it costs the test no memory either."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(first, ODT.encode() if first == "mimetype" else b"<Types/>")
        with archive.open(big, "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(MEGABYTE)
    return SimpleUploadedFile(name, out.getvalue(), "application/zip")


def many_members(name="mange.docx", count=20_000):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        for n in range(count):
            archive.writestr(f"word/{n}.xml", b"")
    return SimpleUploadedFile(name, out.getvalue(), "application/zip")


def huge_png(name="kort.png", size=(8000, 8000)):
    """64 megapixels in a few kilobytes: a 1-bit image of one colour."""
    out = io.BytesIO()
    Image.new("1", size).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), "image/png")


def checked_with_peak(upload_file):
    """check_upload's outcome (the error, if any) and its peak allocation."""
    tracemalloc.start()
    try:
        try:
            check_upload(upload_file)
        except ValidationError as error:
            outcome = error
        else:
            outcome = None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return outcome, peak


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (
            lambda: zip_bomb("notat.odt", "mimetype", "mimetype2"),
            "archive_too_big",
            "pakker sig ud",
        ),
        (
            lambda: zip_bomb("notat.odt", "mimetype", "content.xml"),
            "archive_too_big",
            "pakker sig ud",
        ),
        (
            lambda: zip_bomb(
                "rapport.docx", "[Content_Types].xml", "word/document.xml"
            ),
            "archive_too_big",
            "pakker sig ud",
        ),
        (many_members, "archive_too_big", "pakker sig ud"),
        (huge_png, "image_too_big", "megapixel"),
    ],
    ids=["odt-mimetype", "odt-content", "docx", "many-members", "png-8000x8000"],
)
def test_expanding_files_are_refused_within_bounded_memory(make, code, words):
    upload_file = make()
    assert upload_file.size < MAX_SIZE
    error, peak = checked_with_peak(upload_file)
    assert error is not None and error.code == code
    assert words in " ".join(error.messages)
    assert peak < PEAK_LIMIT, f"peak {peak / 1024 / 1024:.0f} MB"


def test_the_odt_mimetype_member_itself_is_read_with_a_cap():
    """Today's bomb: an ODT whose `mimetype` member is 120 MB."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("mimetype", "w", force_zip64=True) as member,
    ):
        member.write(ODT.encode())
        for _ in range(120):
            member.write(b" " * (1024 * 1024))
    error, peak = checked_with_peak(
        SimpleUploadedFile("notat.odt", out.getvalue(), "application/zip")
    )
    assert error is not None
    assert peak < PEAK_LIMIT


@pytest.mark.parametrize("make", [files.docx, files.xlsx, files.odt, files.png])
def test_ordinary_files_still_pass(make):
    error, peak = checked_with_peak(make())
    assert error is None
    assert peak < PEAK_LIMIT


def test_a_large_ordinary_image_passes():
    error, _ = checked_with_peak(huge_png(size=(4000, 3000)))
    assert error is None


@pytest.mark.django_db
def test_the_refusal_stands_next_to_the_attachment_field(
    client, call, organisation, member
):
    log_in(client, member)
    response = upload(client, call, organisation, [huge_png(), files.pdf()])
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["attachments"])
    assert "»kort.png« er et for stort billede (8000 × 8000 punkter)" in error
    assert "40 megapixel" in error
    assert not Input.objects.exists()
    assert "Afdeling 12" in response.content.decode()
