"""A real PostgreSQL server for the serving tests, started once per session: initdb in a
temporary data directory, then postgres on a free port bound to 127.0.0.1, its superuser's
password made here (no default password; local socket connections in the temporary folder
only). As root (CI), initdb refuses to run, so the server runs as the ``postgres`` user (or
``nobody``). The binaries are found on PATH or in Debian's /usr/lib/postgresql/<version>/bin;
.ci/run installs Debian's ``postgresql``, and locally the tests skip without it."""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.ports import free_port

STARTUP_SECONDS = 60
ADMIN = "budget_admin"


def postgres_bin() -> Path | None:
    """The folder of initdb and postgres: on PATH, else Debian's newest version."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("postgres"):
        return Path(on_path).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


@dataclass
class Server:
    host: str
    port: int
    password: str
    process: subprocess.Popen
    root: Path

    def url(self, database: str = "postgres", user: str = ADMIN, password: str | None = None) -> str:
        return (
            f"postgresql://{user}:{self.password if password is None else password}@{self.host}:{self.port}/{database}"
        )

    def connect(self, database: str = "postgres", **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.url(database), **kwargs)

    def database(self, name: str) -> str:
        """A new, empty database ``name`` (dropped first if a test left one); its URL."""
        with self.connect(autocommit=True) as admin:
            admin.execute(f'drop database if exists "{name}" with (force)')
            admin.execute(f'create database "{name}"')
        return self.url(name)


def _as_server_user() -> dict:
    """Popen arguments running a command as an unprivileged user when we are root."""
    if os.geteuid() != 0:
        return {}
    for name in ("postgres", "nobody"):
        try:
            user = pwd.getpwnam(name)
        except KeyError:
            continue
        return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    pytest.fail("running as root and there is no postgres or nobody user to run PostgreSQL as")


@pytest.fixture(scope="session")
def postgres_server():
    binaries = postgres_bin()
    if binaries is None:
        message = "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): apt-get install postgresql"
        if os.environ.get("CI"):
            pytest.fail(message + " (.ci/run installs it)")
        pytest.skip(message)
    as_user = _as_server_user()
    # Under /tmp, not pytest's tmp_path: the server's user must reach it, and root's pytest
    # folders are private.
    root = Path(tempfile.mkdtemp(prefix="budget-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    password = secrets.token_urlsafe(16)
    (root / "pwfile").write_text(password + "\n")
    if as_user:
        for path in (root, sockets, root / "pwfile"):
            os.chown(path, as_user["user"], as_user["group"])
    initdb = subprocess.run(
        [
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-U",
            ADMIN,
            f"--pwfile={root / 'pwfile'}",
            "-E",
            "UTF8",
            "--locale=C",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-instructions",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        **as_user,
    )
    (root / "pwfile").unlink()
    if initdb.returncode:
        pytest.fail(f"initdb failed: {initdb.stderr}")
    port = free_port()
    log = (root / "postgres.log").open("w")
    process = subprocess.Popen(
        [
            str(binaries / "postgres"),
            "-D",
            str(data),
            "-p",
            str(port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            f"unix_socket_directories={sockets}",
            "-c",
            "fsync=off",
            "-c",
            "full_page_writes=off",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        **as_user,
    )
    server = Server("127.0.0.1", port, password, process, root)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            server.connect(connect_timeout=2).close()
            break
        except psycopg.OperationalError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"PostgreSQL did not start: {(root / 'postgres.log').read_text()[-2000:]}")
            time.sleep(0.2)
    try:
        yield server
    finally:
        process.send_signal(2)  # SIGINT: fast shutdown, clients disconnected
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(root, ignore_errors=True)
