"""Files kept for a form that was never saved leave the private storage
once no session can take them along any more."""

import os
import time

from django.core.files.base import ContentFile
from django.core.management import call_command

from inputs.attachments import CheckedFile
from inputs.models.attachments import private_storage
from inputs.pending_uploads import pending_add, pending_list


def _kept(name: str, *, age_seconds: float) -> str:
    session = {}
    content = ContentFile(b"%PDF-1.4 plan", name=name)
    pending_add(
        session=session,
        key="k",
        files=[CheckedFile(name, "application/pdf", content)],
    )
    (entry,) = pending_list(session=session, key="k")
    then = time.time() - age_seconds
    os.utime(private_storage.path(entry["path"]), (then, then))
    return entry["path"]


def test_only_files_older_than_a_session_are_deleted(settings, capsys):
    settings.SESSION_COOKIE_AGE = 3600
    old = _kept("gammel.pdf", age_seconds=3700)
    fresh = _kept("ny.pdf", age_seconds=60)

    call_command("delete_abandoned_uploads")

    assert not private_storage.exists(old)
    assert not os.path.exists(os.path.dirname(private_storage.path(old)))
    assert private_storage.exists(fresh)
    assert "1 forladte filer slettet." in capsys.readouterr().out


def test_nothing_kept_yet_is_not_an_error(capsys):
    call_command("delete_abandoned_uploads")
    assert "0 forladte filer slettet." in capsys.readouterr().out


def test_it_is_a_scheduled_job():
    from portal.ops.schedule import JOBS

    assert "delete_abandoned_uploads" in {job.command for job in JOBS}
