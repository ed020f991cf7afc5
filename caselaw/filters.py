"""One FilterSet per model, shared by the pages and the API."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from caselaw.models import (
    Court,
    Defendant,
    ExploitationForm,
    InvestigativeTechnique,
    Judgment,
    Keyword,
    Means,
    ProtectiveMeasure,
    Provision,
)

# Years the year filters of the API and the search page accept.
YEAR_MIN = 1900
YEAR_MAX = 2100


class YearFilter(django_filters.NumberFilter):
    """A whole calendar year from YEAR_MIN to YEAR_MAX; any other value is invalid.

    A year lookup builds a date from the value, so a year such as 0 or 10000 would raise
    ValueError in the query instead of a validation error.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        super().__init__(*args, **kwargs)


class JudgmentFilter(django_filters.FilterSet):
    court = django_filters.ModelMultipleChoiceFilter(queryset=Court.objects.all())
    court_level = django_filters.MultipleChoiceFilter(
        field_name="court__level", choices=Court.Level.choices, label=_("Court level")
    )
    country = django_filters.CharFilter(field_name="court__country", label=_("Country"))
    case = django_filters.NumberFilter(field_name="case_id", label=_("Case"))
    case_number = django_filters.CharFilter(lookup_expr="icontains", label=_("Case number"))
    ecli = django_filters.CharFilter(label=_("ECLI"))
    decision_date = django_filters.DateFromToRangeFilter(label=_("Decision date"))
    year_from = YearFilter(
        field_name="decision_date", lookup_expr="year__gte", label=_("From year")
    )
    year_to = YearFilter(field_name="decision_date", lookup_expr="year__lte", label=_("To year"))
    decision_type = django_filters.MultipleChoiceFilter(choices=Judgment.DecisionType.choices)
    instance = django_filters.MultipleChoiceFilter(choices=Judgment.Instance.choices)
    outcome = django_filters.MultipleChoiceFilter(choices=Judgment.outcome.field.choices)
    original_language = django_filters.MultipleChoiceFilter(choices=Judgment.Language.choices)
    provision = django_filters.ModelMultipleChoiceFilter(
        field_name="provisions", queryset=Provision.objects.all(), label=_("Provision applied")
    )
    instrument = django_filters.MultipleChoiceFilter(
        field_name="provisions__instrument",
        choices=Provision.Instrument.choices,
        label=_("Instrument"),
        distinct=True,
    )
    exploitation_form = django_filters.ModelMultipleChoiceFilter(
        field_name="exploitation_forms",
        queryset=ExploitationForm.objects.all(),
        label=_("Form of exploitation"),
    )
    means = django_filters.ModelMultipleChoiceFilter(queryset=Means.objects.all())
    keyword = django_filters.ModelMultipleChoiceFilter(
        field_name="keywords", queryset=Keyword.objects.all(), label=_("Keyword")
    )
    protective_measure = django_filters.ModelMultipleChoiceFilter(
        field_name="protective_measures",
        queryset=ProtectiveMeasure.objects.all(),
        label=_("Protective measure"),
    )
    investigative_technique = django_filters.ModelMultipleChoiceFilter(
        field_name="investigative_techniques",
        queryset=InvestigativeTechnique.objects.all(),
        label=_("Special investigative technique"),
    )
    child_victims = django_filters.BooleanFilter(
        method="filter_child_victims", label=_("Victim is a child")
    )
    victim_nationality = django_filters.CharFilter(
        method="filter_victim_nationality", label=_("Victim nationality (ISO code)")
    )
    victims_min = django_filters.NumberFilter(
        field_name="victims_total", lookup_expr="gte", label=_("At least this many victims")
    )
    transnational = django_filters.BooleanFilter()
    compensation_awarded = django_filters.BooleanFilter(
        method="filter_compensation_awarded", label=_("Compensation awarded")
    )
    non_punishment_applied = django_filters.BooleanFilter()
    requalified = django_filters.BooleanFilter(
        method="filter_requalified", label=_("A charge was requalified")
    )
    sentence_months_min = django_filters.NumberFilter(
        field_name="defendants__sentence_months",
        lookup_expr="gte",
        distinct=True,
        label=_("A sentence of at least (months)"),
    )
    access_level = django_filters.MultipleChoiceFilter(choices=Judgment.AccessLevel.choices)
    status = django_filters.MultipleChoiceFilter(choices=Judgment.Status.choices)

    class Meta:
        model = Judgment
        fields: list[str] = []

    def filter_child_victims(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(victims_children__gt=0)
            if value
            else queryset.filter(victims_children=0)
        )

    def filter_victim_nationality(self, queryset, name, value):
        codes = [code.strip().upper() for code in value.split(",") if code.strip()]
        return queryset.filter(victim_nationalities__overlap=codes) if codes else queryset

    def filter_compensation_awarded(self, queryset, name, value):
        if value is None:
            return queryset
        awarded = Q(compensation_awarded_eur__gt=0)
        return queryset.filter(awarded) if value else queryset.exclude(awarded)

    def filter_requalified(self, queryset, name, value):
        if value is None:
            return queryset
        requalified = Defendant.objects.filter(
            charged_provision__isnull=False, convicted_provision__isnull=False
        ).exclude(convicted_provision=F("charged_provision"))
        condition = Q(pk__in=requalified.values("judgment_id"))
        return queryset.filter(condition) if value else queryset.exclude(condition)


class CourtFilter(django_filters.FilterSet):
    level = django_filters.MultipleChoiceFilter(choices=Court.Level.choices)
    country = django_filters.CharFilter()

    class Meta:
        model = Court
        fields: list[str] = []


class ProvisionFilter(django_filters.FilterSet):
    instrument = django_filters.MultipleChoiceFilter(choices=Provision.Instrument.choices)

    class Meta:
        model = Provision
        fields: list[str] = []
