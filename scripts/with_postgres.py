#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL server started from Debian's packages.

    python scripts/with_postgres.py -- pytest ...

Creates a cluster in a temporary directory (as the `postgres` user when running as root,
because PostgreSQL refuses to run as root), starts it on a free port with durability off
(it is thrown away), sets DATABASE_URL for the command, and removes everything afterwards.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile


def pg_bin() -> str:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not candidates:
        sys.exit("PostgreSQL is not installed: run scripts/ensure_system_packages.sh")
    return candidates[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    args = sys.argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        sys.exit("usage: with_postgres.py -- COMMAND ...")
    bindir = pg_bin()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    workdir = tempfile.mkdtemp(prefix="nastavnik-pg-")
    if as_root:
        shutil.chown(workdir, "postgres", "postgres")
    datadir = os.path.join(workdir, "data")
    port = free_port()
    log = os.path.join(workdir, "server.log")
    subprocess.run(
        [
            *prefix,
            f"{bindir}/initdb",
            "-D",
            datadir,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = (
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
    )
    subprocess.run(
        [*prefix, f"{bindir}/pg_ctl", "-D", datadir, "-o", options, "-l", log, "-w", "start"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        env = dict(os.environ, DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/nastavnik")
        return subprocess.call(args, env=env)
    finally:
        subprocess.run(
            [*prefix, f"{bindir}/pg_ctl", "-D", datadir, "-m", "immediate", "-w", "stop"],
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
