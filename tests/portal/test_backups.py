"""Backup and restore round-trip on the configured database (CI runs this
module on SQLite and on PostgreSQL). Transactional: pg_dump and pg_restore
are other processes, which see only committed rows."""

import tarfile

import pytest
from django.core.management import CommandError, call_command

from inputs.attachments import check_upload
from inputs.models import Attachment, Input
from inputs.services.submission import attachments_add
from portal.backups.services import BackupError, backup_create, backup_restore
from tests.factories import InputFactory, OrganisationFactory, member_of
from tests.inputs.files import pdf
from tests.search.helpers import move_to, titles

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_content(reference_data):
    organisation = OrganisationFactory(name="Boligselskabet Backup")
    author = member_of(organisation)
    accepted = InputFactory(
        organisation=organisation,
        author=author,
        title="Gårdmænd ringer til ensomme beboere",
        visibility="public",
        consent="named",
    )
    move_to(accepted, "accepted")
    attachment = attachments_add(
        input=accepted, user=author, files=[check_upload(pdf("plan.pdf"))]
    )[0]
    return accepted, attachment


def test_a_restore_brings_back_the_database_attachments_and_search(
    site_content, tmp_path
):
    accepted, attachment = site_content
    content = attachment.file.read()
    archive = backup_create(destination=tmp_path / "kopi.tar.gz")

    # What a bad day looks like: the input, its file and its index entry gone.
    attachment.file.delete(save=False)
    Input.objects.all().delete()
    call_command("rebuild_search_index", no_progress=True)
    assert titles("gårdmænd") == []

    backup_restore(source=archive)

    restored = Attachment.objects.get(pk=attachment.pk)
    assert restored.input.title == accepted.title
    assert restored.file.read() == content
    assert titles("gårdmænd") == ["Gårdmænd ringer til ensomme beboere"]


def test_the_archive_holds_a_manifest_the_dump_and_both_media_folders(
    site_content, tmp_path
):
    _accepted, attachment = site_content
    archive = backup_create(destination=tmp_path / "kopi.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert any(n.startswith("database/") for n in names)
    assert f"media/private/{attachment.file.name}" in names
    assert not (tmp_path / "kopi.tar.gz.partial").exists()


def test_an_archive_of_another_engine_is_refused_before_anything_changes(
    site_content, tmp_path, settings
):
    import io
    import json

    archive = tmp_path / "fremmed.tar.gz"
    manifest = json.dumps(
        {"format": 1, "vendor": "oracle", "created_at": "x", "database_file": "d"}
    ).encode()
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    with pytest.raises(BackupError, match="oracle"):
        backup_restore(source=archive)
    assert Input.objects.count() == 1


def test_the_commands_round_trip_and_explain_a_bad_file(site_content, tmp_path):
    archive = tmp_path / "kopi.tar.gz"
    call_command("backup", str(archive))
    Input.objects.all().delete()
    call_command("restore", str(archive), yes=True)
    assert Input.objects.count() == 1

    (tmp_path / "tekst.tar.gz").write_text("ikke en kopi")
    with pytest.raises(CommandError, match="ikke en sikkerhedskopi"):
        call_command("restore", str(tmp_path / "tekst.tar.gz"), yes=True)
