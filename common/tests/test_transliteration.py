import pytest
from django.utils import translation

from common.transliteration import for_page_script, to_cyrillic, to_latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("трговина људима", "trgovina ljudima"),
        ("Ђорђевић", "Đorđević"),
        ("Џаковица", "Džakovica"),
        ("ЊЕГОШ", "NjEGOŠ"),
        ("жртва експлоатације", "žrtva eksploatacije"),
    ],
)
def test_to_latin(cyrillic, latin):
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("trgovina ljudima", "трговина људима"),
        ("Đorđević", "Ђорђевић"),
        ("Džakovica", "Џаковица"),
        ("NJEGOŠ", "ЊЕГОШ"),
        ("Član 171, stav 2", "Члан 171, став 2"),
    ],
)
def test_to_cyrillic(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_round_trip_latin():
    text = "Optuženi je osuđen na kaznu zatvora od pet godina i novčanu kaznu."
    assert to_latin(to_cyrillic(text)) == text


def test_page_script_follows_language():
    with translation.override("sr-latn"):
        assert for_page_script("пресуда") == "presuda"
    with translation.override("sr"):
        assert for_page_script("presuda") == "пресуда"
    with translation.override("sq"):
        assert for_page_script("presuda") == "presuda"


@pytest.mark.django_db
def test_translated_value_marks_fallback_and_script():
    from accounts.models import Institution
    from common.translation import translated_value

    institution = Institution.objects.create(
        code="test-court", name_sq="Gjykata Themelore", name_sr="Основни суд", name_en=""
    )
    latin = translated_value(institution, "name", "sr-latn")
    assert latin.text == "Osnovni sud"
    assert latin.language == "sr"
    assert not latin.is_fallback

    english = translated_value(institution, "name", "en")
    assert english.text == "Gjykata Themelore"
    assert english.language == "sq"
    assert english.is_fallback
