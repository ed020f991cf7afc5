"""Template filters that show Serbian content in the script of the page."""

from django import template

from common.transliteration import for_page_script

register = template.Library()


@register.filter
def serbian_script(value, source_language="sr"):
    """Transliterate `value` to the page's script when `source_language` is Serbian.

    Usage: {{ judgment.summary|serbian_script:judgment.summary_language }}. With the
    default argument the value is treated as Serbian.
    """
    if value is None:
        return ""
    text = str(value)
    if not str(source_language).startswith("sr"):
        return text
    return for_page_script(text)
