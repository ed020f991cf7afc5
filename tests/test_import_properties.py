"""Property-based tests of the participant and recommendation imports.

Whatever bytes or cells an upload holds, reading and checking it either returns rows with
their errors or rejects the whole file with ImportFileError, and it never writes anything:
only the confirm step saves.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import Role

pytestmark = pytest.mark.django_db

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

# Text with the letters of the region, separators that CSV must quote, and formula starts.
cell_text = st.text(
    alphabet=st.sampled_from([*"abcëçčćđšžЂЖшщ ,;\"'\n\t=+-@01.:/\\", "\x00", "😀"]),
    max_size=20,
)
cells = st.one_of(cell_text, st.sampled_from(["", "female", "M", "f", "31.12.2024", "2024-12-31"]))


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str) -> bytes:
    def quote(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    lines = [",".join(quote(cell) for cell in row) for row in [header, *rows]]
    text = "\r\n".join(lines)
    return text.encode(encoding, errors="replace")


@pytest.fixture
def session(make_user):
    from trainings.models import Course, TrainingSession

    course = Course.objects.create(code="property-course", title_sq="Kurs", title_en="Course")
    return TrainingSession.objects.create(
        course=course,
        start_date=date(2025, 3, 10),
        end_date=date(2025, 3, 11),
        created_by=make_user(Role.TRAINER),
    )


@PROPERTY_SETTINGS
@given(content=st.binary(max_size=2000), name=st.sampled_from(["list.csv", "list.xlsx", "x"]))
def test_participant_import_reads_any_bytes(session, content, name):
    from trainings.imports import ImportFileError, check_rows, read_table
    from trainings.models import Participant

    before = Participant.objects.count()
    try:
        rows = read_table(SimpleUploadedFile(name, content))
        checked = check_rows(rows, session)
    except ImportFileError as error:
        assert str(error)
        return
    assert isinstance(checked, list)
    assert Participant.objects.count() == before


@PROPERTY_SETTINGS
@given(
    rows=st.lists(st.lists(cells, min_size=0, max_size=7), max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1250"]),
)
def test_participant_import_checks_every_row(session, rows, encoding):
    from trainings.imports import ImportFileError, check_rows, read_table
    from trainings.models import Participant

    header = ["first name", "last name", "sex", "institution", "profession", "e-mail", "phone"]
    upload = SimpleUploadedFile("list.csv", csv_bytes(header, rows, encoding))
    try:
        checked = check_rows(read_table(upload), session)
    except ImportFileError as error:
        assert str(error)
        return
    for row in checked:
        assert isinstance(row, dict)
    assert Participant.objects.count() == 0


@PROPERTY_SETTINGS
@given(content=st.binary(max_size=2000), name=st.sampled_from(["r.csv", "r.xlsx", "r"]))
def test_recommendation_import_reads_any_bytes(content, name):
    from greta.imports import ImportFileError, import_parse
    from greta.models import Recommendation

    before = Recommendation.objects.count()
    try:
        parsed = import_parse(content, filename=name)
    except ImportFileError as error:
        assert str(error)
        return
    assert isinstance(parsed, list)
    assert Recommendation.objects.count() == before


@PROPERTY_SETTINGS
@given(rows=st.lists(st.lists(cells, min_size=4, max_size=6), min_size=1, max_size=12))
def test_recommendation_import_checks_every_row(rows):
    from greta.imports import ImportFileError, import_parse
    from greta.models import Recommendation

    header = ["source_key", "assessment", "theme", "text_en", "strength", "articles"]
    content = csv_bytes(header, rows, "utf-8")
    try:
        parsed = import_parse(content, filename="r.csv")
    except ImportFileError as error:
        assert str(error)
        return
    non_empty = [row for row in rows if any(cell.strip() for cell in row)]
    assert len(parsed) <= len(non_empty)
    assert Recommendation.objects.count() == 0
