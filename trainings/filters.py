"""One FilterSet per model, shared by the list pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from trainings.models import Attendance, Course, Participant, Registration, TrainingSession


class CourseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))

    class Meta:
        model = Course
        fields = ["is_active"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value)
            | Q(title_sq__icontains=value)
            | Q(title_sr__icontains=value)
            | Q(title_en__icontains=value)
        )


class TrainingSessionFilter(django_filters.FilterSet):
    course = django_filters.ModelChoiceFilter(queryset=Course.objects.all(), label=_("Course"))
    status = django_filters.ChoiceFilter(choices=TrainingSession.Status.choices, label=_("Status"))
    starts_after = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("Starts on or after")
    )
    starts_before = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Starts on or before")
    )
    city = django_filters.CharFilter(lookup_expr="icontains", label=_("City"))

    class Meta:
        model = TrainingSession
        fields = ["course", "status", "format", "organiser"]


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    institution = django_filters.ModelChoiceFilter(
        queryset=Institution.objects.all(), label=_("Institution")
    )

    class Meta:
        model = Participant
        fields = ["institution", "profession", "sex"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(first_name__unaccent__icontains=value)
            | Q(last_name__unaccent__icontains=value)
            | Q(email__icontains=value)
        )


class RegistrationFilter(django_filters.FilterSet):
    class Meta:
        model = Registration
        fields = ["session", "participant", "is_walk_in"]


class AttendanceFilter(django_filters.FilterSet):
    session = django_filters.NumberFilter(field_name="registration__session", label=_("Session"))

    class Meta:
        model = Attendance
        fields = ["registration", "day", "status"]
