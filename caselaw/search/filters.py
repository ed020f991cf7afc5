"""The search filters, shared by the search page, the API and the statistics page.

Parameter names are those of caselaw.filters.JudgmentFilter, so a URL works on the
judgment list and the search alike; here they filter the narrow SearchDocument table.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from caselaw.filters import YearFilter
from caselaw.models import Court, Judgment, Outcome
from caselaw.search.models import SearchDocument

BOOLEAN_CHOICES = [("true", _("Yes")), ("false", _("No"))]

ORDERING_CHOICES = [
    ("relevance", _("Relevance")),
    ("-date", _("Newest first")),
    ("date", _("Oldest first")),
]

# Filter name -> facet name, in the order the side panel shows them.
FACETS = [
    "court",
    "court_level",
    "year",
    "outcome",
    "exploitation_form",
    "means",
    "provision",
    "child_victims",
    "transnational",
    "compensation_awarded",
    "non_punishment_applied",
    "original_language",
]


class SearchBooleanFilter(django_filters.BooleanFilter):
    field_class = forms.NullBooleanField


# The largest value of the integer columns that store vocabulary ids.
MAX_ID = 2**31 - 1


class IdListField(forms.Field):
    """A list of primary keys from repeated parameters (?court=1&court=2), without a query.

    Checking the ids against the database would cost one query per filter; an unknown id
    simply matches nothing.
    """

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            ids = [int(item) for item in values if str(item).strip()]
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(
                _("Enter identifiers as whole numbers."), code="invalid"
            ) from error
        if any(not 0 < pk <= MAX_ID for pk in ids):
            raise forms.ValidationError(
                _("Enter identifiers from 1 to %(max)s."), code="invalid", params={"max": MAX_ID}
            )
        return ids


class IdListFilter(django_filters.Filter):
    field_class = IdListField

    def filter(self, queryset, value):
        if not value:
            return queryset
        return super().filter(queryset, value)


class SearchDocumentFilter(django_filters.FilterSet):
    court = IdListFilter(field_name="court_id", lookup_expr="in", label=_("Court"))
    court_level = django_filters.MultipleChoiceFilter(
        choices=Court.Level.choices, label=_("Court level")
    )
    year_from = YearFilter(field_name="year", lookup_expr="gte", label=_("From year"))
    year_to = YearFilter(field_name="year", lookup_expr="lte", label=_("To year"))
    outcome = django_filters.MultipleChoiceFilter(choices=Outcome.choices, label=_("Outcome"))
    exploitation_form = IdListFilter(method="filter_array", label=_("Form of exploitation"))
    means = IdListFilter(method="filter_array", label=_("Means"))
    provision = IdListFilter(method="filter_array", label=_("Provision applied"))
    child_victims = SearchBooleanFilter(field_name="child_victim", label=_("Victim is a child"))
    transnational = SearchBooleanFilter(label=_("Transnational"))
    compensation_awarded = SearchBooleanFilter(label=_("Compensation awarded"))
    non_punishment_applied = SearchBooleanFilter(label=_("Non-punishment applied"))
    original_language = django_filters.MultipleChoiceFilter(
        field_name="language", choices=Judgment.Language.choices, label=_("Language")
    )

    ARRAY_FIELDS = {
        "exploitation_form": "exploitation_form_ids",
        "means": "means_ids",
        "provision": "provision_ids",
    }

    class Meta:
        model = SearchDocument
        fields: list[str] = []

    def filter_array(self, queryset, name, value):
        """Keep documents with any of the chosen terms (OR within one facet)."""
        if not value:
            return queryset
        column = self.ARRAY_FIELDS[name]
        return queryset.filter(**{f"{column}__overlap": value})
