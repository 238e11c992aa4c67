"""Media in S3-compatible object storage (S3_BUCKET), against moto's
standalone S3 server over HTTP: the settings an operator writes, the real
django-storages and boto3 code, our attachment view, retention and backups."""

import tarfile
from datetime import UTC, datetime
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents.models import Document

from inputs.attachments import PDF, CheckedFile
from inputs.models import Attachment, Input
from inputs.services import input_transition
from inputs.services.submission import attachments_add, attachments_remove
from portal.backups.services import backup_create, backup_restore
from portal.settings.storage import media_storages, public_media_origin
from tests.factories import OrganisationFactory, log_in, member_of, moderator
from tests.inputs.conftest import form_data, make_call
from tests.inputs.files import PDF_BYTES, pdf

from . import s3


@pytest.fixture(scope="module")
def s3_server():
    server = s3.start()
    yield server
    server.process.terminate()
    server.process.wait(timeout=10)


@pytest.fixture
def buckets(s3_server, settings, tmp_path):
    """Two buckets, public media and private attachments, configured as
    .env.example describes."""
    public = s3_server.new_bucket(public_media=True)
    private = s3_server.new_bucket()
    environ = s3_server.environ(S3_BUCKET=public, S3_PRIVATE_BUCKET=private)
    settings.STORAGES = {
        **settings.STORAGES,
        **media_storages(environ, private_root=tmp_path / "unused"),
    }
    settings.PRIVATE_MEDIA_URL_SECONDS = 60
    return public, private


@pytest.fixture
def submitted_with_pdf(demo_site, client, buckets):
    """An input whose member uploaded a PDF through the form, then submitted."""
    organisation = OrganisationFactory()
    member = member_of(organisation)
    call = make_call(demo_site)
    log_in(client, member)
    data = form_data(call, organisation, intent="draft")
    data["attachments"] = [pdf("Årsrapport.pdf")]
    assert client.post(reverse("inputs:create", args=[call.pk]), data).status_code == (
        302
    )
    input = Input.objects.get()
    input_transition(input=input, action="submit", user=member)
    return input, member


pytestmark = pytest.mark.django_db


def test_an_uploaded_attachment_is_in_the_private_bucket_and_not_public(
    s3_server, buckets, submitted_with_pdf
):
    public, private = buckets
    input, _member = submitted_with_pdf
    attachment = input.attachments.get()
    assert s3_server.keys(private) == [f"private/inputs/{input.pk}/Årsrapport.pdf"]
    assert s3_server.keys(public) == []
    stored = s3_server.client().get_object(
        Bucket=private, Key=f"private/{attachment.file.name}"
    )
    assert stored["Body"].read() == PDF_BYTES

    # The object's plain address, unsigned: refused.
    plain = f"{s3_server.endpoint}/{private}/private/{quote(attachment.file.name)}"
    status, _body, _headers = s3.anonymous_get(plain)
    assert status == 403


def test_the_view_gives_an_authorised_person_a_signed_url_that_expires(
    s3_server, buckets, submitted_with_pdf, client
):
    public, private = buckets
    input, member = submitted_with_pdf
    attachment = input.attachments.get()
    url = reverse("inputs:attachment", args=[input.pk, attachment.pk])

    before = datetime.now(UTC).replace(microsecond=0)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = response["Location"]
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}" == s3_server.endpoint
    assert parts.path.startswith(f"/{private}/private/inputs/{input.pk}/")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert query["X-Amz-Expires"] == "60"
    signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(
        tzinfo=UTC
    )
    assert (signed_at - before).total_seconds() >= 0
    assert query["X-Amz-Signature"]

    status, body, headers = s3.anonymous_get(location)
    assert status == 200
    assert body == PDF_BYTES
    assert headers["Content-Type"] == PDF
    assert headers["Content-Disposition"].startswith("attachment;")
    assert "rsrapport.pdf" in headers["Content-Disposition"]
    # The same address without the signature is refused: the signature,
    # which carries its 60 s, is what opens it.
    assert s3.anonymous_get(location.split("?")[0])[0] == 403

    # BL's moderators may see a submitted input's files.
    log_in(client, moderator())
    assert client.get(url).status_code == 302
    # Another organisation's member is not told the input exists.
    log_in(client, member_of(OrganisationFactory()))
    response = client.get(url)
    assert response.status_code == 404
    assert "Location" not in response
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_removing_an_attachment_deletes_the_object(
    s3_server, buckets, submitted_with_pdf, django_capture_on_commit_callbacks
):
    _public, private = buckets
    input, member = submitted_with_pdf
    assert len(s3_server.keys(private)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        attachments_remove(input=input, user=None, ids=[input.attachments.get().pk])
    assert s3_server.keys(private) == []


def test_retention_deletes_the_objects(
    s3_server, buckets, demo_site, django_capture_on_commit_callbacks
):
    _public, private = buckets
    organisation = OrganisationFactory()
    member = member_of(organisation)
    expired = make_call(demo_site, slug="gammel", opens=-800, closes=-25 * 31)
    recent = make_call(demo_site, slug="ny", opens=-60, closes=-30)
    inputs = {}
    for call in (expired, recent):
        inputs[call.slug] = Input.objects.create(
            call=call,
            organisation=organisation,
            kind="both",
            title="x",
            municipality=organisation.municipality,
        )
        attachments_add(
            input=inputs[call.slug],
            user=member,
            files=[CheckedFile("notat.pdf", PDF, ContentFile(PDF_BYTES))],
        )
    assert len(s3_server.keys(private)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", "--no-progress")
    assert s3_server.keys(private) == [f"private/inputs/{inputs['ny'].pk}/notat.pdf"]
    assert list(Attachment.objects.values_list("input__call", flat=True)) == [recent.pk]


def test_two_files_of_the_same_name_are_two_objects(s3_server, buckets, demo_site):
    _public, private = buckets
    organisation = OrganisationFactory()
    input = Input.objects.create(
        organisation=organisation,
        kind="both",
        title="x",
        municipality=organisation.municipality,
    )
    first, second = attachments_add(
        input=input,
        user=member_of(organisation),
        files=[
            CheckedFile("notat.pdf", PDF, ContentFile(PDF_BYTES)),
            CheckedFile("notat.pdf", PDF, ContentFile(PDF_BYTES + b"%2")),
        ],
    )
    assert first.file.name != second.file.name
    assert len(s3_server.keys(private)) == 2
    assert second.file.read() == PDF_BYTES + b"%2"


def test_cms_images_are_public_and_documents_go_through_wagtail(
    s3_server, buckets, client
):
    public, private = buckets
    image = wagtail_factories.ImageFactory()
    rendition = image.get_rendition("width-40")
    # Plain, unsigned addresses: pages and browsers may cache them.
    assert rendition.url.startswith(f"{s3_server.endpoint}/{public}/media/images/")
    assert "Signature" not in rendition.url
    status, body, _headers = s3.anonymous_get(rendition.url)
    assert status == 200
    assert body[:4] == b"\x89PNG" or body[:2] == b"\xff\xd8"
    assert s3.anonymous_get(image.file.url)[0] == 200

    document = Document.objects.create(
        title="Vedtægter", file=ContentFile(PDF_BYTES, name="vedtaegter.pdf")
    )
    assert document.file.name.startswith("documents/")
    # Not readable from the bucket: Wagtail's serve view checks its privacy.
    assert s3.anonymous_get(document.file.url)[0] == 403
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert s3_server.keys(private) == []


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"S3_REGION": "eu-north-1"},
        {"S3_REGION": "eu-north-1", "S3_ADDRESSING_STYLE": "path"},
        {"S3_ENDPOINT_URL": "https://minio.example:9000"},
        {
            "S3_ENDPOINT_URL": "https://fra1.digitaloceanspaces.com",
            "S3_ADDRESSING_STYLE": "virtual",
        },
        {"S3_MEDIA_DOMAIN": "media.partnerportal.example"},
    ],
)
def test_the_content_security_policy_allows_where_images_come_from(
    extra, settings, tmp_path
):
    """The origin added to img-src is the one the storage's URLs use (no
    request is made)."""
    environ = {**s3.CREDENTIALS, "S3_BUCKET": "pp-media", **extra}
    settings.STORAGES = {
        **settings.STORAGES,
        **media_storages(environ, private_root=tmp_path),
    }
    from django.core.files.storage import default_storage

    url = urlsplit(default_storage.url("images/x.jpg"))
    assert public_media_origin(environ) == f"{url.scheme}://{url.netloc}"
    assert public_media_origin({}) is None


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_carry_the_buckets_objects(
    s3_server, buckets, reference_data, tmp_path
):
    public, private = buckets
    organisation = OrganisationFactory()
    input = Input.objects.create(
        organisation=organisation,
        kind="both",
        title="x",
        municipality=organisation.municipality,
    )
    (attachment,) = attachments_add(
        input=input,
        user=member_of(organisation),
        files=[CheckedFile("notat.pdf", PDF, ContentFile(PDF_BYTES))],
    )
    image = wagtail_factories.ImageFactory()
    before = {bucket: s3_server.keys(bucket) for bucket in (public, private)}
    assert f"private/{attachment.file.name}" in before[private]
    assert f"media/{image.file.name}" in before[public]

    archive = backup_create(destination=tmp_path / "kopi.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert f"media/private/{attachment.file.name}" in names
    assert f"media/public/{image.file.name}" in names

    # A bad day: every object gone, and one that was not there before.
    client = s3_server.client()
    for bucket, keys in before.items():
        for key in keys:
            client.delete_object(Bucket=bucket, Key=key)
    client.put_object(Bucket=private, Key="private/stray.pdf", Body=b"x")

    backup_restore(source=archive)
    assert {bucket: s3_server.keys(bucket) for bucket in before} == before
    restored = Attachment.objects.get(pk=attachment.pk)
    assert restored.file.read() == PDF_BYTES
    # Still private after the restore.
    plain = f"{s3_server.endpoint}/{private}/private/{quote(attachment.file.name)}"
    assert s3.anonymous_get(plain)[0] == 403
