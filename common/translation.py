"""Read a translated model field with its real language, for fallback notices and script.

django-modeltranslation silently falls back to another language when a translation is
empty. Pages need to know when that happened (to say so) and whether the text is Serbian
(to show it in the page's script), so they read fields through `translated_value`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

from common.transliteration import for_page_script


@dataclass(frozen=True)
class TranslatedValue:
    text: str
    language: str  # the content language the text is in: "sq", "sr" or "en"; "" if empty
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def content_language(page_language: str | None = None) -> str:
    """Map a UI language to a content language: both Serbian scripts share "sr"."""
    page_language = page_language or get_language() or settings.LANGUAGE_CODE
    base = page_language.split("-")[0]
    if base in settings.MODELTRANSLATION_LANGUAGES:
        return base
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def fallback_order(language: str) -> list[str]:
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    order = [language, *fallbacks.get(language, fallbacks["default"])]
    return list(dict.fromkeys(order))


def translated_value(
    instance, field_name: str, page_language: str | None = None
) -> TranslatedValue:
    """Return `field_name` of `instance` in the page's language, or its first fallback."""
    page_language = page_language or get_language() or settings.LANGUAGE_CODE
    wanted = content_language(page_language)
    for language in fallback_order(wanted):
        text = getattr(instance, f"{field_name}_{language}", None) or ""
        if text.strip():
            if language == "sr":
                text = for_page_script(text, page_language)
            return TranslatedValue(text=text, language=language, is_fallback=language != wanted)
    return TranslatedValue(text="", language="", is_fallback=False)
