"""Facet lists and active-filter chips for the search page, with their links."""

from html import escape
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from caselaw.models import Court, ExploitationForm, Judgment, Means, Outcome, Provision
from caselaw.search import engine
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


class LinkBuilder:
    """Build the facet links of one page from a few encodings of its query string.

    A side panel has about a hundred links; copying and encoding the query dictionary for
    each cost most of the panel's time. Here the parameters other than one facet are
    encoded once per facet, and each link appends its own pair: the same URLs as
    `toggle_url`, with the toggled parameter moved to the end.
    """

    def __init__(self, data: QueryDict):
        self.data = data
        self.pairs = [(k, v) for k, values in data.lists() if k != "page" for v in values]
        self._without: dict[tuple[str, ...], str] = {}

    def without(self, *names: str) -> str:
        """Return the encoded parameters other than `names`, each followed by "&"."""
        if names not in self._without:
            encoded = urlencode([(k, v) for k, v in self.pairs if k not in names])
            self._without[names] = f"{encoded}&" if encoded else ""
        return self._without[names]

    def toggle(self, name: str, value: str, *, single: bool = False) -> str:
        values = self.data.getlist(name)
        if value in values:
            values = [item for item in values if item != value]
        elif single:
            values = [value]
        else:
            values = [*values, value]
        return "?" + self.without(name) + urlencode([(name, item) for item in values])

    def year(self, value: str) -> str:
        pair = urlencode([("year_from", value), ("year_to", value)])
        return "?" + self.without("year_from", "year_to") + pair


def _all_vocabulary() -> dict[str, dict[str, object]]:
    """Return every court, form of exploitation, means and provision by id.

    The four tables are small and change rarely, so they are cached with the search
    counts (engine.cached_value) and refetched after any change to the index or to them.
    """
    return {
        name: {str(obj.pk): obj for obj in model.objects.all()}
        for name, model in VOCABULARY_MODELS.items()
    }


def vocabulary(
    facets: dict[str, dict], data: QueryDict, extra: dict[str, set[int]] | None = None
) -> dict[str, dict[str, object]]:
    """Return the vocabulary objects by id: those in the facets, the filters and `extra`.

    `extra` adds ids the page needs too (the provisions of its results), so they cost no
    query of their own. Read from the cache; four queries when it is empty.
    """
    every = engine.cached_value("vocabulary", _all_vocabulary)
    objects: dict[str, dict[str, object]] = {}
    for name in VOCABULARY_MODELS:
        ids = {value for value in facets.get(name, {}) if value}
        ids |= set(data.getlist(name))
        ids |= {str(pk) for pk in (extra or {}).get(name, ())}
        objects[name] = {pk: every[name][pk] for pk in ids if pk in every[name]}
    return objects


def _vocabulary_labels(objects: dict[str, dict[str, object]]) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for name, by_id in objects.items():
        field = "name" if VOCABULARY_MODELS[name] is Court else "label"
        labels[name] = {pk: translated_value(obj, field).text for pk, obj in by_id.items()}
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


def _items_html(name: str, items: list[dict]) -> SafeString:
    """Return the <li> links of one facet group as HTML; `name` is a constant of FACETS.

    Built here rather than in the template: a panel has about a hundred links, and the
    template engine took about 10 ms a page to resolve and escape their six values each.
    """
    parts = []
    for item in items:
        url = escape(item["url"])
        label = escape(str(item["label"]))
        count = number_format(item["count"], force_grouping=True)
        if item["selected"]:
            classes, current = "facet-link is-selected", ' aria-current="true"'
        else:
            classes, current = "facet-link", ""
        parts.append(
            f'<li><a href="{url}" class="{classes}" data-facet="{name}"{current}>'
            f'<span class="facet-label">{label}</span> '
            f'<span class="facet-count">{count}</span></a></li>'
        )
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - values escaped above


BOOLEAN_FACETS = {
    "child_victims",
    "transnational",
    "compensation_awarded",
    "non_punishment_applied",
}


def build_facets(
    data: QueryDict, counts: dict[str, dict], objects: dict[str, dict[str, object]] | None = None
) -> tuple[list[dict], list[dict]]:
    """Return the facet groups for the side panel and the chips of the active filters.

    `objects` are the vocabulary objects from `vocabulary`; fetched here when not given.
    """
    labels = _vocabulary_labels(objects if objects is not None else vocabulary(counts, data))
    field_labels = {name: f.label for name, f in SearchDocumentFilter.base_filters.items()}
    field_labels["year"] = _("Year")
    links = LinkBuilder(data)
    year_from, year_to = data.get("year_from"), data.get("year_to")
    groups = []
    for name in FACETS:
        values = counts.get(name, {})
        single = name in BOOLEAN_FACETS
        chosen = set(data.getlist(name))
        items = []
        for value, count in values.items():
            if value is None:
                continue
            if name == "year":
                selected = year_from == value and year_to == value
                url = links.year(value)
            else:
                selected = value in chosen
                url = links.toggle(name, value, single=single)
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
            groups.append(
                {
                    "name": name,
                    "label": field_labels[name],
                    "items": items,
                    "items_html": _items_html(name, items),
                }
            )
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
