"""Facet lists and active-filter chips for the search page, with their links."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from caselaw.models import Court, ExploitationForm, Judgment, Means, Outcome, Provision
from caselaw.search.filters import FACETS, SearchDocumentFilter
from common.translation import translated_value

NON_FILTER_PARAMETERS = ("q", "page", "ordering", "page_size")
BOOLEAN_LABELS = {"true": _("Yes"), "false": _("No")}
VOCABULARY_MODELS = {
    "court": Court,
    "exploitation_form": ExploitationForm,
    "means": Means,
    "provision": Provision,
}


def _url(params: QueryDict) -> str:
    params = params.copy()
    params.pop("page", None)
    return "?" + params.urlencode()


def toggle_url(data: QueryDict, name: str, value: str, *, single: bool = False) -> str:
    """Return the URL that adds `value` to filter `name`, or removes it when present."""
    params = data.copy()
    values = params.getlist(name)
    if value in values:
        values.remove(value)
    elif single:
        values = [value]
    else:
        values.append(value)
    params.setlist(name, values)
    return _url(params)


def remove_parameter_url(data: QueryDict, name: str, value: str | None = None) -> str:
    params = data.copy()
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [item for item in params.getlist(name) if item != value])
    return _url(params)


def clear_filters_url(data: QueryDict) -> str:
    params = QueryDict(mutable=True)
    for name in ("q", "ordering"):
        if data.get(name):
            params[name] = data[name]
    return "?" + params.urlencode()


def _vocabulary_labels(facets: dict[str, dict], data: QueryDict) -> dict[str, dict[str, str]]:
    """Return labels of the vocabulary ids in the facets or the filters: one query each."""
    labels: dict[str, dict[str, str]] = {}
    for name, model in VOCABULARY_MODELS.items():
        ids = {int(value) for value in facets.get(name, {}) if value and value.isdigit()}
        ids |= {int(value) for value in data.getlist(name) if value.isdigit()}
        field = "name" if model is Court else "label"
        labels[name] = {
            str(obj.pk): translated_value(obj, field).text
            for obj in model.objects.filter(pk__in=ids)
        }
    return labels


def _value_label(name: str, value: str, labels: dict[str, dict[str, str]]) -> str:
    if name in labels:
        return labels[name].get(value, value)
    if name == "outcome":
        return str(dict(Outcome.choices).get(value, value))
    if name == "court_level":
        return str(dict(Court.Level.choices).get(value, value))
    if name == "original_language":
        return str(dict(Judgment.Language.choices).get(value, value))
    if name in ("child_victims", "transnational", "compensation_awarded", "non_punishment_applied"):
        return str(BOOLEAN_LABELS.get(value, value))
    return value


def build_facets(data: QueryDict, counts: dict[str, dict]) -> tuple[list[dict], list[dict]]:
    """Return the facet groups for the side panel and the chips of the active filters."""
    labels = _vocabulary_labels(counts, data)
    field_labels = {name: f.label for name, f in SearchDocumentFilter.base_filters.items()}
    field_labels["year"] = _("Year")
    groups = []
    for name in FACETS:
        values = counts.get(name, {})
        is_boolean = name in ("child_victims", "transnational", "compensation_awarded")
        is_boolean = is_boolean or name == "non_punishment_applied"
        items = []
        for value, count in values.items():
            if value is None:
                continue
            selected = value in data.getlist(name)
            if name == "year":
                selected = data.get("year_from") == value and data.get("year_to") == value
                params = data.copy()
                params["year_from"] = params["year_to"] = value
                url = _url(params)
            else:
                url = toggle_url(data, name, value, single=is_boolean)
            items.append(
                {
                    "value": value,
                    "label": _value_label(name, value, labels),
                    "count": count,
                    "selected": selected,
                    "url": url,
                }
            )
        if name == "year":
            items.sort(key=lambda item: item["value"], reverse=True)
        else:
            items.sort(key=lambda item: (-item["count"], str(item["label"])))
        if items:
            groups.append({"name": name, "label": field_labels[name], "items": items})
    chips = []
    for name in data:
        if name in NON_FILTER_PARAMETERS or name not in field_labels:
            continue
        for value in data.getlist(name):
            if value == "":
                continue
            chips.append(
                {
                    "label": field_labels[name],
                    "value": _value_label(name, value, labels),
                    "url": remove_parameter_url(data, name, value),
                }
            )
    return groups, chips
