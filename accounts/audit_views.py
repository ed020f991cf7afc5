"""The audit trail for staff: a filtered list and a CSV export. Nothing here can change it."""

import logging

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.generic import View

from accounts.audit import AuditAction, AuditEvent, audit_record
from accounts.filters import AuditEventFilter
from accounts.permissions import CapabilityRequiredMixin
from accounts.roles import Capability
from common.exports import csv_response

logger = logging.getLogger(__name__)

PAGE_SIZE = 50


def _filtered_events(request) -> AuditEventFilter:
    event_filter = AuditEventFilter(request.GET, queryset=AuditEvent.objects.all())
    if not event_filter.is_valid():
        raise BadRequest("Invalid audit filter: " + "; ".join(event_filter.errors))
    return event_filter


class AuditEventListView(CapabilityRequiredMixin, View):
    required_capability = Capability.VIEW_AUDIT_LOG

    def get(self, request):
        event_filter = _filtered_events(request)
        page = Paginator(event_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {"filter": event_filter, "page_obj": page, "query": query.urlencode()}
        return render(request, "accounts/audit_event_list.html", context)


class AuditEventExportView(CapabilityRequiredMixin, View):
    required_capability = Capability.VIEW_AUDIT_LOG

    def get(self, request):
        events = _filtered_events(request).qs
        audit_record(
            AuditAction.EXPORT, user=request.user, object_type="accounts.auditevent", format="csv"
        )
        logger.info("User %s exported the audit trail as CSV", request.user.pk)
        rows = (
            (
                event.created_at,
                event.action,
                event.user_id,
                event.object_type,
                event.object_id,
                event.detail,
            )
            for event in events.iterator(chunk_size=2000)
        )
        header = ["time", "action", "user_id", "object_type", "object_id", "detail"]
        filename = f"audit-{timezone.localdate():%Y-%m-%d}.csv"
        return csv_response(filename, header, rows)
