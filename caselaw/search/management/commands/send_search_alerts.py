"""E-mail each user the new judgments matching their saved searches with an alert."""

import logging

from django.core.management.base import BaseCommand
from django.db import DatabaseError, transaction

from caselaw.search.models import SavedSearch
from caselaw.search.saved import saved_search_alert

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Send an e-mail for every saved search with an alert that has new matching "
        "judgments published since its last check, then move its check time to now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Scheme and host put before the judgment links in the e-mails.",
        )

    def handle(self, *args, base_url, **options):
        sent = failed = 0
        searches = SavedSearch.objects.filter(alert=True, user__is_active=True).select_related(
            "user"
        )
        for saved in searches:
            # One saved search that fails must not stop the alerts of everyone else.
            try:
                with transaction.atomic():
                    listed = saved_search_alert(saved=saved, base_url=base_url.rstrip("/"))
            except DatabaseError:
                logger.exception("Alert for saved search %s failed", saved.pk)
                failed += 1
                continue
            if listed:
                sent += 1
        self.stdout.write(
            f"Checked {searches.count()} saved searches, sent {sent} e-mails, {failed} failed."
        )
