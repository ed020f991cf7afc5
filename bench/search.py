"""Case-law search benchmark: load N synthetic judgments, then time 200 varied searches.

    DATABASE_URL=postgres://root@127.0.0.1:5432/thb_bench .venv/bin/python bench/search.py \
        --count 100000

The database must be a dedicated one (its name must contain "bench"): the load replaces
every judgment in it. See docs/benchmarks.md, "Case-law search", for the figures.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="judgments to load")
    parser.add_argument("--skip-load", action="store_true", help="reuse the loaded corpus")
    parser.add_argument("--load-only", action="store_true", help="load, do not measure")
    parser.add_argument("--queries", type=int, default=200, help="searches per kind")
    parser.add_argument("--processes", type=int, default=2, help="loader processes")
    arguments = parser.parse_args()

    import django

    django.setup()
    from bench.load import load

    if not arguments.skip_load:
        load(arguments.count, processes=arguments.processes)
    if arguments.load_only:
        return
    from bench.measure import run

    run(count=arguments.count, queries=arguments.queries)


if __name__ == "__main__":
    main()
