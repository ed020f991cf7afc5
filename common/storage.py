"""Private file storage: uploads that only views checking the reader's rights may serve.

Judgment source documents (unanonymised) and course materials are kept here. The files
live under `settings.PRIVATE_STORAGE_ROOT`, which no URL route and no web server serves,
and `url()` raises, so a template cannot link to a file directly by mistake.
"""

import mimetypes
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property

PRIVATE_STORAGE_ALIAS = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage without URLs, rooted at `settings.PRIVATE_STORAGE_ROOT`."""

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_STORAGE_ROOT)

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError(
            f"Private file {name!r} has no URL: serve it through a view that checks rights."
        )

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_STORAGE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_storage():
    """Return the storage of private uploads, configured as STORAGES["private"]."""
    return storages[PRIVATE_STORAGE_ALIAS]


def content_type_for(name: str) -> str:
    """Return the media type of a stored file by its extension, or a generic binary type."""
    content_type, _encoding = mimetypes.guess_type(os.path.basename(name))
    return content_type or "application/octet-stream"


def move_from_media_root(names) -> int:
    """Move the named files from MEDIA_ROOT into the private storage; return how many moved.

    Used by the migrations that put existing uploads into private storage. A file missing
    from MEDIA_ROOT, or already present in the private storage, is left where it is.
    """
    storage = PrivateFileSystemStorage()
    media_root = os.path.abspath(settings.MEDIA_ROOT)
    moved = 0
    for name in names:
        source = os.path.abspath(os.path.join(media_root, name))
        if not source.startswith(media_root + os.sep) or not os.path.isfile(source):
            continue
        if storage.exists(name):
            continue
        with open(source, "rb") as handle:
            storage.save(name, handle)
        os.remove(source)
        moved += 1
    return moved
