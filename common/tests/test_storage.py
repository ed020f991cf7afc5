"""Private storage: uploads live outside every served folder and have no URL."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import Resolver404, resolve

from common.storage import PrivateFileSystemStorage, move_from_media_root, private_storage


def test_default_location_outside_served_folders():
    root = Path(settings.PRIVATE_STORAGE_ROOT).resolve()
    served = [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT), *settings.STATICFILES_DIRS]

    for folder in served:
        folder = Path(folder).resolve()
        assert not root.is_relative_to(folder), folder
        assert not folder.is_relative_to(root), folder


def test_configured_location_outside_served_folders():
    """The configured default, read before the test fixture replaces it."""
    from config import settings as project_settings

    root = Path(project_settings.PRIVATE_STORAGE_ROOT).resolve()

    assert not root.is_relative_to(Path(project_settings.STATIC_ROOT).resolve())
    assert not root.is_relative_to(Path(project_settings.MEDIA_ROOT).resolve())


def test_storage_follows_setting(private_storage_root):
    assert private_storage().location == str(private_storage_root)


def test_private_file_has_no_url():
    with pytest.raises(ValueError, match="has no URL"):
        private_storage().url("caselaw/sources/2025/judgment-1.pdf")


@pytest.mark.parametrize(
    "path", ["/media/caselaw/sources/2025/judgment-1.pdf", "/media/trainings/materials/a.pdf"]
)
def test_no_media_route(path):
    with pytest.raises(Resolver404):
        resolve(path)


def test_media_url_answers_404(client):
    response = client.get("/media/caselaw/sources/2025/judgment-1.pdf")

    assert response.status_code == 404


def test_every_file_field_uses_private_storage():
    file_fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    public = [
        f"{field.model._meta.label}.{field.name}"
        for field in file_fields
        if not isinstance(field.storage, PrivateFileSystemStorage)
    ]

    assert file_fields, "no FileField found, so the check below proves nothing"
    assert not public, f"FileFields outside private storage: {public}"


def test_move_from_media_root(tmp_path, settings, private_storage_root):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "trainings").mkdir(parents=True)
    (settings.MEDIA_ROOT / "trainings" / "a.pdf").write_bytes(b"a")
    (tmp_path / "outside.pdf").write_bytes(b"outside")

    moved = move_from_media_root(["trainings/a.pdf", "trainings/missing.pdf", "../outside.pdf"])

    assert moved == 1
    assert (private_storage_root / "trainings" / "a.pdf").read_bytes() == b"a"
    assert not (settings.MEDIA_ROOT / "trainings" / "a.pdf").exists()
    assert (tmp_path / "outside.pdf").exists()
