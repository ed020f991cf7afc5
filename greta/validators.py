"""Validators for the links that greta stores and renders as ``<a href>``."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

_absolute_url = URLValidator(schemes=["http", "https"])


def validate_evidence_link(value: str) -> None:
    """Accept an absolute http(s) URL or a path on this platform, and nothing else.

    A path must start with exactly one "/" because browsers read "//host" and "/\\host"
    as another host (a scheme-relative URL). Browsers also drop tabs and line breaks
    inside a URL, so any whitespace is rejected.
    """
    message = _("Enter a full address starting with https:// or a path starting with /.")
    if any(character.isspace() or ord(character) < 32 for character in value):
        raise ValidationError(message, code="invalid_link", params={"value": value})
    if value.startswith("/"):
        if value[1:2] in ("/", "\\"):
            raise ValidationError(message, code="invalid_link", params={"value": value})
        return
    try:
        _absolute_url(value)
    except ValidationError:
        raise ValidationError(message, code="invalid_link", params={"value": value}) from None
