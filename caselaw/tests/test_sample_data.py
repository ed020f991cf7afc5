"""The sample judgments: loading, citations, and facts checked against the original data."""

import io
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from caselaw import sample_data
from caselaw.models import Citation, Judgment
from caselaw.tests.factories import JudgmentFactory

pytestmark = pytest.mark.django_db

FIXTURE = json.loads((sample_data.FIXTURES_DIR / "judgments.json").read_text(encoding="utf-8"))
# How the original data names a nationality given as an ISO 3166-1 alpha-2 code.
NATIONALITY_WORDS = {
    "AL": "Albanian",
    "BA": "Bosnia and Herzegovina",
    "BD": "Bangladeshi",
    "BG": "Bulgarian",
    "KZ": "Kazakhstan",
    "MD": "Moldova",
    "NG": "Nigerian",
    "RU": "Russia",
    "TR": "Turkey",
    "VN": "Vietnamese",
}


def _load():
    sample_data.load(stdout=io.StringIO(), source_dir=None)


def _judgment(source_id: str) -> Judgment:
    record = next(item for item in FIXTURE["judgments"] if item["source_id"] == source_id)
    return Judgment.objects.get(
        case_number=record["case_number"], decision_date=record["decision_date"]
    )


def _original_records() -> dict[str, dict]:
    folder = settings.SHARED_DATA_DIR
    paths = [folder / "ecthr_article4_judgments.json", folder / "kosovo_court_decisions.json"]
    if not all(path.is_file() for path in paths):
        pytest.skip("The original data folder is absent.")
    records = {}
    for path in paths:
        for record in json.loads(path.read_text(encoding="utf-8")):
            records[record["id"]] = record
    return records


def test_supreme_court_cites_lower_instances():
    _load()

    supreme = _judgment("kos-supreme-pml-kzz-92-2016")
    cited = set(supreme.cites.values_list("cited__case_number", flat=True))
    assert cited == {"PAKR 52/14", "P 309/10; P 340/10"}


def test_no_citation_between_ecthr_samples():
    _load()

    ecthr = Citation.objects.filter(citing__court__code="ecthr", cited__court__code="ecthr")
    assert not ecthr.exists()


def test_reload_removes_unsupported_citation():
    _load()
    rantsev = _judgment("rantsev-v-cyprus-and-russia-2010")
    chowdury = _judgment("chowdury-and-others-v-greece-2017")
    Citation.objects.create(citing=chowdury, cited=rantsev)
    other = JudgmentFactory()
    Citation.objects.create(citing=other, cited=rantsev)

    _load()

    assert not Citation.objects.filter(citing=chowdury, cited=rantsev).exists()
    assert Citation.objects.filter(citing=other, cited=rantsev).exists()
    assert Citation.objects.filter(citing__case_number="Pml.Kzz 92/2016").count() == 2


def test_rantsev_victim_nationality_unknown():
    _load()

    assert _judgment("rantsev-v-cyprus-and-russia-2010").victim_nationalities == []


def test_appeal_page_shows_cited_by(client):
    _load()
    appeal = _judgment("kos-appeals-pakr-52-14")
    with translation.override("en"):
        url = reverse("caselaw:judgment_detail", args=[appeal.pk])

    content = client.get(url).content.decode()

    assert "Cited by" in content
    assert "Pml.Kzz 92/2016" in content


@pytest.mark.shared_data
def test_nationalities_named_by_original_data():
    checked = 0
    originals = _original_records()

    for record in FIXTURE["judgments"]:
        codes = record.get("victim_nationalities") or []
        if not codes:
            continue
        basis = record.get("victim_nationalities_basis")
        assert basis, record["source_id"]
        text = json.dumps(originals[record["source_id"]][basis], ensure_ascii=False)
        for code in codes:
            assert NATIONALITY_WORDS[code] in text, (record["source_id"], code)
        checked += 1

    assert checked == 10


@pytest.mark.shared_data
def test_citations_named_by_original_data():
    originals = _original_records()
    case_numbers = {
        record["source_id"]: record["case_number"].split("; ") for record in FIXTURE["judgments"]
    }

    assert FIXTURE["citations"]
    for citation in FIXTURE["citations"]:
        citing = originals[citation["citing"]]
        text = json.dumps(citing[citation["basis"]], ensure_ascii=False)
        cited_numbers = [number.removeprefix("no. ") for number in case_numbers[citation["cited"]]]
        assert any(number in text for number in cited_numbers), citation


UNPUBLISHED_NUMBER = "kos-pec-2001-first-conviction"


def test_fixture_stores_no_placeholder_case_number():
    case_numbers = [record["case_number"] for record in FIXTURE["judgments"]]
    assert "not published" not in case_numbers
    assert "" in case_numbers


@pytest.mark.parametrize(
    ("language", "label"),
    [("sq", "i papublikuar"), ("sr", "није објављен"), ("en", "not published")],
)
def test_missing_case_number_label_translated(client, language, label):
    _load()
    judgment = _judgment(UNPUBLISHED_NUMBER)
    assert judgment.case_number == ""
    with translation.override(language):
        url = reverse("caselaw:judgment_detail", args=[judgment.pk])

    content = client.get(url).content.decode()

    assert label in content
    if language != "en":
        assert "not published" not in content


def test_api_case_number_empty_when_unpublished(client):
    _load()
    judgment = _judgment(UNPUBLISHED_NUMBER)

    response = client.get(f"/api/v1/judgments/{judgment.pk}/")

    assert response.status_code == 200
    assert response.json()["case_number"] == ""
