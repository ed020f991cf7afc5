import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.audit import AuditAction, AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Action"))
    user = django_filters.NumberFilter(field_name="user_id", label=_("User id"))
    object_type = django_filters.CharFilter(label=_("Object type"))
    object_id = django_filters.CharFilter(label=_("Object id"))
    since = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("From")
    )
    until = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Until")
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "user", "object_type", "object_id", "since", "until"]
