"""Rebuild the search index after bulk loads, which bypass the save signals."""

from django.core.management.base import BaseCommand

from caselaw.search.indexing import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild every judgment's search document and the 'did you mean' vocabulary. "
        "Run it after loading judgments with bulk_create, COPY or a fixture."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Judgments indexed per transaction."
        )

    def handle(self, *args, batch_size, **options):
        stdout = self.stdout if options["verbosity"] > 1 else None
        count = search_index_rebuild(batch_size=batch_size, stdout=stdout)
        self.stdout.write(f"Indexed {count} judgments.")
