"""Builders for greta tests: recommendations with a responsible institution and updates."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.models import Institution
from greta.models import Assessment, ConventionArticle, ProgressUpdate, Recommendation, Theme


@pytest.fixture
def theme(db):
    main = Theme.objects.create(
        code="protection", name="Mbrojtja", name_en="Protection", name_sr="Заштита"
    )
    Theme.objects.create(
        code="compensation", name="Kompensimi", name_en="Compensation", parent=main
    )
    return main


@pytest.fixture
def institutions(db):
    return list(Institution.objects.order_by("pk")[:2])


@pytest.fixture
def make_recommendation(db, theme, institutions):
    assessment = Assessment.objects.create(
        source_key="test-report", title="Raport", title_en="Report", country="Kosovo*"
    )
    counter = {"n": 0}

    def factory(institution=None, **fields):
        counter["n"] += 1
        fields.setdefault("source_key", f"rec-{counter['n']}")
        fields.setdefault("assessment", assessment)
        fields.setdefault("theme", theme)
        fields.setdefault("text_sq", f"Rekomandimi {counter['n']}: ndihmë për viktimat")
        fields.setdefault("text_sr", f"Препорука {counter['n']}: помоћ жртвама")
        fields.setdefault("text_en", f"Recommendation {counter['n']}: assist victims")
        fields.setdefault("text", fields["text_sq"])
        recommendation = Recommendation.objects.create(**fields)
        recommendation.institutions.set([institution or institutions[0]])
        return recommendation

    return factory


@pytest.fixture
def add_update(db, institutions):
    def factory(recommendation, reporting_date: date, status: str, *, entered=None, **fields):
        fields.setdefault("review_state", ProgressUpdate.ReviewState.CONFIRMED)
        fields.setdefault("visibility", ProgressUpdate.Visibility.PUBLIC)
        fields.setdefault("reporting_institution", institutions[0])
        fields.setdefault("measures", "Masat")
        update = ProgressUpdate.objects.create(
            recommendation=recommendation, reporting_date=reporting_date, status=status, **fields
        )
        if entered is not None:
            moment = timezone.make_aware(
                timezone.datetime.combine(entered, timezone.datetime.min.time())
            )
            ProgressUpdate.objects.filter(pk=update.pk).update(created_at=moment)
            update.refresh_from_db()
        return update

    return factory


@pytest.fixture
def article(db):
    return ConventionArticle.objects.create(number=15, title="Kompensimi", title_en="Compensation")
