from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from common.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the configured database (pg_dump) and the uploaded files into one tar file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Tar file to write (default: DATA_DIR/backups/thb-<time>.tar).",
        )

    def handle(self, *args, output: Path | None, **options):
        if output is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.DATA_DIR) / "backups" / f"thb-{stamp}.tar"
        try:
            manifest = backup_create(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {output} ({rows} rows)."))
