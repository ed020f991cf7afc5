"""Load the sample data of every app that has a `sample_data` module, in app order.

Each module exposes `load(*, stdout, source_dir, verbosity)` and must be idempotent, so
the command is safe to run on every `make run`.
"""

import importlib
import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Load demo users and the real sample data (judgments, trainings, GRETA findings)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source-dir",
            type=Path,
            default=settings.SHARED_DATA_DIR,
            help="Folder of the original source files; verbatim texts are added from it "
            "when it exists (default: %(default)s).",
        )

    def handle(self, *args, source_dir: Path, verbosity: int, **options):
        if source_dir is not None and not source_dir.is_dir():
            if verbosity > 1:
                self.stdout.write(f"Source folder {source_dir} not found; loading summaries only.")
            source_dir = None

        loaded = []
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.sample_data"
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout, source_dir=source_dir, verbosity=verbosity)
            loaded.append(app_config.label)

        logger.info("Sample data loaded for %s", ", ".join(loaded))
        self.stdout.write(self.style.SUCCESS(f"Sample data loaded: {', '.join(loaded)}."))
