"""Read participant lists from XLSX or CSV files and check each row before anything is saved.

Files come from many offices, so the reader accepts what they produce. Text may be UTF-8
(with or without a byte-order mark) or Windows-1250, separated by commas, semicolons or
tabs. Headers may be in Albanian, Serbian (either script) or English and merged over
several columns. Empty rows are skipped, and dates may be dd.mm.yyyy or yyyy-mm-dd.
"""

import csv
import io
import unicodedata
import zipfile
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from accounts.models import Institution
from common.transliteration import to_latin
from trainings.models import Participant, Profession, Registration, Sex, TrainingSession
from trainings.services import name_key, names_are_similar

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000


def normalise(text) -> str:
    """Return `text` in lower-case Latin letters without diacritics or extra spaces."""
    latin = to_latin(str(text or "")).replace("đ", "dj").replace("Đ", "Dj")
    decomposed = unicodedata.normalize("NFKD", latin)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().replace("_", " ").split())


# Header spellings accepted for each column, compared after normalise().
COLUMN_ALIASES = {
    "first_name": ["first name", "given name", "emri", "ime", "име"],
    "last_name": ["last name", "surname", "family name", "mbiemri", "prezime", "презиме"],
    "full_name": ["name", "full name", "emri dhe mbiemri", "emri mbiemri", "ime i prezime"],
    "sex": ["sex", "gender", "gjinia", "pol", "пол"],
    "institution": ["institution", "institucioni", "institucija", "институција", "organisation"],
    "profession": ["profession", "profesioni", "profesija", "професија"],
    "position": ["position", "job title", "pozita", "pozicija", "позиција", "funkcija"],
    "email": ["e-mail", "email", "e mail", "e-mail address", "e-posta", "email adresa"],
    "phone": ["phone", "telephone", "telefoni", "telefon", "телефон", "tel"],
    "registered_on": [
        "registered on",
        "registration date",
        "date",
        "data e regjistrimit",
        "data",
        "datum prijave",
        "датум пријаве",
        "datum",
    ],
}
ALIAS_TO_COLUMN = {
    normalise(alias): column for column, aliases in COLUMN_ALIASES.items() for alias in aliases
}

SEX_VALUES = {
    Sex.FEMALE: ["f", "female", "woman", "femer", "femre", "grua", "z", "zenski", "zensko", "zena"],
    Sex.MALE: ["m", "male", "man", "mashkull", "burre", "muski", "musko", "muskarac"],
    Sex.NOT_STATED: ["not stated", "pa deklaruar", "nije navedeno", "-"],
}
SEX_LOOKUP = {normalise(value): sex for sex, values in SEX_VALUES.items() for value in values}

PROFESSION_ALIASES = {
    Profession.PROSECUTOR: ["prosecutor", "prokuror", "prokurore", "tuzilac", "tuzilja"],
    Profession.JUDGE: ["judge", "gjyqtar", "gjyqtare", "sudija", "sutkinja"],
    Profession.POLICE_OFFICER: ["police officer", "police", "polic", "policia", "policajac"],
    Profession.LAWYER: ["lawyer", "avokat", "avokate", "advokat", "advokatica"],
    Profession.VICTIM_ADVOCATE: ["victim advocate", "mbrojtes i viktimave", "zastupnik zrtava"],
    Profession.SOCIAL_WORKER: ["social worker", "punetor social", "socijalni radnik"],
    Profession.TRAINER: ["trainer", "trajner", "trener"],
    Profession.OTHER: ["other", "tjeter", "drugo"],
}
PROFESSION_LOOKUP = {
    normalise(alias): profession
    for profession, aliases in PROFESSION_ALIASES.items()
    for alias in [*aliases, profession.label, profession.value]
}


class ImportFileError(ValueError):
    """The file as a whole cannot be read. The message states why and what to do."""


# Reading


def read_table(uploaded) -> list[list]:
    """Return the rows of an uploaded XLSX or CSV file as lists of cell values."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB. Split it into smaller files.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    content = uploaded.read()
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    if uploaded.name.lower().endswith((".xlsx", ".xls")):
        raise ImportFileError(
            _("The file is not a valid XLSX workbook. Save it again as XLSX or CSV.")
        )
    return _read_csv(content)


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(
            _("The file is not a valid XLSX workbook. Save it again as XLSX or CSV.")
        ) from error
    sheet = workbook.worksheets[0]
    # A merged cell keeps its value in the top-left cell only. Copying it to the whole
    # range lets a header merged over two columns name both.
    for merged in list(sheet.merged_cells.ranges):
        value = sheet.cell(merged.min_row, merged.min_col).value
        sheet.unmerge_cells(str(merged))
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                sheet.cell(row, column).value = value
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _read_csv(content: bytes) -> list[list]:
    if content.startswith(b"\xef\xbb\xbf"):
        text = content[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            # Excel on Windows in the region saves CSV in Windows-1250.
            text = content.decode("cp1250", errors="replace")
    if "\x00" in text:
        raise ImportFileError(_("The file is not a text CSV file. Save it as CSV or XLSX."))
    sample = text[:4096]
    try:
        # Only the delimiter is guessed: the sniffer's guesses about quoting are unreliable
        # and split quoted cells that contain line breaks.
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
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


def find_header(rows: list[list]) -> tuple[int, dict[int, str]]:
    """Return the index of the header row and a map of column index to field name.

    The header is the first of the first 10 rows naming at least two known columns.
    When a merged header spans two rows (a group title above the column names), the
    lower row wins because it names more columns.
    """
    best_index, best_columns = -1, {}
    for index, row in enumerate(rows[:10]):
        columns = {}
        for position, cell in enumerate(row):
            column = ALIAS_TO_COLUMN.get(normalise(cell))
            if column and column not in columns.values():
                columns[position] = column
        if len(columns) >= 2 and len(columns) > len(best_columns):
            best_index, best_columns = index, columns
    if best_index < 0:
        raise ImportFileError(
            _(
                "No header row found. The first rows must name the columns, for example "
                "First name, Last name, Sex, Institution, Profession, E-mail."
            )
        )
    names = set(best_columns.values())
    if "full_name" not in names and not {"first_name", "last_name"} <= names:
        raise ImportFileError(
            _("The file needs a First name and a Last name column, or a Name column.")
        )
    return best_index, best_columns


# Checking


def parse_date(value) -> date | None:
    """Read a date cell: a real date, dd.mm.yyyy (with or without a final dot) or ISO."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().rstrip(".")
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def institution_lookup() -> dict[str, Institution]:
    lookup = {}
    for institution in Institution.objects.all():
        for text in (
            institution.code,
            institution.name_sq,
            institution.name_sr,
            institution.name_en,
        ):
            if text:
                lookup[normalise(text)] = institution
    return lookup


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def check_rows(rows: list[list], session: TrainingSession) -> list[dict]:
    """Turn table rows into checked import rows, each with its errors and warnings."""
    header_index, columns = find_header(rows)
    institutions = institution_lookup()
    registered_emails = set(
        Registration.objects.filter(session=session).values_list("participant__email", flat=True)
    )
    registered_names = {
        (name_key(first, last), institution_id)
        for first, last, institution_id in Registration.objects.filter(session=session).values_list(
            "participant__first_name", "participant__last_name", "participant__institution_id"
        )
    }
    seen_emails: dict[str, int] = {}
    seen_names: list[tuple[str, int | None, int]] = []
    checked = []

    for index, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = {field: _cell_text(row[pos]) for pos, field in columns.items() if pos < len(row)}
        if not any(cells.values()):
            continue
        if len(checked) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(count)s participants. Split it into smaller files.")
                % {"count": MAX_ROWS}
            )
        result = _check_row(index, cells, institutions)
        values = result["values"]
        key = name_key(values["first_name"], values["last_name"])

        email = values["email"]
        if email:
            if email in seen_emails:
                result["errors"].append(
                    _("The e-mail address %(email)s is also on line %(line)s.")
                    % {"email": email, "line": seen_emails[email]}
                )
            seen_emails.setdefault(email, index)
            if email in registered_emails:
                result["errors"].append(
                    _("%(email)s is already registered in this session.") % {"email": email}
                )
            existing = Participant.objects.filter(email__iexact=email).first()
            if existing is not None:
                result["existing_participant_id"] = existing.pk
                result["warnings"].append(
                    _("A participant with this e-mail exists (%(name)s); that record is reused.")
                    % {"name": existing.full_name}
                )
        if (key, values["institution_id"]) in registered_names and not email:
            result["errors"].append(_("A person of this name is already registered."))
        for other_key, other_institution, other_line in seen_names:
            if other_institution == values["institution_id"] and names_are_similar(key, other_key):
                result["warnings"].append(
                    _("Similar name on line %(line)s in the same institution.")
                    % {"line": other_line}
                )
                break
        if values["institution_id"] and not result.get("existing_participant_id"):
            similar = _similar_existing(key, values["institution_id"])
            if similar:
                result["warnings"].append(
                    _("Similar name already recorded in this institution: %(names)s.")
                    % {"names": ", ".join(similar)}
                )
        seen_names.append((key, values["institution_id"], index))
        checked.append(result)

    if not checked:
        raise ImportFileError(_("The file has a header but no participant rows."))
    return checked


def _similar_existing(key: str, institution_id: int) -> list[str]:
    names = []
    for first, last in Participant.objects.filter(institution_id=institution_id).values_list(
        "first_name", "last_name"
    ):
        if names_are_similar(key, name_key(first, last)):
            names.append(f"{first} {last}")
    return names[:3]


def _check_row(line: int, cells: dict[str, str], institutions) -> dict:
    errors, warnings = [], []

    first_name, last_name = cells.get("first_name", ""), cells.get("last_name", "")
    if not (first_name or last_name) and cells.get("full_name"):
        first_name, _space, last_name = cells["full_name"].partition(" ")
    if not first_name or not last_name:
        errors.append(_("First name or last name is missing."))

    sex_text = cells.get("sex", "")
    sex = SEX_LOOKUP.get(normalise(sex_text))
    if not sex_text:
        errors.append(_("Sex is missing. Write F or M (or “not stated”)."))
    elif sex is None:
        errors.append(_("Unknown sex “%(value)s”. Write F or M.") % {"value": sex_text})

    institution_text = cells.get("institution", "")
    institution = institutions.get(normalise(institution_text))
    if not institution_text:
        errors.append(_("Institution is missing."))
    elif institution is None:
        errors.append(
            _("Unknown institution “%(value)s”. Use the name or code of a registered institution.")
            % {"value": institution_text}
        )

    profession_text = cells.get("profession", "")
    profession = PROFESSION_LOOKUP.get(normalise(profession_text), Profession.OTHER)
    if profession_text and normalise(profession_text) not in PROFESSION_LOOKUP:
        warnings.append(
            _("Unknown profession “%(value)s”; recorded as Other.") % {"value": profession_text}
        )

    email = cells.get("email", "").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("Invalid e-mail address “%(value)s”.") % {"value": email})

    registered_on = None
    if cells.get("registered_on"):
        try:
            registered_on = parse_date(cells["registered_on"])
        except ValueError:
            errors.append(
                _("Invalid date “%(value)s”. Write it as dd.mm.yyyy or yyyy-mm-dd.")
                % {"value": cells["registered_on"]}
            )

    return {
        "line": line,
        "values": {
            "first_name": first_name[:150],
            "last_name": last_name[:150],
            "sex": sex or "",
            "institution_id": institution.pk if institution else None,
            "institution_label": str(institution) if institution else institution_text,
            "profession": str(profession),
            "position": cells.get("position", "")[:200],
            "email": email,
            "phone": cells.get("phone", "")[:40],
            "registered_on": registered_on.isoformat() if registered_on else "",
        },
        "errors": errors,
        "warnings": warnings,
    }


def row_to_participant_fields(row: dict) -> dict:
    values = row["values"]
    return {
        "first_name": values["first_name"],
        "last_name": values["last_name"],
        "sex": values["sex"],
        "institution_id": values["institution_id"],
        "profession": values["profession"],
        "position": values["position"],
        "email": values["email"],
        "phone": values["phone"],
    }
