"""Restart PostgreSQL under load and record the application's responses.

Starts a private embedded PostgreSQL server and gunicorn (2 workers) on loopback, sends
reads (health check, an API list, a page) and writes (sign-ins, each of which writes a
session, an audit event and the user's last sign-in time) from several threads, stops the
database for a few seconds, starts it again, and counts the answers per phase.

    python -m bench.db_restart            # prints a JSON summary
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

READ_PATHS = ["/healthz", "/api/v1/courts/", "/en/caselaw/"]
SIGN_IN_EMAIL = "fault@example.test"
SIGN_IN_PASSWORD = "fault-test-password-42"  # noqa: S105  # nosec B105 - throwaway account


def _request(url: str, data: bytes | None = None, opener=None) -> int:
    opener = opener or urllib.request.build_opener()
    try:
        request = urllib.request.Request(url, data=data)  # noqa: S310 - loopback http only
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0  # no HTTP response at all


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sign_in(base_url: str) -> int:
    """Sign in once with a fresh cookie jar; 302 means the sign-in was written."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
    )
    login = f"{base_url}/en/accounts/sign-in/"
    try:
        with opener.open(login, timeout=10) as response:
            page = response.read().decode()
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0
    marker = 'name="csrfmiddlewaretoken" value="'
    if marker not in page:
        return 0
    token = page.split(marker, 1)[1].split('"', 1)[0]
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": SIGN_IN_EMAIL, "password": SIGN_IN_PASSWORD}
    ).encode()
    request = urllib.request.Request(login, data=form, headers={"Referer": login})  # noqa: S310
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0


def _environment(database_url: str, static_root: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "fault-test-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_TWO_FACTOR_REQUIRED": "false",
        "API_THROTTLE_ANON": "100000/min",
        "DJANGO_LOG_LEVEL": "CRITICAL",
    }


def _start_database(work: Path) -> None:
    """Start the stopped server again from a fresh process, as a new command would."""
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]); "
        "from config.embedded_db import embedded_database_url; "
        "embedded_database_url(Path(sys.argv[1]))"
    )
    subprocess.run([sys.executable, "-c", code, str(work), str(BASE_DIR)], check=True)  # noqa: S603


def run(*, port: int = 8201, down_seconds: float = 6.0, threads: int = 6) -> dict:
    from config.embedded_db import embedded_database_url, stop_embedded_server

    work = Path(tempfile.mkdtemp(prefix="thb-fault-"))
    work.chmod(0o755)
    database_url = embedded_database_url(work)
    env = _environment(database_url, work / "static")
    python = sys.executable
    manage = [python, str(BASE_DIR / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], env=env, check=True, cwd=BASE_DIR)  # noqa: S603
    subprocess.run(  # noqa: S603
        [*manage, "shell", "-c",
         "from accounts.models import User; "
         f"User.objects.create_user(email='{SIGN_IN_EMAIL}', password='{SIGN_IN_PASSWORD}')"],
        env=env, check=True, cwd=BASE_DIR,
    )  # fmt: skip
    gunicorn = subprocess.Popen(  # noqa: S603
        [python, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--timeout", "30", "--log-level", "error"],
        env=env, cwd=BASE_DIR,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    phase = {"name": "warm-up"}
    results: dict[str, Counter] = {}
    sign_ins: Counter = Counter()
    lock = threading.Lock()
    stop = threading.Event()

    def worker(index: int):
        while not stop.is_set():
            current = phase["name"]
            if index == 0:
                code = _sign_in(base_url)
                with lock:
                    sign_ins[code] += 1
                    results.setdefault(current, Counter())[f"sign-in {code}"] += 1
                continue
            path = READ_PATHS[index % len(READ_PATHS)]
            code = _request(base_url + path)
            with lock:
                results.setdefault(current, Counter())[f"{path} {code}"] += 1

    try:
        for _ in range(100):
            if _request(base_url + "/healthz") == 200:
                break
            time.sleep(0.2)
        pool = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
        for thread in pool:
            thread.start()
        phase["name"] = "before"
        time.sleep(4)

        phase["name"] = "stopping"
        stop_embedded_server(work)
        phase["name"] = "down"
        time.sleep(down_seconds)

        _start_database(work)
        phase["name"] = "recovering"
        time.sleep(3)
        phase["name"] = "after"
        time.sleep(4)
        stop.set()
        for thread in pool:
            thread.join(timeout=15)

        written = subprocess.run(  # noqa: S603
            [*manage, "shell", "-c",
             "from accounts.audit import AuditEvent; from accounts.models import User; "
             f"u = User.objects.get(email='{SIGN_IN_EMAIL}'); "
             "print(AuditEvent.objects.filter(action='sign_in', user=u).count())"],
            env=env, check=True, cwd=BASE_DIR, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
    finally:
        stop.set()
        gunicorn.terminate()
        gunicorn.wait(timeout=20)
        stop_embedded_server(work)
        shutil.rmtree(work, ignore_errors=True)

    return {
        "phases": {name: dict(counter) for name, counter in results.items()},
        "sign_ins_answered_302": sign_ins[302],
        "sign_in_audit_events": int(written),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, sort_keys=True))
