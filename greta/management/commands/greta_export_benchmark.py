"""Time the progress report export on synthetic data and measure peak memory.

Creates N synthetic recommendations with M confirmed updates each inside a transaction that
is rolled back at the end, so the database is left unchanged.
"""

import platform
import time
import tracemalloc
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Institution
from greta.models import Assessment, ProgressUpdate, Recommendation, Status, Theme
from greta.reports import BUILDERS, ReportOptions, export_csv


class Rollback(Exception):
    """Raised to undo the synthetic data."""


def create_synthetic(recommendations: int, updates: int) -> None:
    institution = Institution.objects.order_by("pk").first()
    themes = list(Theme.objects.filter(parent__isnull=True))
    assessment = Assessment.objects.create(
        source_key="benchmark", title="Benchmark", country="Kosovo*"
    )
    items = Recommendation.objects.bulk_create(
        Recommendation(
            source_key=f"benchmark-{index}",
            assessment=assessment,
            position=index,
            theme=themes[index % len(themes)],
            text=f"Препорука {index}: përmirësimi i identifikimit të viktimave",
            text_sq=f"Rekomandimi {index}: përmirësimi i identifikimit të viktimave",
            text_sr=f"Препорука {index}: побољшање идентификације жртава",
            text_en=f"Recommendation {index}: improve identification of victims",
        )
        for index in range(recommendations)
    )
    Recommendation.institutions.through.objects.bulk_create(
        Recommendation.institutions.through(recommendation=item, institution=institution)
        for item in items
    )
    statuses = Status.values
    start = date(2020, 1, 1)
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            recommendation=item,
            reporting_date=start + timedelta(days=90 * step),
            status=statuses[(step + item.position) % len(statuses)],
            measures="Masat e marra / Предузете мере / Measures taken " * 4,
            reporting_institution=institution,
            review_state=ProgressUpdate.ReviewState.CONFIRMED,
            visibility=ProgressUpdate.Visibility.PUBLIC,
        )
        for item in items
        for step in range(updates)
    )


def measure(function):
    """Return (seconds, peak traced bytes, result). Time is taken on a run without
    tracemalloc, which slows Python code several times; the peak on a second run."""
    started = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, result


class Command(BaseCommand):
    help = "Benchmark the progress report export (no lasting change: the data is rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--recommendations", type=int, default=500)
        parser.add_argument("--updates", type=int, default=10)

    def handle(self, *args, recommendations: int, updates: int, **options):
        self.stdout.write(
            f"Python {platform.python_version()} on {platform.machine()}, "
            f"{platform.processor() or platform.platform()}"
        )
        try:
            with transaction.atomic():
                self._run(recommendations, updates)
                raise Rollback
        except Rollback:
            pass

    def _run(self, recommendations: int, updates: int) -> None:
        create_synthetic(recommendations, updates)
        queryset = Recommendation.objects.filter(source_key__startswith="benchmark-")
        confirmed = ProgressUpdate.objects.confirmed()
        options = ReportOptions(as_of=date(2022, 6, 30), since=date(2021, 1, 1), language="sr")
        self.stdout.write(f"{recommendations} recommendations x {updates} updates")
        for name, builder in BUILDERS.items():
            elapsed, peak, content = measure(lambda b=builder: b(queryset, confirmed, options))
            size = len(content) / 1e3
            self.stdout.write(
                f"{name:5} {elapsed:6.2f} s  peak {peak / 1e6:7.1f} MB  {size:6.0f} kB"
            )

        def stream_csv():
            size = 0
            for chunk in export_csv(queryset, confirmed, options).streaming_content:
                size += len(chunk)
            return size

        elapsed, peak, size = measure(stream_csv)
        self.stdout.write(
            f"csv   {elapsed:6.2f} s  peak {peak / 1e6:7.1f} MB  {size / 1e3:6.0f} kB"
        )
