"""factory-boy factories for caselaw tests."""

import datetime

import factory

from caselaw.models import Court, Judgment


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Court
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"court-{n}")
    name_en = factory.Sequence(lambda n: f"Basic Court {n}")
    name_sq = factory.Sequence(lambda n: f"Gjykata Themelore {n}")
    level = Court.Level.BASIC
    city = "Prizren"
    country = "XK"


class JudgmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Judgment

    court = factory.SubFactory(CourtFactory)
    case_number = factory.Sequence(lambda n: f"PKR {n}/2024")
    decision_date = datetime.date(2024, 3, 1)
    decision_type = Judgment.DecisionType.JUDGMENT
    instance = Judgment.Instance.FIRST
    outcome = "conviction"
    original_language = "sq"
    title_en = factory.Sequence(lambda n: f"Trafficking judgment {n}")
    title_sq = factory.Sequence(lambda n: f"Aktgjykim për trafikim {n}")
    summary_en = "A summary in English."
    text = "Anonymised text of the judgment about V1."
    text_language = "sq"
    status = Judgment.Status.PUBLISHED
    access_level = Judgment.AccessLevel.PUBLIC
