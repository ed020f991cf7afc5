"""A backup restored into a fresh database contains the same records."""

import uuid
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from accounts.audit import AuditAction, audit_record
from accounts.models import Institution
from accounts.roles import Role
from common.backup import BackupError, backup_create, backup_restore, connection_url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fresh_database():
    settings_dict = {**connection.settings_dict, "NAME": f"thb_restore_{uuid.uuid4().hex[:8]}"}
    admin = psycopg2.connect(connection_url({**settings_dict, "NAME": "postgres"}))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    yield settings_dict
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}" WITH (FORCE)')
    admin.close()


def count(settings_dict, table, where="TRUE", params=()):
    with psycopg2.connect(connection_url(settings_dict)) as raw, raw.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {where}", params)  # noqa: S608
        return cursor.fetchone()[0]


def test_backup_round_trip(tmp_path, settings, make_user, fresh_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "judgments").mkdir(parents=True)
    (settings.MEDIA_ROOT / "judgments" / "source.txt").write_text("Aktgjykimi – Пресуда")
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    (settings.PRIVATE_STORAGE_ROOT / "caselaw").mkdir(parents=True)
    (settings.PRIVATE_STORAGE_ROOT / "caselaw" / "draft.pdf").write_bytes(b"%PDF-1.4 draft")
    user = make_user(Role.TRAINER, email="backup@example.test", first_name="Çlirim")
    audit_record(AuditAction.EXPORT, user=user, format="csv")

    manifest = backup_create(tmp_path / "backup.tar")
    assert manifest["counts"]["accounts.user"] == 1

    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private"
    backup_restore(
        tmp_path / "backup.tar",
        settings_dict=fresh_database,
        media_root=restored_media,
        private_root=restored_private,
    )

    assert count(fresh_database, "accounts_user", "email = %s", ["backup@example.test"]) == 1
    assert count(fresh_database, "accounts_user", "first_name = %s", ["Çlirim"]) == 1
    assert count(fresh_database, "accounts_institution") == Institution.objects.count()
    assert count(fresh_database, "accounts_auditevent") == 1
    assert (restored_media / "judgments" / "source.txt").read_text() == "Aktgjykimi – Пресуда"
    assert (restored_private / "caselaw" / "draft.pdf").read_bytes() == b"%PDF-1.4 draft"
    assert not (restored_media / "caselaw").exists()


def test_restore_rejects_non_backup_file(tmp_path, fresh_database):
    bogus = Path(tmp_path / "bogus.tar")
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(BackupError, match="not a readable backup"):
        backup_restore(bogus, settings_dict=fresh_database, media_root=tmp_path / "m")
