from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into the configured database, replacing its "
        "contents, and extract the uploaded files into MEDIA_ROOT and PRIVATE_STORAGE_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="Tar file written by `backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the database."
        )

    def handle(self, *args, backup: Path, yes: bool, **options):
        if not backup.is_file():
            raise CommandError(f"Backup file not found: {backup}")
        if not yes and input("This replaces the whole database. Type 'yes' to go on: ") != "yes":
            raise CommandError("Restore cancelled.")
        try:
            manifest = backup_restore(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {manifest['created_at']}."))
