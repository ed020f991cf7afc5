"""Judgments for the search tests, indexed through the save signal as in production."""

import datetime
import itertools

import pytest

from caselaw.models import Court, ExploitationForm, Judgment, Provision

_numbers = itertools.count(1)


@pytest.fixture
def court(db):
    return Court.objects.create(
        code="basic-prishtina", name="Basic Court of Prishtina", level="basic"
    )


@pytest.fixture
def appeals_court(db):
    return Court.objects.create(code="appeals", name="Court of Appeals", level="appeals")


@pytest.fixture
def provision(db):
    return Provision.objects.create(
        code="cck-171",
        label="Trafficking in persons",
        instrument="criminal_code_kosovo",
        article="171",
    )


@pytest.fixture
def sexual_exploitation(db):
    return ExploitationForm.objects.create(code="sexual", label="Sexual exploitation")


@pytest.fixture
def make_judgment(db, court, django_capture_on_commit_callbacks):
    """Return a factory: make_judgment(text=..., **fields) -> a published, indexed judgment."""

    def factory(*, provisions=(), forms=(), **fields):
        number = next(_numbers)
        fields.setdefault("case_number", f"PKR {number}/2019")
        fields.setdefault("court", court)
        fields.setdefault(
            "decision_date", datetime.date(2019, 1, 1) + datetime.timedelta(days=number)
        )
        fields.setdefault("decision_type", "judgment")
        fields.setdefault("instance", "first")
        fields.setdefault("outcome", "conviction")
        fields.setdefault("original_language", "sq")
        fields.setdefault("title_en", f"Judgment {number}")
        fields.setdefault("status", "published")
        fields.setdefault("access_level", "public")
        with django_capture_on_commit_callbacks(execute=True):
            judgment = Judgment.objects.create(**fields)
            judgment.provisions.set(provisions)
            judgment.exploitation_forms.set(forms)
        return judgment

    return factory
