"""A throwaway PostgreSQL server for the tests: Debian's binaries, a cluster in a temp dir,
run by the unprivileged ``postgres`` user (PostgreSQL refuses root), on 127.0.0.1 only.

``start()`` -> :class:`Server` with ``.url(db)``, ``.stop()``, ``.restart()``. Facts behind the
commands: /work/shared/ENVIRONMENTS.md. The README's test command installs ``postgresql``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def problem() -> str | None:
    if binaries() is None:
        return ("PostgreSQL is not installed: the README's test command installs Debian's "
                "postgresql package (apt-get install -y postgresql)")
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "no 'postgres' user to run the throwaway cluster (Debian's package creates it)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str], **kw) -> subprocess.CompletedProcess:
    user = pwd.getpwnam("postgres")
    if os.geteuid() == user.pw_uid:
        cmd = args
    elif os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *args]
    else:
        raise RuntimeError("the throwaway PostgreSQL cluster needs root or the postgres user")
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)


@dataclass
class Server:
    root: Path
    port: int
    bin: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    password: str = "lw-test"

    def url(self, db: str = "postgres", user: str = "postgres", password: str | None = None) -> str:
        password = self.password if password is None else password
        auth = f"{user}:{password}@" if password else f"{user}@"
        return f"postgresql://{auth}127.0.0.1:{self.port}/{db}"

    def _ctl(self, *args: str) -> None:
        run = _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), *args], timeout=120)
        if run.returncode != 0:
            raise RuntimeError(f"pg_ctl {' '.join(args)} failed: {run.stderr or run.stdout}")

    def start(self) -> None:
        self._ctl("-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                  "-c max_connections=200 -c fsync=on", "-l", str(self.root / "log"), "-w",
                  "start")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "-w", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def create_database(self, name: str) -> str:
        # Through the Unix socket in the cluster's directory (trusted); TCP needs the password.
        run = _as_postgres([str(self.bin / "createdb"), "-h", str(self.root), "-p", str(self.port),
                            "-U", "postgres", name], timeout=60)
        if run.returncode != 0:
            raise RuntimeError(f"createdb {name} failed: {run.stderr}")
        return self.url(name)

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> Server:
    bin_dir = binaries()
    root = Path(tempfile.mkdtemp(prefix="lw-pg-"))
    os.chmod(root, 0o777)
    server = Server(root, _free_port(), bin_dir)
    user = pwd.getpwnam("postgres")
    os.chown(root, user.pw_uid, user.pw_gid)
    pwfile = root / "pw"
    pwfile.write_text(server.password + "\n")
    os.chown(pwfile, user.pw_uid, user.pw_gid)
    # Trust on the cluster's own Unix socket (for createdb), passwords over TCP: the tests
    # connect as a user would and can check what a wrong password says.
    run = _as_postgres([str(bin_dir / "initdb"), "-D", str(server.data), "--auth-local=trust",
                        "--auth-host=scram-sha-256", f"--pwfile={pwfile}", "-U", "postgres",
                        "--no-sync"], timeout=120)
    if run.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {run.stderr or run.stdout}")
    server.start()
    return server
