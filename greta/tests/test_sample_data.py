import io
from pathlib import Path

import pytest
from django.conf import settings

from greta import sample_data
from greta.models import ProgressUpdate, Recommendation

pytestmark = pytest.mark.django_db


def test_sample_data_idempotent_without_sources():
    sample_data.load(stdout=io.StringIO(), source_dir=None)
    counts = (Recommendation.objects.count(), ProgressUpdate.objects.count())
    sample_data.load(stdout=io.StringIO(), source_dir=None)
    assert (Recommendation.objects.count(), ProgressUpdate.objects.count()) == counts
    assert counts[0] == 48
    assert not Recommendation.objects.exclude(original_text="").exists()
    assert not Recommendation.objects.exclude(number="").exists()
    assert not Recommendation.objects.filter(paragraph__isnull=False).exists()
    assert all(update.is_sample for update in ProgressUpdate.objects.all())


def test_summaries_in_three_languages():
    sample_data.load(stdout=io.StringIO(), source_dir=None)
    for recommendation in Recommendation.objects.all():
        assert recommendation.text_sq
        assert recommendation.text_en
        assert any("\u0400" <= char <= "\u04ff" for char in recommendation.text_sr)


@pytest.mark.shared_data
def test_original_text_from_source_dir():
    source = Path(getattr(settings, "SHARED_DATA_DIR", "") or "/nonexistent")
    if not (source / "greta_statements.json").is_file():
        pytest.skip("source data folder not available")
    sample_data.load(stdout=io.StringIO(), source_dir=source)
    recommendation = Recommendation.objects.get(source_key="greta-stmt-003")
    assert recommendation.original_text.startswith("GRETA also urges")
    assert recommendation.strength == "urges"
