"""Derive the Serbian Latin catalogues from the Cyrillic ones and compile every catalogue.

Uses polib, so a fresh clone gets working .mo files without GNU gettext installed.
Serbian is translated once, in Cyrillic (locale/sr); sr_Latn is generated from it by
transliteration and must not be edited by hand.
"""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from common.transliteration import to_latin

GENERATED_HEADER = "Generated from the sr catalogue by compile_translations; do not edit."


def locale_dirs() -> list[Path]:
    dirs = [Path(path) for path in settings.LOCALE_PATHS]
    for app_config in apps.get_app_configs():
        path = Path(app_config.path) / "locale"
        if path.is_dir() and str(path).startswith(str(settings.BASE_DIR)):
            dirs.append(path)
    return [path for path in dirs if path.is_dir()]


def derive_latin_catalogue(cyrillic_po: Path) -> Path:
    catalogue = polib.pofile(str(cyrillic_po))
    catalogue.header = GENERATED_HEADER
    catalogue.metadata["Language"] = "sr_Latn"
    for entry in catalogue:
        entry.msgstr = to_latin(entry.msgstr)
        entry.msgstr_plural = {key: to_latin(value) for key, value in entry.msgstr_plural.items()}
    target = cyrillic_po.parent.parent.parent / "sr_Latn" / "LC_MESSAGES" / cyrillic_po.name
    target.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(target))
    return target


class Command(BaseCommand):
    help = "Generate sr_Latn catalogues from sr and compile all .po files to .mo."

    def handle(self, *args, verbosity: int, **options):
        compiled = 0
        for directory in locale_dirs():
            for cyrillic_po in directory.glob("sr/LC_MESSAGES/*.po"):
                derive_latin_catalogue(cyrillic_po)
            for po_path in directory.glob("*/LC_MESSAGES/*.po"):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogues.")
