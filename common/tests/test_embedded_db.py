"""The embedded PostgreSQL server is shared between commands and survives a crash."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

START_SERVER = (
    "import sys; from pathlib import Path; sys.path.insert(0, '.'); "
    "from config.embedded_db import embedded_database_url; "
    "print(embedded_database_url(Path(sys.argv[1])))"
)


def start_server(data_dir: Path) -> str:
    result = subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", START_SERVER, str(data_dir)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "pg" / "postmaster.pid").read_text().splitlines()[0])


@pytest.fixture
def data_dir():
    # A short path: PostgreSQL's Unix socket path is limited to about 100 bytes.
    directory = Path(tempfile.mkdtemp(prefix="thb-pg-"))
    directory.chmod(0o755)
    yield directory
    from config.embedded_db import stop_embedded_server

    stop_embedded_server(directory)
    subprocess.run(["rm", "-rf", str(directory)], check=False)  # noqa: S603,S607


def test_commands_share_one_server_and_survive_a_crash(data_dir):
    url = start_server(data_dir)
    assert url.startswith("postgresql://")
    first_pid = postmaster_pid(data_dir)

    start_server(data_dir)
    assert postmaster_pid(data_dir) == first_pid, "a second command started another server"

    # A crash leaves postmaster.pid behind; the next command must start a fresh server.
    os.kill(first_pid, signal.SIGKILL)
    for _ in range(50):
        try:
            os.kill(first_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    assert (data_dir / "pg" / "postmaster.pid").exists()

    start_server(data_dir)
    assert postmaster_pid(data_dir) != first_pid


def test_empty_handle_list_does_not_block_start(data_dir):
    start_server(data_dir)
    # A process killed while the package rewrote its list leaves the file empty.
    (data_dir / "pg" / ".handle_pids.json").write_text("")
    assert start_server(data_dir).startswith("postgresql://")
