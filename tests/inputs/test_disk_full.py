"""A full disk for attachments: the person's text is saved as a draft, the
error sits next to the attachment field, and no file or half an input is
left. The disk is really full: a tiny tmpfs, filled up (needs root to
mount, as CI has; skipped with a message elsewhere)."""

import errno
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from inputs.models import Attachment, Input
from inputs.states import Status
from tests.factories import log_in
from tests.inputs import files
from tests.inputs.conftest import form_data

pytestmark = pytest.mark.django_db


def _fill(folder: Path) -> None:
    """Write until the filesystem says there is no room left."""
    filler = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(filler, b"\0" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(filler)


@pytest.fixture
def full_disk(settings):
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny tmpfs needs root (CI runs as root)")
    folder = Path(tempfile.mkdtemp(prefix="pp-full-disk-"))
    mounted = subprocess.run(  # noqa: S603
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],  # noqa: S607
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"could not mount a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        _fill(folder)
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": folder, "base_url": None},
            },
        }
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)  # noqa: S603,S607
        folder.rmdir()


def test_a_new_input_keeps_its_text_as_a_draft(
    client, call, organisation, member, full_disk
):
    log_in(client, member)
    data = form_data(call, organisation, intent="submit")
    data["attachments"] = [files.pdf()]

    response = client.post(reverse("inputs:create", args=[call.pk]), data)

    assert response.status_code == 507
    input = Input.objects.get()
    assert input.status == Status.DRAFT  # saved, not submitted without its files
    assert input.title == data["title"]
    assert input.challenge == data["challenge"]
    assert not Attachment.objects.exists()
    stored = [p.name for p in full_disk.rglob("*") if p.is_file()]
    assert stored == ["filler"]
    html = response.content.decode()
    # Next to the attachment field, which points at it for screen readers.
    assert 'aria-describedby="id_attachments_helptext id_attachments_error"' in html
    error = html[html.index('id="id_attachments_error"') :]
    assert "ikke er plads på serveren" in error[: error.index("</ul>")]
    assert "Din tekst er gemt som kladde" in html
    # The form goes on as the draft's: sending it again edits the draft.
    assert f'action="{reverse("inputs:edit", args=[input.pk])}"' in html
    assert data["challenge"] in html


def test_an_edited_draft_keeps_the_new_text(
    client, call, organisation, member, full_disk, settings
):
    log_in(client, member)
    client.post(
        reverse("inputs:create", args=[call.pk]),
        form_data(call, organisation, intent="draft"),
    )
    input = Input.objects.get()
    data = form_data(
        call, intent="draft", title="Ny titel", version=input.version, token=None
    )
    data["attachments"] = [files.pdf()]

    response = client.post(reverse("inputs:edit", args=[input.pk]), data)

    assert response.status_code == 507
    input.refresh_from_db()
    assert input.title == "Ny titel"
    assert not Attachment.objects.exists()
    # Room again: the same file goes in with the next save.
    (full_disk / "filler").unlink()
    data = form_data(
        call, intent="draft", title="Ny titel", version=input.version, token=None
    )
    data["attachments"] = [files.pdf()]
    response = client.post(reverse("inputs:edit", args=[input.pk]), data)
    assert response.status_code == 302
    assert Attachment.objects.filter(input=input).count() == 1


def test_a_form_refused_for_another_field_keeps_the_text_and_says_so(
    client, call, organisation, member, full_disk
):
    """The form does not save (no title), so its files would wait on the
    disk for the next try: there is no room for them either."""
    log_in(client, member)
    data = form_data(call, organisation, intent="submit", title="")
    data["attachments"] = [files.pdf()]

    response = client.post(reverse("inputs:create", args=[call.pk]), data)

    assert response.status_code == 400
    assert not Input.objects.exists()
    stored = [p.name for p in full_disk.rglob("*") if p.is_file()]
    assert stored == ["filler"]
    assert not any(k.startswith("pending_uploads:") for k, _ in client.session.items())
    html = response.content.decode()
    assert data["challenge"] in html
    error = html[html.index('id="id_attachments_error"') :]
    assert "ikke er plads på serveren" in error[: error.index("</ul>")]
    assert "Skriv en titel" in html


def test_the_form_sent_again_once_there_is_room_takes_the_file(
    client, call, organisation, member, full_disk
):
    """Reloading the page that said "no room" sends the same form again
    (same token): the draft it saved gets the file now, not silently
    nothing."""
    log_in(client, member)
    data = form_data(call, organisation, intent="draft")
    data["attachments"] = [files.pdf()]
    assert (
        client.post(reverse("inputs:create", args=[call.pk]), data).status_code == 507
    )
    (full_disk / "filler").unlink()

    data["attachments"] = [files.pdf()]
    response = client.post(reverse("inputs:create", args=[call.pk]), data)

    input = Input.objects.get()
    assert response.status_code == 302
    assert [a.original_name for a in input.attachments.all()] == ["notat.pdf"]
