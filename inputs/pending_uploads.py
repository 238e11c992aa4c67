"""Files chosen on an input form that did not save (another field had an
error). They wait in the private storage, listed in the person's session
under the form's key, so the next save takes them along and the person does
not have to choose them again. Never in public media; a file the person
removes, or that a save takes, leaves the storage. A form the person
abandons leaves its files until pending_expired_delete (a scheduled job)
removes them, once no session can still name them."""

import os
from contextlib import suppress
from datetime import timedelta
from uuid import uuid4

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from .attachments import CheckedFile
from .models.attachments import private_storage
from .services.submission import file_store

SESSION_PREFIX = "pending_uploads:"
FOLDER = "pending"
REMOVE_FIELD = "remove_pending"


def _session_key(key: str) -> str:
    return SESSION_PREFIX + key


def pending_list(*, session, key: str) -> list[dict]:
    return list(session.get(_session_key(key), []))


def pending_add(*, session, key: str, files: list[CheckedFile]) -> None:
    """Keep the files for the next try. Only files that passed every check
    of check_upload (name, type, size, content) come here: a refused file
    is never written nor remembered. All or none: when the disk has no
    room for one of them (StorageFull), none waits and the session is as
    before."""
    if not files:
        return
    entries = pending_list(session=session, key=key)
    stored = []
    try:
        for checked in files:
            checked.content.seek(0)
            path = file_store(
                storage=private_storage,
                name=f"{FOLDER}/{uuid4().hex}/{checked.name}",
                content=ContentFile(checked.content.read()),
            )
            stored.append(path)
            entries.append(
                {
                    "id": uuid4().hex,
                    "name": checked.name,
                    "content_type": checked.content_type,
                    "path": path,
                }
            )
    except Exception:
        for path in stored:
            private_storage.delete(path)
        raise
    session[_session_key(key)] = entries


def pending_remove(*, session, key: str, ids) -> None:
    """Drop the files the person ticked "fjern" for."""
    ids = set(ids)
    if not ids:
        return
    keep = []
    for entry in pending_list(session=session, key=key):
        if entry["id"] in ids:
            private_storage.delete(entry["path"])
        else:
            keep.append(entry)
    session[_session_key(key)] = keep


def pending_files(*, session, key: str) -> list[CheckedFile]:
    """The waiting files, read back as checked files (they were checked when
    chosen)."""
    files = []
    for entry in pending_list(session=session, key=key):
        if not private_storage.exists(entry["path"]):
            continue
        with private_storage.open(entry["path"], "rb") as stream:
            content = ContentFile(stream.read(), name=entry["name"])
        files.append(CheckedFile(entry["name"], entry["content_type"], content))
    return files


def pending_clear(*, session, key: str) -> None:
    """After a save took the files: delete the waiting copies."""
    for entry in session.pop(_session_key(key), []):
        private_storage.delete(entry["path"])


def pending_expired_delete(*, now=None) -> int:
    """Delete the waiting files older than a session can live: the form
    they belong to was abandoned. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    try:
        folders = private_storage.listdir(FOLDER)[0]
    except FileNotFoundError:  # nothing has waited yet
        return 0
    deleted = 0
    for folder in folders:
        base = f"{FOLDER}/{folder}"
        names = private_storage.listdir(base)[1]
        for name in names:
            if private_storage.get_modified_time(f"{base}/{name}") < cutoff:
                private_storage.delete(f"{base}/{name}")
                deleted += 1
        if not private_storage.listdir(base)[1]:
            # A file system keeps the empty folder; object storage has none.
            with suppress(NotImplementedError, OSError):
                os.rmdir(private_storage.path(base))
    return deleted
