"""The whole site in one archive, and back: the database (SQLite's online
backup API, or pg_dump) with the public media and the private attachments,
wherever they live: folders on disk, or objects in S3-compatible storage
(S3_BUCKET), which are read and written through the same storages the site
uses.

An archive is a gzipped tar: manifest.json, database/<dump>, media/public/…
and media/private/…. It is written under a temporary name and renamed when
complete, so a failed backup never leaves a half archive behind."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import connection
from django.utils import timezone

FORMAT = 1
SQLITE_FILE = "database/database.sqlite3"
POSTGRES_FILE = "database/database.dump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Danish."""


@dataclass(frozen=True)
class Manifest:
    format: int
    vendor: str
    created_at: str
    database_file: str

    @classmethod
    def read(cls, tar: tarfile.TarFile) -> "Manifest":
        try:
            member = tar.extractfile("manifest.json")
            data = json.load(member)
            return cls(**{k: data[k] for k in cls.__dataclass_fields__})
        except (KeyError, TypeError, ValueError) as error:
            raise BackupError(
                "Filen er ikke en sikkerhedskopi af Partnerportalen."
            ) from error


def media_storages() -> dict[str, Storage]:
    """The storages a backup holds, by their name in the archive."""
    return {"public": storages["default"], "private": storages["private"]}


def _files(storage: Storage, folder: str = ""):
    """Every file's name in `storage`, folder by folder."""
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for name in folders:
        yield from _files(storage, f"{folder}/{name}" if folder else name)


def _add_storage(tar: tarfile.TarFile, storage: Storage, arcname: str) -> None:
    if isinstance(storage, FileSystemStorage):
        root = Path(storage.location)
        if root.exists():
            tar.add(root, arcname=arcname)
        return
    for name in _files(storage):
        info = tarfile.TarInfo(f"{arcname}/{name}")
        info.size = storage.size(name)
        info.mtime = int(timezone.now().timestamp())
        with storage.open(name, "rb") as stream:
            tar.addfile(info, stream)


def _replace_storage(storage: Storage, source: Path) -> None:
    if isinstance(storage, FileSystemStorage):
        _replace_folder(Path(storage.location), source)
        return
    for name in list(_files(storage)):
        storage.delete(name)
    if not source.exists():
        return
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        with path.open("rb") as stream:
            saved = storage.save(name, File(stream, name=name))
        if saved != name:
            raise BackupError(f"{name} kunne ikke gendannes under sit eget navn.")


def _postgres_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(command: list[str]) -> None:
    try:
        subprocess.run(  # noqa: S603 - fixed program, our own arguments
            command, env=_postgres_env(), check=True, capture_output=True, text=True
        )
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} findes ikke på maskinen.") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} fejlede: {error.stderr.strip()}") from error


def _dump_database(folder: Path) -> str:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = sqlite3.connect(folder / "database.sqlite3")
        with target:
            # Page by page from the live database: writers may go on meanwhile.
            connection.connection.backup(target)
        target.close()
        return SQLITE_FILE
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={folder / 'database.dump'}",
                connection.settings_dict["NAME"],
            ]
        )
        return POSTGRES_FILE
    raise BackupError(f"Databasen {connection.vendor} understøttes ikke.")


def backup_create(
    *, destination: Path, progress: Callable[[str], None] = lambda _: None
) -> Path:
    """Write the database and both media storages to `destination`."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        progress("database")
        database_file = _dump_database(Path(tmp))
        manifest = Manifest(
            format=FORMAT,
            vendor=connection.vendor,
            created_at=timezone.now().isoformat(),
            database_file=database_file,
        )
        (Path(tmp) / "manifest.json").write_text(json.dumps(manifest.__dict__))
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(Path(tmp) / "manifest.json", arcname="manifest.json")
            tar.add(Path(tmp) / Path(database_file).name, arcname=database_file)
            for name, storage in media_storages().items():
                progress(f"media/{name}")
                _add_storage(tar, storage, f"media/{name}")
        partial.replace(destination)
    return destination


def _restore_database(manifest: Manifest, folder: Path) -> None:
    dump = folder / manifest.database_file
    if manifest.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        # Overwrites the live database page by page, inside SQLite's lock.
        source.backup(connection.connection)
        source.close()
        return
    connection.close()  # our own session must not hold locks pg_restore needs
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ]
    )


def _replace_folder(root: Path, source: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.exists():
        for child in source.iterdir():
            shutil.move(child, root / child.name)


@contextmanager
def _open(source: Path):
    try:
        tar = tarfile.open(source, "r:gz")  # noqa: SIM115 - closed below
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            "Filen er ikke en sikkerhedskopi af Partnerportalen."
        ) from error
    with tar:
        yield tar


def backup_restore(
    *, source: Path, progress: Callable[[str], None] = lambda _: None
) -> Manifest:
    """Replace the database and both media storages with the archive's.
    Refuses an archive of another database engine before changing anything."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Filen {source} findes ikke.")
    with _open(source) as tar, tempfile.TemporaryDirectory() as tmp:
        manifest = Manifest.read(tar)
        if manifest.format != FORMAT:
            raise BackupError(f"Ukendt format {manifest.format} (forventede {FORMAT}).")
        if manifest.vendor != connection.vendor:
            raise BackupError(
                f"Kopien er af en {manifest.vendor}-database; "
                f"denne installation bruger {connection.vendor}."
            )
        # The "data" filter refuses absolute paths, links out of the folder
        # and device files.
        tar.extractall(tmp, filter="data")
        progress("database")
        _restore_database(manifest, Path(tmp))
        for name, storage in media_storages().items():
            progress(f"media/{name}")
            _replace_storage(storage, Path(tmp) / "media" / name)
    return manifest
