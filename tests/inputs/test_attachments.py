import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from inputs.attachments import (
    DOCX,
    JPEG,
    MAX_SIZE,
    ODT,
    PDF,
    PNG,
    XLSX,
    CheckedFile,
    check_upload,
    detect_type,
)
from inputs.models import Attachment, Input
from inputs.pending_uploads import SESSION_PREFIX
from inputs.services import input_transition
from inputs.services.submission import attachments_add
from tests.factories import InputFactory, OrganisationFactory, log_in, member_of
from tests.inputs import files
from tests.inputs.conftest import form_data
from tests.inputs.test_states import moderator

pytestmark = pytest.mark.django_db


def upload(client, call, organisation, uploads, **overrides):
    data = form_data(call, organisation, intent="draft", **overrides)
    data["attachments"] = uploads
    return client.post(reverse("inputs:create", args=[call.pk]), data)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (files.pdf, PDF),
        (files.docx, DOCX),
        (files.xlsx, XLSX),
        (files.odt, ODT),
        (files.png, PNG),
        (files.jpeg_with_exif, JPEG),
    ],
)
def test_types_are_detected_from_the_content(make, expected):
    assert detect_type(make().read()) == expected


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00 this is a Windows program",
        b"just some text, not a pdf",
        files.office_zip("x.zip", {"readme.txt": b"hi"}).read(),
        files.office_zip("x.zip", {"mimetype": b"application/epub+zip"}).read(),
        b"GIF89a" + b"\x00" * 20,
    ],
)
def test_other_content_is_refused(content):
    assert detect_type(content) is None


def test_files_are_stored_privately_and_served_only_to_members(
    client, call, organisation, member
):
    log_in(client, member)
    response = upload(client, call, organisation, [files.pdf(), files.docx()])
    assert response.status_code == 302
    input = Input.objects.get()
    pdf, docx = input.attachments.all()
    path = Path(pdf.file.path)
    assert path.exists()
    assert Path(settings.PRIVATE_MEDIA_ROOT) in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents

    url = reverse("inputs:attachment", args=[input.pk, pdf.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == PDF

    log_in(client, member_of(OrganisationFactory()))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    # A draft is the organisation's own; once submitted, BL sees its files.
    log_in(client, moderator())
    assert client.get(url).status_code == 404
    input_transition(input=input, action="submit", user=member)
    assert client.get(url).status_code == 200
    # An attachment id that belongs to another input is not found through this one.
    other = Input.objects.create(
        organisation=organisation,
        kind="both",
        title="x",
        municipality=organisation.municipality,
    )
    log_in(client, member)
    assert (
        client.get(reverse("inputs:attachment", args=[other.pk, pdf.pk])).status_code
        == 404
    )


def test_a_wrong_type_renamed_to_pdf_is_refused_by_name(
    client, call, organisation, member
):
    log_in(client, member)
    fake = files.office_zip("program.pdf", {"readme.txt": b"x"}, "application/pdf")
    response = upload(client, call, organisation, [fake])
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["attachments"])
    assert "»program.pdf« er ikke en tilladt filtype" in error
    assert not Input.objects.exists()
    assert "Afdeling 12" in response.content.decode()


def test_an_oversize_file_is_refused(client, call, organisation, member, settings):
    log_in(client, member)
    big = SimpleUploadedFile(
        "stor.pdf", files.PDF_BYTES + b"0" * (10 * 1024 * 1024), "application/pdf"
    )
    response = upload(client, call, organisation, [big])
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["attachments"])
    assert "»stor.pdf« er for stor" in error and "10 MB" in error


def test_no_more_than_five(client, call, organisation, member):
    log_in(client, member)
    upload(client, call, organisation, [files.pdf(f"{n}.pdf") for n in range(4)])
    input = Input.objects.get()
    response = client.post(
        reverse("inputs:edit", args=[input.pk]),
        {
            **form_data(call, intent="draft", token=None, version=input.version),
            "attachments": [files.pdf("fem.pdf"), files.png("seks.png")],
        },
    )
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["attachments"])
    assert error == (
        "Et input kan højst have 5 bilag. Det har allerede 4, og du valgte 2. "
        "Denne fil blev ikke tilføjet: »seks.png«."
    )
    assert input.attachments.count() == 4


def test_exif_is_stripped_from_images(client, call, organisation, member):
    log_in(client, member)
    original = files.jpeg_with_exif()
    assert Image.open(io.BytesIO(original.read())).getexif()
    original.seek(0)
    upload(client, call, organisation, [original, files.png()])
    jpeg, png = Attachment.objects.order_by("pk")
    with jpeg.file.open("rb") as stored:
        image = Image.open(stored)
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
        assert image.size == (40, 30)
    assert png.content_type == PNG


def test_attachments_can_be_removed_while_editable(client, call, organisation, member):
    log_in(client, member)
    upload(client, call, organisation, [files.pdf(), files.png()])
    input = Input.objects.get()
    pdf, png = input.attachments.all()
    path = Path(pdf.file.path)
    response = client.post(
        reverse("inputs:edit", args=[input.pk]),
        {
            **form_data(call, intent="draft", token=None, version=input.version),
            "remove_attachments": [pdf.pk],
        },
    )
    assert response.status_code == 302
    assert list(input.attachments.all()) == [png]
    assert not Attachment.objects.filter(pk=pdf.pk).exists()
    del path  # the file itself goes on commit (not run inside this test's transaction)


def test_a_refused_submit_stores_no_file(client, call, organisation, member):
    log_in(client, member)
    upload(client, call, organisation, [])
    input = Input.objects.get()
    type(call).objects.filter(pk=call.pk).update(closes_at=call.opens_at)
    response = client.post(
        reverse("inputs:edit", args=[input.pk]),
        {
            **form_data(call, token=None, version=input.version),
            "attachments": [files.pdf()],
        },
    )
    assert response.status_code == 400
    assert not input.attachments.exists()
    # The chosen file waits for the next try (inputs/pending_uploads.py),
    # in the private storage's pending/ folder; nothing else is stored.
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    stored = [p for p in private.rglob("*") if p.is_file()] if private.exists() else []
    assert all(p.relative_to(private).parts[0] == "pending" for p in stored)


def test_a_cpr_number_in_a_file_name_is_refused(client, call, organisation, member):
    log_in(client, member)
    response = upload(
        client, call, organisation, [files.pdf("010190–1234 journal.pdf")]
    )
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["attachments"])
    assert "Et filnavn indeholder et CPR-nummer (010190–1234)" in error
    assert not Input.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "𝟎𝟏𝟎𝟏𝟗𝟎-𝟏𝟐𝟑𝟒.pdf",
        "０１０１９０－１２３４.pdf",
        "0101\u200e90-1234.pdf",
        "010190--1234.pdf",
    ],
)
def test_a_cpr_number_in_other_characters_in_a_file_name_is_refused(
    client, call, organisation, member, name
):
    log_in(client, member)
    response = upload(client, call, organisation, [files.pdf(name)])
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["attachments"])
    assert "Et filnavn indeholder et CPR-nummer" in error
    assert not Input.objects.exists()
    assert not Attachment.objects.exists()
    assert _stored_files() == []


def _stored_files() -> list[str]:
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    if not private.exists():
        return []
    return sorted(
        str(p.relative_to(private)) for p in private.rglob("*") if p.is_file()
    )


def _too_large():
    return SimpleUploadedFile("stor.pdf", b"%PDF-1.4\n" + b"0" * (MAX_SIZE + 1))


@pytest.mark.parametrize(
    ("refused", "message"),
    [
        (lambda: files.pdf("cpr 010190-1234.pdf"), "Et filnavn indeholder et CPR"),
        (lambda: files.pdf("cpr 010190;1234.pdf"), "Et filnavn indeholder et CPR"),
        (
            lambda: _pdf_saying("Beboeren 010190-1234 er ensom."),
            "indeholder et CPR-nummer",
        ),
        (
            lambda: SimpleUploadedFile("program.pdf", b"MZ\x90\x00 a program"),
            "ikke en tilladt filtype",
        ),
        (_too_large, "er for stor"),
    ],
    ids=["name", "name-semicolon", "content", "type", "size"],
)
def test_a_refused_file_is_never_written_nor_remembered(
    client, call, organisation, member, refused, message
):
    """An outside check: a file refused for the CPR number in its name
    waited in pending/ and in the session for the next try. Only the good
    file chosen with it waits."""
    log_in(client, member)
    response = upload(
        client, call, organisation, [refused(), files.pdf("Årsrapport 2020.pdf")]
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["attachments"])
    waiting = [
        entry
        for key, entries in client.session.items()
        if key.startswith(SESSION_PREFIX)
        for entry in entries
    ]
    assert [entry["name"] for entry in waiting] == ["Årsrapport 2020.pdf"]
    assert _stored_files() == [waiting[0]["path"]]
    assert not Attachment.objects.exists()


def test_the_attachment_service_checks_file_names(organisation, member):
    input = InputFactory(organisation=organisation, author=member)
    checked = CheckedFile(
        "Hansen 0101901234.pdf",
        PDF,
        ContentFile(files.pdf().read(), name="Hansen 0101901234.pdf"),
    )
    with pytest.raises(ValidationError) as error:
        attachments_add(input=input, user=member, files=[checked])
    assert "attachments" in error.value.message_dict
    assert not input.attachments.exists()


def test_behind_nginx_the_file_is_handed_over_with_x_accel_redirect(
    client, call, organisation, member, settings
):
    """PRIVATE_MEDIA_ACCEL_REDIRECT: the view still decides; nginx's internal
    location then sends the bytes (docs/deploy.md has the snippet)."""
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/protected/"
    log_in(client, member)
    upload(client, call, organisation, [files.pdf("Årsrapport 2020.pdf")])
    input = Input.objects.get()
    attachment = input.attachments.get()
    url = reverse("inputs:attachment", args=[input.pk, attachment.pk])

    response = client.get(url)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == (
        f"/protected/inputs/{input.pk}/%C3%85rsrapport_2020.pdf"
    )
    # The path names the file in PRIVATE_MEDIA_ROOT that nginx's alias sends.
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / attachment.file.name).is_file()
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"

    log_in(client, member_of(OrganisationFactory()))
    refused = client.get(url)
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused
    client.logout()
    assert "X-Accel-Redirect" not in client.get(url)


def test_a_double_submit_stores_the_file_once(client, call, organisation, member):
    log_in(client, member)
    data = form_data(call, organisation, intent="draft")
    data["attachments"] = [files.pdf()]
    client.post(reverse("inputs:create", args=[call.pk]), data)
    data["attachments"] = [files.pdf()]
    client.post(reverse("inputs:create", args=[call.pk]), data)

    assert Input.objects.get().attachments.count() == 1


def test_the_good_files_are_kept_when_another_is_refused(
    client, call, organisation, member
):
    log_in(client, member)
    data = form_data(call, organisation, intent="draft")
    refused = SimpleUploadedFile("prog.exe", b"MZ\x90\x00" * 64)
    response = client.post(
        reverse("inputs:create", args=[call.pk]),
        {**data, "attachments": [files.png("ok.png"), refused]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "prog.exe" in " ".join(response.context["form"].errors["attachments"])
    assert "Vedhæftet: ok.png" in html
    # The next try, without choosing the file again, saves it.
    response = client.post(reverse("inputs:create", args=[call.pk]), data)
    assert response.status_code == 302
    assert [a.original_name for a in Input.objects.get().attachments.all()] == [
        "ok.png"
    ]


def test_the_five_that_fit_are_kept_and_the_sixth_named(
    client, call, organisation, member
):
    log_in(client, member)
    data = form_data(call, organisation, intent="draft")
    chosen = [files.png(f"billede{n}.png") for n in range(6)]
    response = client.post(
        reverse("inputs:create", args=[call.pk]), {**data, "attachments": chosen}
    )
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["attachments"])
    assert "»billede5.png«" in error and "»billede4.png«" not in error
    # Says what was chosen, not "it already has 0".
    assert error == (
        "Et input kan højst have 5 bilag, og du valgte 6. "
        "Denne fil blev ikke tilføjet: »billede5.png«."
    )
    html = response.content.decode()
    assert all(f"Vedhæftet: billede{n}.png" in html for n in range(5))
    # Five wait: one more is refused, counting them.
    response = client.post(
        reverse("inputs:create", args=[call.pk]),
        {**data, "attachments": [files.png("en.png")]},
    )
    error = " ".join(response.context["form"].errors["attachments"])
    assert error == (
        "Et input kan højst have 5 bilag. Det har allerede 5, og du valgte 1. "
        "Denne fil blev ikke tilføjet: »en.png«."
    )
    response = client.post(reverse("inputs:create", args=[call.pk]), data)
    assert response.status_code == 302
    assert Input.objects.get().attachments.count() == 5


@pytest.mark.parametrize(
    ("name", "macros"),
    [
        ("makro.docx", "word/vbaProject.bin"),
        ("makro.docm", "word/vbaProject.bin"),
        ("makro.xlsx", "xl/vbaProject.bin"),
        ("makro.odt", "Basic/Standard/Module1.xml"),
    ],
)
def test_an_office_file_with_macros_is_refused_beside_the_field(
    client, call, organisation, member, name, macros
):
    # A .docm renamed .docx was stored and served with its macros (outside
    # check, session 19): BL's staff open these files.
    log_in(client, member)
    members = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}
    if name.endswith(".xlsx"):
        members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}
    if name.endswith(".odt"):
        members = {"mimetype": b"application/vnd.oasis.opendocument.text"}
    response = upload(
        client, call, organisation, [files.office_zip(name, {**members, macros: b"x"})]
    )
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["attachments"])
    assert f"»{name}« indeholder makroer" in error
    assert not Input.objects.exists()
    assert "Afdeling 12" in response.content.decode()


def _pdf_saying(text: str, name="notat.pdf"):
    import weasyprint

    data = weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _docx_saying(*runs: str, name="notat.docx"):
    # Word splits a paragraph's text over runs where the formatting changes.
    body = "".join(f"<w:r><w:t>{run}</w:t></w:r>" for run in runs)
    return files.office_zip(
        name,
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": f"<w:document><w:body><w:p>{body}</w:p>"
            "<w:p><w:r><w:t>Med venlig hilsen</w:t></w:r></w:p>"
            "</w:body></w:document>".encode(),
        },
    )


def _xlsx_saying(*cells: str, name="tal.xlsx"):
    strings = "".join(f"<si><t>{cell}</t></si>" for cell in cells)
    return files.office_zip(
        name,
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<x/>",
            "xl/sharedStrings.xml": f"<sst>{strings}</sst>".encode(),
        },
    )


def _odt_saying(text: str, name="notat.odt"):
    return files.office_zip(
        name,
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": f"<office:text><text:p>{text}</text:p></office:text>".encode(),
        },
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: _pdf_saying("Beboeren i opgang 3, 010190-1234, er ensom."),
        lambda: _docx_saying("Beboeren (CPR ", "0101", "90-1234) er ensom."),
        lambda: _xlsx_saying("Navn", "Beboer 01.01.90-1234"),
        lambda: _odt_saying("Beboeren 0101901234 er ensom."),
    ],
    ids=["pdf", "docx", "xlsx", "odt"],
)
def test_a_cpr_number_inside_a_document_is_refused_beside_the_field(
    client, call, organisation, member, make
):
    # Only the file's name was checked: a journal note with a resident's CPR
    # number was stored and shown to BL's staff.
    log_in(client, member)
    response = upload(client, call, organisation, [make()])
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["attachments"])
    assert "indeholder et CPR-nummer" in error
    assert "fjern det fra filen, og vælg den igen" in error
    assert not Input.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "make",
    [
        lambda: _pdf_saying("Ring på 22 33 44 55. Bevilling 1.250.000 kr. i 2020."),
        lambda: _docx_saying("CVR 12345678, ", "afdeling 12, opgang 10 12 14 16 18."),
        lambda: _xlsx_saying("0101", "901234", "Budget 2020-2021"),
    ],
    ids=["pdf", "docx", "xlsx"],
)
def test_a_document_without_a_cpr_number_is_taken(make):
    assert check_upload(make()).name
