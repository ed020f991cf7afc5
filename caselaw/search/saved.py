"""Saved searches, their e-mail alerts, and the Atom feed of newly published judgments."""

import logging

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.mail import send_mail
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, View

from accounts.permissions import CapabilityRequiredMixin
from accounts.roles import Capability
from caselaw.models import Judgment
from caselaw.search import engine
from caselaw.search.filters import SearchDocumentFilter
from caselaw.search.models import SavedSearch, SearchDocument
from common.translation import translated_value

logger = logging.getLogger(__name__)

FEED_SIZE = 50


class SavedSearchListView(CapabilityRequiredMixin, ListView):
    required_capability = Capability.SAVE_SEARCHES
    template_name = "caselaw/saved_search_list.html"
    context_object_name = "saved_searches"

    def get_queryset(self):
        return SavedSearch.objects.filter(user=self.request.user)


class SavedSearchCreateView(CapabilityRequiredMixin, View):
    required_capability = Capability.SAVE_SEARCHES

    def post(self, request):
        # PostgreSQL text cannot hold NUL characters.
        name = (request.POST.get("name") or "").replace("\x00", "").strip()[:200] or _("Search")
        query_string = (request.POST.get("query_string") or "").replace("\x00", "")[:2000]
        saved = SavedSearch(
            user=request.user,
            name=name,
            query_string=query_string,
            alert=request.POST.get("alert") == "on",
            last_alert_at=timezone.now(),
        )
        saved.full_clean()
        saved.save()
        logger.info("User %s saved search %s", request.user.pk, saved.pk)
        return redirect("caselaw:saved_search_list")


class SavedSearchDeleteView(CapabilityRequiredMixin, View):
    required_capability = Capability.SAVE_SEARCHES

    def post(self, request, pk):
        get_object_or_404(SavedSearch, pk=pk, user=request.user).delete()
        return redirect("caselaw:saved_search_list")


def new_matches(saved: SavedSearch, *, since, limit: int = 100) -> list[Judgment]:
    """Return the judgments published after `since` that the saved search finds for its user."""
    data = QueryDict(saved.query_string)
    new_ids = Judgment.objects.visible_to(saved.user).filter(published_at__gt=since).values("pk")
    documents = SearchDocument.objects.visible_to(saved.user).filter(judgment__in=new_ids)
    filterset = SearchDocumentFilter(data, queryset=documents)
    queryset = filterset.qs if filterset.is_valid() else documents.none()
    results = engine.search(queryset, q=data.get("q"), ordering="-date", page_size=limit)
    by_id = Judgment.objects.in_bulk(results.ids)
    return [by_id[pk] for pk in results.ids if pk in by_id]


def saved_search_alert(*, saved: SavedSearch, base_url: str) -> int:
    """E-mail the new matches of one saved search; return how many judgments it listed."""
    now = timezone.now()
    since = saved.last_alert_at or saved.created_at
    judgments = new_matches(saved, since=since)
    if judgments:
        language = saved.user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            lines = [
                f"- {translated_value(j, 'title').text or j.case_number_label}: "
                f"{base_url}{j.get_absolute_url()}"
                for j in judgments
            ]
            body = _("New judgments match your saved search “%(name)s”:") % {"name": saved.name}
            send_mail(
                subject=_("New judgments: %(name)s") % {"name": saved.name},
                message=body + "\n\n" + "\n".join(lines),
                from_email=None,
                recipient_list=[saved.user.email],
            )
    with transaction.atomic():
        SavedSearch.objects.filter(pk=saved.pk).update(last_alert_at=now)
    logger.info("Alert for saved search %s listed %s judgments", saved.pk, len(judgments))
    return len(judgments)


class PublishedJudgmentsFeed(Feed):
    """Atom feed of the newest published judgments that anyone may read."""

    feed_type = Atom1Feed
    title = gettext_lazy("Newly published THB judgments")
    subtitle = gettext_lazy("Public anonymised judgments on trafficking in human beings.")

    def link(self):
        return reverse("caselaw:judgment_search")

    def items(self):
        return (
            Judgment.objects.visible_to(None)
            .exclude(published_at=None)
            .select_related("court")
            .only("id", "case_number", "published_at", "decision_date", "court__name", *_TEXT)
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return translated_value(item, "title").text or item.case_number_label

    def item_description(self, item):
        return translated_value(item, "summary").text

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


_TEXT = [f"{name}_{lang}" for name in ("title", "summary") for lang in ("sq", "sr", "en")]
