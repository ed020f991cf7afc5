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

# Plural rules from the Unicode CLDR, in gettext syntax.
PLURAL_FORMS = {
    "sq": "nplurals=2; plural=(n != 1);",
    "sr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sr_Latn": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}


def set_metadata(catalogue: polib.POFile, language: str) -> None:
    catalogue.metadata["Language"] = language
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    if language in PLURAL_FORMS:
        catalogue.metadata["Plural-Forms"] = PLURAL_FORMS[language]
    catalogue.metadata_is_fuzzy = False


def locale_dirs() -> list[Path]:
    dirs = [Path(path) for path in settings.LOCALE_PATHS]
    for app_config in apps.get_app_configs():
        path = Path(app_config.path) / "locale"
        # Only the project's own apps: installed packages ship their catalogues compiled.
        if path.is_dir() and Path(app_config.path).parent == Path(settings.BASE_DIR):
            dirs.append(path)
    return [path for path in dirs if path.is_dir()]


def derive_latin_catalogue(cyrillic_po: Path) -> Path:
    catalogue = polib.pofile(str(cyrillic_po))
    catalogue.header = GENERATED_HEADER
    set_metadata(catalogue, "sr_Latn")
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
                catalogue = polib.pofile(str(po_path))
                set_metadata(catalogue, po_path.parent.parent.name)
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogues.")
