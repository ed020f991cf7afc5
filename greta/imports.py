"""Bulk import of recommendations from XLSX or CSV: parse, check every row, then save all.

`import_parse` never writes; it returns the rows with their errors for the preview.
`recommendations_import` saves every row in one transaction, or none when any row fails.
"""

import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Institution
from accounts.roles import Capability, user_can
from greta.models import Assessment, ConventionArticle, Recommendation, Strength, Theme

logger = logging.getLogger(__name__)

COLUMNS = [
    "source_key",
    "assessment",
    "number",
    "paragraph",
    "position",
    "theme",
    "topics",
    "articles",
    "strength",
    "institutions",
    "text_sq",
    "text_sr",
    "text_en",
    "original_text",
    "next_update_due",
]
REQUIRED = ("source_key", "assessment", "theme", "text_en")
MAX_ROWS = 5000
# An XLSX workbook is a ZIP archive, and an old binary .xls starts with the OLE2 signature.
ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0"
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls")
INVALID_XLSX_MESSAGE = gettext_lazy(
    "The file is not a valid XLSX workbook. Save it again as XLSX or CSV."
)


class ImportFileError(ValueError):
    """The file cannot be read as XLSX or CSV."""


@dataclass
class ImportRow:
    line: int
    values: dict
    errors: list[str] = field(default_factory=list)


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(str(INVALID_XLSX_MESSAGE)) from error
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The CSV file is not UTF-8 text.")) from error
    try:
        # Only the delimiter is guessed: the sniffer's guesses about quoting are unreliable
        # and split quoted cells that contain line breaks.
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        # newline="" lets the csv module handle \r, \n and \r\n line ends itself.
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file could not be read (%(error)s). Save it again as CSV or XLSX.")
            % {"error": error}
        ) from error


def _read_rows(content: bytes, filename: str) -> list[list]:
    """Read the cells as XLSX or CSV, chosen by the content and not by the file name.

    The name only picks the error message. A file named .xlsx that is not a ZIP archive
    is a broken or renamed workbook, so calling it a CSV file would mislead.
    """
    if content.startswith(ZIP_SIGNATURE):
        return _read_xlsx(content)
    if content.startswith(OLE2_SIGNATURE) or filename.lower().endswith(XLSX_SUFFIXES):
        raise ImportFileError(str(INVALID_XLSX_MESSAGE))
    return _read_csv(content)


def read_table(content: bytes, *, filename: str = "") -> list[dict]:
    """Return the data rows as dicts keyed by the header; the type is read from the content."""
    rows = _read_rows(content, filename)
    rows = [row for row in rows if any(_text(cell) for cell in row)]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return [
        {name: row[index] if index < len(row) else None for index, name in enumerate(header)}
        for row in rows[1:]
    ]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _codes(value) -> list[str]:
    return [part.strip() for part in _text(value).replace(",", ";").split(";") if part.strip()]


class _Lookups:
    def __init__(self):
        self.assessments = {item.source_key: item for item in Assessment.objects.all()}
        self.themes = {item.code: item for item in Theme.objects.all()}
        self.articles = {item.number: item for item in ConventionArticle.objects.all()}
        self.institutions = {item.code: item for item in Institution.objects.all()}
        self.existing = set(Recommendation.objects.values_list("source_key", flat=True))


def _check_row(raw: dict, line: int, lookups: _Lookups, seen: set) -> ImportRow:
    row = ImportRow(line=line, values={})
    errors = row.errors
    values = row.values
    for column in COLUMNS:
        values[column] = _text(raw.get(column))

    for column in REQUIRED:
        if not values[column]:
            errors.append(_("%(column)s is missing.") % {"column": column})
    key = values["source_key"]
    if key in lookups.existing:
        errors.append(_("source_key %(key)s already exists.") % {"key": key})
    elif key and key in seen:
        errors.append(_("source_key %(key)s appears twice in the file.") % {"key": key})
    seen.add(key)
    if values["assessment"] and values["assessment"] not in lookups.assessments:
        errors.append(_("Unknown assessment %(key)s.") % {"key": values["assessment"]})

    theme = lookups.themes.get(values["theme"])
    if values["theme"] and (theme is None or theme.parent_id is not None):
        errors.append(_("Unknown main theme %(code)s.") % {"code": values["theme"]})
    for code in _codes(values["topics"]):
        if code not in lookups.themes or lookups.themes[code].parent_id is None:
            errors.append(_("Unknown topic %(code)s.") % {"code": code})
    for code in _codes(values["institutions"]):
        if code not in lookups.institutions:
            errors.append(_("Unknown institution %(code)s.") % {"code": code})
    for number in _codes(values["articles"]):
        if not number.isdigit() or int(number) not in lookups.articles:
            errors.append(_("Unknown Convention article %(number)s.") % {"number": number})

    values["strength"] = values["strength"].lower() or Strength.UNKNOWN
    if values["strength"] not in Strength.values:
        errors.append(_("Invalid strength %(value)s.") % {"value": values["strength"]})
    for column in ("paragraph", "position"):
        if values[column] and not values[column].isdigit():
            errors.append(_("%(column)s must be a whole number.") % {"column": column})
    due = raw.get("next_update_due")
    if isinstance(due, date):
        values["next_update_due"] = due.strftime("%Y-%m-%d")[:10]
    elif values["next_update_due"]:
        try:
            date.fromisoformat(values["next_update_due"][:10])
            values["next_update_due"] = values["next_update_due"][:10]
        except ValueError:
            errors.append(
                _("Invalid date %(value)s; use YYYY-MM-DD.") % {"value": values["next_update_due"]}
            )
    return row


def import_parse(content: bytes, *, filename: str = "") -> list[ImportRow]:
    """Read and check every row; raises ImportFileError when the file cannot be read."""
    table = read_table(content, filename=filename)
    lookups = _Lookups()
    seen: set[str] = set()
    # Line numbers count the header as line 1, as spreadsheet programs show them.
    return [_check_row(raw, index + 2, lookups, seen) for index, raw in enumerate(table)]


def _build(values: dict, lookups: _Lookups) -> Recommendation:
    recommendation = Recommendation(
        source_key=values["source_key"],
        assessment=lookups.assessments[values["assessment"]],
        number=values["number"],
        paragraph=int(values["paragraph"]) if values["paragraph"] else None,
        position=int(values["position"]) if values["position"] else 0,
        theme=lookups.themes[values["theme"]],
        strength=values["strength"],
        text=values["text_sq"] or values["text_en"],
        text_sq=values["text_sq"],
        text_sr=values["text_sr"],
        text_en=values["text_en"],
        original_text=values["original_text"],
        next_update_due=date.fromisoformat(values["next_update_due"])
        if values["next_update_due"]
        else None,
    )
    recommendation.full_clean()
    return recommendation


@transaction.atomic
def recommendations_import(*, content: bytes, user) -> list[Recommendation]:
    """Create every recommendation of the file, or none: any row error raises ValidationError."""
    if not user_can(user, Capability.MANAGE_RECOMMENDATIONS):
        raise PermissionDenied("Only project staff import recommendations.")
    rows = import_parse(content)
    failed = [row for row in rows if row.errors]
    if failed:
        raise ValidationError([f"{_('Line')} {row.line}: {' '.join(row.errors)}" for row in failed])
    lookups = _Lookups()
    created = []
    for row in rows:
        recommendation = _build(row.values, lookups)
        recommendation.save()
        recommendation.topics.set([lookups.themes[code] for code in _codes(row.values["topics"])])
        recommendation.articles.set(
            [lookups.articles[int(number)] for number in _codes(row.values["articles"])]
        )
        recommendation.institutions.set(
            [lookups.institutions[code] for code in _codes(row.values["institutions"])]
        )
        created.append(recommendation)
    logger.info("Imported %s recommendations by user %s", len(created), user.pk)
    return created
