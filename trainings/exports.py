"""Attendance sheets, certificates of attendance and statistics files."""

import io
from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from pypdf import PdfReader, PdfWriter

from common.exports import PdfDocument, xlsx_add_sheet, xlsx_workbook
from common.translation import translated_value
from trainings.models import Attendance, Registration, TrainingSession
from trainings.statistics import DIMENSIONS, CourseOutcome, TrainingFigures


def session_registrations(session: TrainingSession):
    return (
        Registration.objects.filter(session=session)
        .select_related("participant__institution")
        .prefetch_related("attendances")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def attendance_by_day(registration: Registration) -> dict[date, str]:
    return {record.day: record.status for record in registration.attendances.all()}


def attended_days(registration: Registration) -> int:
    return sum(
        1 for record in registration.attendances.all() if record.status in Attendance.ATTENDED
    )


def attendance_sheet_table(session: TrainingSession, days: list[date], *, for_print=False):
    """Return the header and rows of an attendance sheet for `days` of `session`."""
    labels = dict(Attendance.Status.choices)
    header = [_("No."), _("Last name"), _("First name"), _("Institution"), _("Position")]
    header += [f"{day:%d.%m.%Y}" for day in days]
    if for_print:
        header.append(_("Signature"))
    rows = []
    for number, registration in enumerate(session_registrations(session), start=1):
        participant = registration.participant
        statuses = attendance_by_day(registration)
        row = [
            number,
            participant.last_name,
            participant.first_name,
            str(participant.institution or ""),
            participant.position,
        ]
        row += [str(labels.get(statuses.get(day), "")) for day in days]
        if for_print:
            row.append("")
        rows.append(row)
    return header, rows


def sheet_title(session: TrainingSession, day: date | None) -> str:
    course = translated_value(session.course, "title").text
    if day is None:
        period = f"{session.start_date:%d.%m.%Y} – {session.end_date:%d.%m.%Y}"
    else:
        period = f"{day:%d.%m.%Y}"
    return _("Attendance sheet: %(course)s, %(period)s") % {"course": course, "period": period}


def attendance_sheet_xlsx(session: TrainingSession, day: date | None):
    days = [day] if day else session.days
    header, rows = attendance_sheet_table(session, days)
    workbook = xlsx_workbook()
    xlsx_add_sheet(workbook, _("Attendance"), header, rows, first=True)
    info = workbook.create_sheet(_("Session"))
    info.append([sheet_title(session, day)])
    info.append([_("Venue"), f"{session.venue}, {session.city}".strip(", ")])
    info.append([_("Trainers"), ", ".join(str(trainer) for trainer in session.trainers.all())])
    return workbook


def attendance_sheet_pdf(session: TrainingSession, day: date | None) -> PdfDocument:
    days = [day] if day else session.days
    header, rows = attendance_sheet_table(session, days, for_print=True)
    document = PdfDocument(sheet_title(session, day), landscape=True)
    document.paragraph(
        " · ".join(
            part
            for part in (
                f"{session.venue}, {session.city}".strip(", "),
                ", ".join(str(trainer) for trainer in session.trainers.all()),
            )
            if part
        )
    )
    fixed = [8, 32, 28, 48, 30]
    day_width = max(14, min(24, (277 - sum(fixed) - 30) // max(len(days), 1)))
    document.table(header, rows, col_widths=[*fixed, *([day_width] * len(days)), 30])
    return document


def certificate_pdf_bytes(registration: Registration, days_attended: int) -> bytes:
    """Render one certificate in the participant's preferred language."""
    participant = registration.participant
    session = registration.session
    language = participant.preferred_language or "sq"
    with translation.override(language):
        document = PdfDocument(_("Certificate of attendance"))
        course = translated_value(session.course, "title", page_language=language).text
        document.paragraph(_("This is to certify that"), size=12)
        document.heading(participant.full_name, size=20)
        if participant.institution:
            institution = translated_value(participant.institution, "name", language).text
            document.paragraph(institution, size=11)
        document.paragraph(
            _("attended the training course “%(course)s”") % {"course": course}, size=12
        )
        document.paragraph(
            _("held in %(place)s from %(start)s to %(end)s, on %(attended)s of %(total)s days.")
            % {
                "place": session.city or session.venue or "—",
                "start": date_format(session.start_date, "SHORT_DATE_FORMAT"),
                "end": date_format(session.end_date, "SHORT_DATE_FORMAT"),
                "attended": days_attended,
                "total": len(session.days),
            },
            size=12,
        )
        trainers = ", ".join(str(trainer) for trainer in session.trainers.all())
        if trainers:
            document.paragraph(_("Trainers: %(names)s") % {"names": trainers}, size=10)
        if session.organiser:
            organiser = translated_value(session.organiser, "name", language).text
            document.paragraph(_("Organised by %(name)s") % {"name": organiser}, size=10)
        return document.output()


def merge_pdfs(documents: list[bytes]) -> bytes:
    writer = PdfWriter()
    for content in documents:
        for page in PdfReader(io.BytesIO(content)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


OUTCOME_HEADER = [
    _lazy("Mean score before"),
    _lazy("Mean score after"),
    _lazy("Mean gain"),
    _lazy("Participants with both scores"),
    _lazy("Mean rating (1 to 5)"),
    _lazy("Ratings"),
]


def outcome_values(outcome: CourseOutcome) -> list:
    return [
        outcome.mean_before,
        outcome.mean_after,
        outcome.mean_gain,
        outcome.scored,
        outcome.mean_rating,
        outcome.ratings,
    ]


def statistics_tables(figures: TrainingFigures):
    """Yield (title, header, rows) for the totals, each breakdown and the course outcomes."""
    yield (
        _("Totals"),
        [_("Figure"), _("Value")],
        [
            [_("People trained (each person once)"), figures.people_trained],
            [_("Participant training days"), figures.participant_days],
            [_("Sessions"), figures.sessions],
            [_("Session days"), figures.session_days],
        ],
    )
    for dimension, label in DIMENSIONS:
        rows = [
            [row.label, row.people, row.participant_days]
            for row in figures.breakdowns.get(dimension, [])
        ]
        yield str(label), [str(label), _("People trained"), _("Participant training days")], rows
    yield (
        _("Test gain and evaluation"),
        [_("Course"), *(str(title) for title in OUTCOME_HEADER)],
        [[outcome.label, *outcome_values(outcome)] for outcome in figures.course_outcomes],
    )


def statistics_xlsx(figures: TrainingFigures):
    workbook = xlsx_workbook()
    for index, (title, header, rows) in enumerate(statistics_tables(figures)):
        xlsx_add_sheet(workbook, title, header, rows, first=index == 0)
    return workbook


def statistics_csv_header() -> list[str]:
    return [
        _("Breakdown"),
        _("Group"),
        _("People trained"),
        _("Participant training days"),
        *(str(title) for title in OUTCOME_HEADER),
    ]


def statistics_csv_rows(figures: TrainingFigures):
    """Rows for one CSV under `statistics_csv_header()`, blank where a figure does not apply."""
    outcome_blanks = [""] * len(OUTCOME_HEADER)
    for title, _header, rows in statistics_tables(figures):
        for row in rows:
            if len(row) == 2:
                yield [title, row[0], row[1], "", *outcome_blanks]
            elif len(row) == 3:
                yield [title, *row, *outcome_blanks]
    # The outcome table has columns of its own, so its rows are written separately.
    for outcome in figures.course_outcomes:
        values = ["" if value is None else value for value in outcome_values(outcome)]
        yield [_("Test gain and evaluation"), outcome.label, "", "", *values]
