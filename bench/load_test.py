"""Load test: 50 concurrent clients for 60 s against gunicorn on loopback, with wrk.

Serves the project with gunicorn (DEBUG off, Redis cache when REDIS_URL is set) on a
dedicated benchmark database that contains the sample data plus the synthetic judgments, and
drives it with wrk (Debian package `wrk`) over a mix of searches, judgment pages and API
lists. Prints throughput, latency percentiles and the error count as JSON.

    DATABASE_URL=postgres://root@127.0.0.1:5432/thb_bench .venv/bin/python -m bench.load_test

The database must be a benchmark one (its name contains "bench"). Throttling is raised for
the run, because every wrk connection comes from the same address.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PORT = 8202

SEARCH_WORDS = [
    "trafficking", "trafikim", "trgovina", "eksploatacija", "shfrytëzim", "žrtva",
    "трговина људима", "forced labour", "\"sexual exploitation\"", "kompensim",
    "Prishtine", "dënim", "victim -begging", "vulnerability OR deception",
]  # fmt: skip

LUA_TEMPLATE = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def _paths(database_url: str, count: int, seed: int) -> list[str]:
    """Build the request mix: 40 % searches, 30 % judgment pages, 30 % API lists."""
    import psycopg2

    rng = random.Random(seed)  # noqa: S311 - request sampling, not security
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM caselaw_judgment WHERE status = 'published' "
            "AND access_level = 'public' ORDER BY random() LIMIT 2000"
        )
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        raise SystemExit("No published public judgments in this database: load data first.")

    paths = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.4:
            query = urllib.parse.urlencode({"q": rng.choice(SEARCH_WORDS)})
            language = rng.choice(["sq", "sr", "sr-latn", "en"])
            paths.append(f"/{language}/caselaw/?{query}")
        elif kind < 0.7:
            paths.append(f"/en/caselaw/judgments/{rng.choice(ids)}/")
        elif kind < 0.85:
            paths.append(f"/api/v1/judgments/?page={rng.randint(1, 50)}")
        else:
            query = urllib.parse.urlencode({"q": rng.choice(SEARCH_WORDS)})
            paths.append(f"/api/v1/judgments/?{query}")
    return paths


def _parse_wrk(output: str) -> dict:
    def number(pattern):
        match = re.search(pattern, output)
        return match.group(1) if match else None

    def milliseconds(value: str | None) -> float | None:
        if value is None:
            return None
        amount, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
        return float(amount) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(number(r"(\d+) requests in")),
        "requests_per_second": float(number(r"Requests/sec:\s+([\d.]+)")),
        "latency_ms": {
            p: milliseconds(number(rf"\s{p}%\s+([\d.]+\w+)")) for p in ("50", "75", "90", "99")
        },
        "non_2xx_3xx": int(number(r"Non-2xx or 3xx responses: (\d+)") or 0),
        "socket_errors": [int(value) for value in errors.groups()] if errors else [0, 0, 0, 0],
    }


def run(*, database_url: str, duration: int, connections: int, workers: int) -> dict:
    if "bench" not in database_url.rsplit("/", 1)[-1]:
        raise SystemExit("Use a benchmark database: its name must contain 'bench'.")
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk not found: apt-get install wrk")

    work = Path(tempfile.mkdtemp(prefix="thb-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "load-test-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)  # noqa: S603

    paths = _paths(database_url, count=5000, seed=20261204)
    script = work / "mix.lua"
    script.write_text(LUA_TEMPLATE % ", ".join(json.dumps(path) for path in paths))

    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi:application",
         "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers), "--timeout", "60",
         # Threaded workers keep HTTP connections alive, as wrk's clients expect.
         "--worker-class", "gthread", "--threads", "4", "--keep-alive", "5",
         "--log-level", "warning"],
        env=env, cwd=BASE_DIR,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2):  # nosec B310
                    break
            except OSError:
                time.sleep(0.2)
        # Warm each worker's connection and caches before measuring.
        subprocess.run(  # noqa: S603
            [wrk, "-t2", "-c10", "-d5s", "-s", str(script), f"http://127.0.0.1:{PORT}"],
            check=True, capture_output=True,
        )  # fmt: skip
        load_before = os.getloadavg()
        result = subprocess.run(  # noqa: S603
            [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s",
             "-s", str(script), f"http://127.0.0.1:{PORT}"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    summary = _parse_wrk(result.stdout)
    summary.update(
        {
            "duration_s": duration,
            "connections": connections,
            "gunicorn_workers": f"{workers} processes x 4 threads (gthread)",
            "request_mix": "40% search pages, 30% judgment pages, 30% API lists and searches",
            "load_average_before": [round(value, 2) for value in load_before],
            "redis": bool(os.environ.get("REDIS_URL")),
        }
    )
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--connections", type=int, default=50, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    arguments = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    summary = run(
        database_url=database_url,
        duration=arguments.duration,
        connections=arguments.connections,
        workers=arguments.workers,
    )
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
