"""FilterSets shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from greta.models import (
    Assessment,
    ConventionArticle,
    MonitoringBody,
    ProgressUpdate,
    Recommendation,
    Status,
    Strength,
    Theme,
)

NO_STATUS = "none"


class AssessmentFilter(django_filters.FilterSet):
    body = django_filters.ChoiceFilter(label=_("Monitoring body"), choices=MonitoringBody.choices)
    country = django_filters.CharFilter(label=_("Country or territory"), lookup_expr="icontains")

    class Meta:
        model = Assessment
        fields = ["body", "country"]


class RecommendationFilter(django_filters.FilterSet):
    """Filters of the recommendation list; `status` needs `current_status` annotated."""

    q = django_filters.CharFilter(label=_("Text"), method="filter_text")
    body = django_filters.ChoiceFilter(
        label=_("Monitoring body"), field_name="assessment__body", choices=MonitoringBody.choices
    )
    assessment = django_filters.ModelChoiceFilter(
        label=_("Assessment"), queryset=Assessment.objects.all()
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), method="filter_theme", queryset=Theme.objects.all()
    )
    article = django_filters.ModelChoiceFilter(
        label=_("Convention article"),
        field_name="articles",
        queryset=ConventionArticle.objects.all(),
    )
    strength = django_filters.ChoiceFilter(label=_("Strength"), choices=Strength.choices)
    institution = django_filters.ModelChoiceFilter(
        label=_("Responsible institution"),
        field_name="institutions",
        queryset=Institution.objects.all(),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[*Status.choices, (NO_STATUS, _("No update yet"))],
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Update overdue"),
        method="filter_overdue",
        choices=[("yes", _("Overdue")), ("no", _("Not overdue"))],
    )

    class Meta:
        model = Recommendation
        fields = [
            "q",
            "body",
            "assessment",
            "theme",
            "article",
            "strength",
            "institution",
            "status",
        ]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(text_sq__icontains=value)
            | Q(text_sr__icontains=value)
            | Q(text_en__icontains=value)
            | Q(original_text__icontains=value)
        )

    def filter_theme(self, queryset, name, value):
        """A main theme matches its recommendations; a topic matches those tagged with it."""
        if value.parent_id is None:
            return queryset.filter(theme=value)
        return queryset.filter(topics=value)

    def filter_status(self, queryset, name, value):
        if value == NO_STATUS:
            return queryset.filter(current_status__isnull=True)
        return queryset.filter(current_status=value)

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value == "yes":
            return queryset.filter(next_update_due__lt=today)
        return queryset.exclude(next_update_due__lt=today)


class ProgressUpdateFilter(django_filters.FilterSet):
    recommendation = django_filters.NumberFilter(label=_("Recommendation"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    review_state = django_filters.ChoiceFilter(
        label=_("Review"), choices=ProgressUpdate.ReviewState.choices
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Visibility"), choices=ProgressUpdate.Visibility.choices
    )
    reporting_institution = django_filters.ModelChoiceFilter(
        label=_("Reporting institution"), queryset=Institution.objects.all()
    )
    reported_after = django_filters.DateFilter(
        label=_("Reported on or after"), field_name="reporting_date", lookup_expr="gte"
    )
    reported_before = django_filters.DateFilter(
        label=_("Reported on or before"), field_name="reporting_date", lookup_expr="lte"
    )

    class Meta:
        model = ProgressUpdate
        fields = ["recommendation", "status", "review_state", "visibility", "reporting_institution"]
