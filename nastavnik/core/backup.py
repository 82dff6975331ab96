"""Backup and restore of the whole installation: the database and the uploaded files.

One archive (.tar.gz) holds `database.sqlite3` (a consistent online copy made with SQLite's
backup API, safe while the site works) or `database.dump` (pg_dump's custom format), plus the
media folder (uploads and generated documents) and a manifest. `restore` puts both back: the
database is replaced as a whole, the media folder is replaced by the archived one.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason in plain words."""


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def backup(target: Path) -> dict[str, Any]:
    """Write the archive to `target`; returns the manifest."""
    vendor = connection.vendor
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="nastavnik-backup-") as tmp:
        folder = Path(tmp)
        if vendor == "sqlite":
            connection.ensure_connection()
            destination = sqlite3.connect(folder / "database.sqlite3")
            with destination:
                connection.connection.backup(destination)
            destination.close()
            database_file = "database.sqlite3"
        elif vendor == "postgresql":
            env, args = _pg_env()
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    *args,
                    "--file",
                    str(folder / "database.dump"),
                    str(connection.settings_dict["NAME"]),
                ],
                env,
            )
            database_file = "database.dump"
        else:
            raise BackupError(f"unsupported database: {vendor}")
        manifest = {
            "made_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": vendor,
            "database_file": database_file,
            "media": media.is_dir(),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(folder / MANIFEST, arcname=MANIFEST)
            archive.add(folder / database_file, arcname=database_file)
            if media.is_dir():
                archive.add(media, arcname="media")
        partial.replace(target)  # a backup interrupted half-way never looks complete
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or member.issym() or member.islnk():
            raise BackupError(f"unsafe path in the archive: {member.name}")
        members.append(member)
    return members


def restore(source: Path) -> dict[str, Any]:
    """Replace the database and the media folder by those of the archive."""
    if not source.is_file():
        raise BackupError(f"no such archive: {source}")
    with tempfile.TemporaryDirectory(prefix="nastavnik-restore-") as tmp:
        folder = Path(tmp)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(folder, members=_safe_members(archive))  # noqa: S202
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (tarfile.TarError, OSError, ValueError) as exc:
            raise BackupError(f"not a backup of Nastavnik: {exc}") from exc
        vendor = connection.vendor
        if manifest.get("database") != vendor:
            raise BackupError(
                f"the archive holds a {manifest.get('database')} database, this installation "
                f"uses {vendor}"
            )
        database_file = folder / str(manifest["database_file"])
        if vendor == "sqlite":
            connection.ensure_connection()
            archived = sqlite3.connect(database_file)
            with archived:
                archived.backup(connection.connection)
            archived.close()
        else:
            env, args = _pg_env()
            connection.close()
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    *args,
                    "--dbname",
                    str(connection.settings_dict["NAME"]),
                    str(database_file),
                ],
                env,
            )
        media = Path(settings.MEDIA_ROOT)
        if manifest.get("media") and (folder / "media").is_dir():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(folder / "media", media)
    return manifest
