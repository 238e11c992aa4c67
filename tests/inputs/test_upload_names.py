"""A file whose name arrives broken (not UTF-8, only control characters or
path separators) is kept under a cleaned name, never silently dropped."""

import pytest
from django.test.client import BOUNDARY, encode_multipart
from django.urls import reverse

from inputs.models import Attachment, Input
from tests.factories import log_in
from tests.inputs import files
from tests.inputs.conftest import form_data

pytestmark = pytest.mark.django_db

# Not Django's MULTIPART_CONTENT string, so the client sends the body as is.
RAW_MULTIPART = f"multipart/form-data;boundary={BOUNDARY}"


def post_with_raw_file_name(client, call, organisation, raw_name: bytes):
    """The form, with one PDF whose Content-Disposition carries `raw_name`
    byte for byte (as a client on a Latin-1 system would send it)."""
    body = encode_multipart(BOUNDARY, form_data(call, organisation, intent="draft"))
    closing = f"--{BOUNDARY}--\r\n".encode()
    assert body.endswith(closing)
    part = (
        f"--{BOUNDARY}\r\n".encode()
        + b'Content-Disposition: form-data; name="attachments"; filename="'
        + raw_name
        + b'"\r\nContent-Type: application/pdf\r\n\r\n'
        + files.PDF_BYTES
        + b"\r\n"
    )
    body = body[: -len(closing)] + part + closing
    return client.post(
        reverse("inputs:create", args=[call.pk]), body, content_type=RAW_MULTIPART
    )


@pytest.mark.parametrize(
    ("raw_name", "stored"),
    [
        ("rapport_æøå.pdf".encode("latin-1"), "rapport_æøå.pdf"),
        ("Årsrapport 2026.pdf".encode("cp1252"), "Årsrapport 2026.pdf"),
        (b"\xff\xfe\x00\x01.pdf", None),
        (b"\x01\x02\x1b", "bilag.pdf"),
        (b"..", "bilag.pdf"),
        (b"mappe/", "bilag.pdf"),
        (b"C:\\Users\\x\\..\\", "bilag.pdf"),
        # Windows refuses these in a name (the "Hent mine data" ZIP).
        (b'svar: "ja" | nej? *.pdf', "svar_ _ja_ _ nej_ _.pdf"),
    ],
    ids=[
        *("latin-1", "cp1252", "binary", "control", "dotdot", "slash", "backslash"),
        "windows",
    ],
)
def test_a_file_with_a_broken_name_is_kept(
    client, call, organisation, member, raw_name, stored
):
    log_in(client, member)
    response = post_with_raw_file_name(client, call, organisation, raw_name)
    assert response.status_code == 302
    attachment = Attachment.objects.get(input=Input.objects.get())
    assert attachment.content_type == "application/pdf"
    name = attachment.original_name
    if stored is not None:
        assert name == stored
    assert name.endswith(".pdf") and name.isprintable()
    assert "/" not in name and "\\" not in name and "\x00" not in name


def test_a_good_name_is_untouched(client, call, organisation, member):
    log_in(client, member)
    post_with_raw_file_name(client, call, organisation, "Møde – referat.pdf".encode())
    assert Attachment.objects.get().original_name == "Møde – referat.pdf"


def test_a_file_input_left_empty_sends_no_file(client, call, organisation, member):
    """Browsers send an empty file input as a part with filename="" and no
    content: that is no file, not a file named "bilag" that is empty."""
    log_in(client, member)
    body = encode_multipart(BOUNDARY, form_data(call, organisation, intent="draft"))
    closing = f"--{BOUNDARY}--\r\n".encode()
    part = (
        f"--{BOUNDARY}\r\n".encode()
        + b'Content-Disposition: form-data; name="attachments"; filename=""\r\n'
        + b"Content-Type: application/octet-stream\r\n\r\n\r\n"
    )
    body = body[: -len(closing)] + part + closing
    response = client.post(
        reverse("inputs:create", args=[call.pk]), body, content_type=RAW_MULTIPART
    )
    assert response.status_code == 302
    assert Input.objects.exists()
    assert not Attachment.objects.exists()
