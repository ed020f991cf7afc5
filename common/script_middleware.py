"""Show Serbian Latin pages entirely in Latin script.

Serbian content (vocabularies, institution names, titles) is stored once, usually in
Cyrillic, and django-modeltranslation serves the same "sr" value to Serbian Cyrillic and
Serbian Latin pages. Rather than converting each field in each template, this middleware
transliterates every Cyrillic letter of an HTML page served in sr-latn. Only the language
switcher keeps the Cyrillic name of the Cyrillic UI language.
"""

from common.transliteration import has_cyrillic, to_latin

# The native name of the Cyrillic UI language, shown in the language switcher.
KEPT_WORDS = ("Српски",)


def latinise_html(html: str) -> str:
    """Return `html` with Serbian Cyrillic letters in Latin, keeping KEPT_WORDS as they are."""
    placeholders = {}
    for index, word in enumerate(KEPT_WORDS):
        placeholder = f"\x00kept{index}\x00"
        placeholders[placeholder] = word
        html = html.replace(word, placeholder)
    html = to_latin(html)
    for placeholder, word in placeholders.items():
        html = html.replace(placeholder, word)
    return html


class SerbianLatinScriptMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "LANGUAGE_CODE", None) != "sr-latn"
            or getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        charset = response.charset or "utf-8"
        html = response.content.decode(charset)
        if has_cyrillic(html.replace(KEPT_WORDS[0], "")):
            response.content = latinise_html(html).encode(charset)
            # CommonMiddleware, which runs first on the way out, set the length of the
            # Cyrillic page. A stale length makes browsers wait for bytes that never come.
            if response.has_header("Content-Length"):
                response.headers["Content-Length"] = str(len(response.content))
        return response
