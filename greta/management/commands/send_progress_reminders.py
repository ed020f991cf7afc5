"""E-mail focal points the recommendations whose next progress update is due or overdue."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from greta.services import progress_reminders_send


class Command(BaseCommand):
    help = (
        "Send each focal point one e-mail listing the recommendations of their institution "
        "whose next update is overdue or due within --days days. Uses EMAIL_BACKEND "
        "(the console by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=14, help="Days ahead to include (default: %(default)s)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the e-mails without sending them."
        )

    def handle(self, *args, days: int, dry_run: bool, **options):
        count = progress_reminders_send(
            today=timezone.localdate(), days_ahead=days, dry_run=dry_run
        )
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"Progress reminders {verb}: {count}.")
