"""Case-law filters stored on a recommendation: their vocabulary, validation and meaning.

A filter is a JSON object whose keys are parameters of the case-law search page, so the
same selection opens there. Vocabulary terms are stored by code, which stays the same
across databases (sample data, imports), and turned into ids only for the search link:

    {"provision": ["cc-171"], "exploitation_form": ["sexual-exploitation"],
     "means": [], "court_level": ["basic"], "year_from": 2015, "year_to": 2024,
     "child_victims": true, "transnational": null}

Values within one key are alternatives (OR); different keys must all match (AND).
"""

from collections.abc import Iterable
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TERM_KEYS = {
    # filter key: (caselaw model name, Judgment many-to-many field)
    "provision": ("Provision", "provisions"),
    "exploitation_form": ("ExploitationForm", "exploitation_forms"),
    "means": ("Means", "means"),
}
CHOICE_KEYS = {"court_level"}
YEAR_KEYS = ("year_from", "year_to")
BOOLEAN_KEYS = {"child_victims": "victims_children", "transnational": "transnational"}
KEYS = (*TERM_KEYS, *CHOICE_KEYS, *YEAR_KEYS, *BOOLEAN_KEYS)
MIN_YEAR, MAX_YEAR = 1900, 2100


def _court_levels() -> set[str]:
    from caselaw.models import Court

    return set(Court.Level.values)


def validate_caselaw_filter(value) -> None:
    """Raise ValidationError unless `value` is a case-law filter as described above."""
    if not isinstance(value, dict):
        raise ValidationError(_("The case-law filter must be a JSON object."))
    unknown = sorted(set(value) - set(KEYS))
    if unknown:
        raise ValidationError(
            _("Unknown case-law filter keys: %(keys)s. Allowed keys: %(allowed)s."),
            params={"keys": ", ".join(unknown), "allowed": ", ".join(KEYS)},
        )
    for key in (*TERM_KEYS, *CHOICE_KEYS):
        items = value.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ValidationError(
                _("The case-law filter key %(key)s must be a list of codes."), params={"key": key}
            )
    invalid_levels = sorted(set(value.get("court_level", [])) - _court_levels())
    if invalid_levels:
        raise ValidationError(
            _("Unknown court levels: %(levels)s."), params={"levels": ", ".join(invalid_levels)}
        )
    for key in YEAR_KEYS:
        year = value.get(key)
        valid_year = isinstance(year, int) and not isinstance(year, bool)
        if year is not None and not (valid_year and MIN_YEAR <= year <= MAX_YEAR):
            raise ValidationError(
                _("%(key)s must be a year between %(min)s and %(max)s."),
                params={"key": key, "min": MIN_YEAR, "max": MAX_YEAR},
            )
    if value.get("year_from") and value.get("year_to") and value["year_from"] > value["year_to"]:
        raise ValidationError(_("The first year must not be after the last year."))
    for key in BOOLEAN_KEYS:
        if value.get(key) not in (None, True, False):
            raise ValidationError(
                _("The case-law filter key %(key)s must be true, false or null."),
                params={"key": key},
            )


def is_linked(caselaw_filter: dict) -> bool:
    """Whether the filter selects anything narrower than no link at all."""
    return any(value not in (None, [], "") for value in caselaw_filter.values())


def judgment_condition(caselaw_filter: dict) -> Q:
    """Return a condition on Judgment rows; many-to-many terms are subqueries, so a judgment
    with two matching provisions still counts once in an aggregate."""
    from caselaw.models import Judgment

    condition = Q()
    for key, (_model, field) in TERM_KEYS.items():
        codes = caselaw_filter.get(key) or []
        if codes:
            matching = Judgment.objects.filter(**{f"{field}__code__in": codes}).values("pk")
            condition &= Q(pk__in=matching)
    if caselaw_filter.get("court_level"):
        condition &= Q(court__level__in=caselaw_filter["court_level"])
    if caselaw_filter.get("year_from"):
        condition &= Q(decision_date__year__gte=caselaw_filter["year_from"])
    if caselaw_filter.get("year_to"):
        condition &= Q(decision_date__year__lte=caselaw_filter["year_to"])
    if caselaw_filter.get("child_victims") is True:
        condition &= Q(victims_children__gt=0)
    elif caselaw_filter.get("child_victims") is False:
        condition &= Q(victims_children=0)
    if caselaw_filter.get("transnational") is not None:
        condition &= Q(transnational=caselaw_filter["transnational"])
    return condition


def term_ids(filters: Iterable[dict]) -> dict[str, dict[str, int]]:
    """Return {key: {code: id}} for the terms used in `filters`, one query per vocabulary used."""
    from caselaw import models as caselaw_models

    filters = list(filters)
    ids: dict[str, dict[str, int]] = {}
    for key, (model_name, _field) in TERM_KEYS.items():
        codes = {code for item in filters for code in item.get(key) or []}
        if codes:
            model = getattr(caselaw_models, model_name)
            ids[key] = dict(model.objects.filter(code__in=codes).values_list("code", "pk"))
    return ids


def search_query(caselaw_filter: dict, ids: dict[str, dict[str, int]], **extra) -> str:
    """Return the query string that opens the same selection on the case-law search page."""
    params: list[tuple[str, object]] = []
    for key in TERM_KEYS:
        for code in caselaw_filter.get(key) or []:
            # An unknown code matches nothing, and so must the link.
            params.append((key, ids.get(key, {}).get(code, 0)))
    params += [("court_level", level) for level in caselaw_filter.get("court_level") or []]
    for key in YEAR_KEYS:
        if caselaw_filter.get(key):
            params.append((key, caselaw_filter[key]))
    for key in BOOLEAN_KEYS:
        if caselaw_filter.get(key) is not None:
            params.append((key, "true" if caselaw_filter[key] else "false"))
    for key, values in extra.items():
        params += [(key, value) for value in values]
    return urlencode(params)
