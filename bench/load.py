#!/usr/bin/env python
"""The region-scale load benchmark (issue 10): gunicorn against PostgreSQL with the bench
region, driven by locust on loopback.

    .venv/bin/python bench/load.py                 # everything below, about 25 minutes
    .venv/bin/python bench/load.py --only load     # or seed, soak, restart

1. seed: Debian's PostgreSQL cluster 15/main is started (pg_ctlcluster), the database
   `nastavnik_bench` created, migrated and filled by `manage.py seed_bench` (once; --reseed
   drops it first).
2. load: gunicorn (4 sync workers, DEBUG=0, settings_bench) is started; locust runs the
   journeys of bench/locustfile.py headless at 20 and at 50 users, then the bare Django view
   at the same numbers of users; p50, p95, error rate and throughput of each run; the ratio is
   the throughput of the journeys to that of the bare view. Each person pauses 1–2 s between
   pages (BENCH_WAIT_MIN/MAX); with --saturate also without pauses, for the ceiling.
3. soak: 20 users for 10 minutes (--soak-seconds); the resident memory of every gunicorn
   worker read from /proc each minute; no error allowed.
4. restart: 20 users; PostgreSQL is stopped for 10 s in the middle of the run and started
   again, gunicorn is not touched. Every error must be the clean 503 page, the workers must be
   the same processes, and a run right after must have no error.

The figures go to var/bench/region.json and to standard output; bench/RESULTS.md keeps them.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
VENV = ROOT / ".venv" / "bin"
PORT = 8100
HOST = f"http://127.0.0.1:{PORT}"
# Debian's own cluster of the newest PostgreSQL installed (e.g. 15/main).
CLUSTER = [
    max((p.parent.name for p in Path("/etc/postgresql").glob("*/main")), key=int, default="15"),
    "main",
]
DATABASE = "nastavnik_bench"
DB_USER = "nastavnik"
DB_PASSWORD = "nastavnik-bench"  # noqa: S105 (a throwaway local database of the benchmark)
DATABASE_URL = f"postgres://{DB_USER}:{DB_PASSWORD}@127.0.0.1:5432/{DATABASE}"
WORKERS = 4
APP_USERS = ["CuratorUser", "MentorUser", "MenteeUser", "MethodologistUser"]
GOAL_P95_MS = 250
GOAL_RATIO = 0.4


def say(text: str) -> None:
    print(text, flush=True)


def pg_ctl(action: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", *CLUSTER, action],
        check=action != "start",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-d", database, "-Atqc", sql],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def app_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nastavnik.settings_bench",
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(VAR / "static"),
        "MEDIA_ROOT": str(VAR / "media"),
        **extra,
    }


def manage(*args: str) -> None:
    subprocess.run([str(VENV / "python"), "manage.py", *args], cwd=ROOT, env=app_env(), check=True)


def seed(reseed: bool) -> dict[str, Any]:
    pg_ctl("start")
    if reseed:
        psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    if not psql(f"SELECT 1 FROM pg_roles WHERE rolname = '{DB_USER}'"):
        psql(f"CREATE ROLE {DB_USER} LOGIN PASSWORD '{DB_PASSWORD}'")
    if not psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"):
        psql(f"CREATE DATABASE {DATABASE} OWNER {DB_USER}")
    manage("migrate", "--no-input", "-v0")
    region = psql(
        "SELECT count(*) FROM organizations_region WHERE name = 'Бенчмарочная область'", DATABASE
    )
    if region == "1":
        say("seed: the bench region is already there (--reseed to build it again)")
        return {}
    started = time.perf_counter()
    manage("seed_bench")
    seconds = time.perf_counter() - started
    psql("VACUUM ANALYZE", DATABASE)
    say(f"seed: {seconds:.0f} s")
    return {"seed_seconds": round(seconds)}


class Server:
    """gunicorn with WORKERS sync workers on loopback."""

    def __init__(self) -> None:
        VAR.mkdir(parents=True, exist_ok=True)
        manage("collectstatic", "--no-input", "-v0")
        self.log = open(VAR / "gunicorn.log", "a")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                str(VENV / "gunicorn"),
                "nastavnik.wsgi",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=app_env(),
            stdout=self.log,
            stderr=self.log,
        )
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{HOST}/accounts/login/", timeout=10)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        else:
            self.stop()
            raise RuntimeError("gunicorn did not start: see var/bench/gunicorn.log")
        time.sleep(1)

    def workers(self) -> list[int]:
        children = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            text = (task / "children").read_text().split()
            children += [int(pid) for pid in text]
        return sorted(children)

    def memory_mib(self) -> dict[int, float]:
        """Resident memory of each worker, from /proc/PID/status."""
        sizes = {}
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[pid] = round(int(line.split()[1]) / 1024, 1)
        return sizes

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None if gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used (/proc/PID/stat)."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def postgres_cpu_seconds() -> float:
    """CPU time of the cluster: its live processes, and the backends that have exited, which
    the postmaster has reaped (its cutime and cstime). Without the second, a backend closing
    during a run made the difference negative."""
    backends = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (
                    (entry / "cmdline")
                    .read_bytes()
                    .startswith(f"postgres: {CLUSTER[0]}/main".encode())
                ):
                    backends.append(int(entry.name))
            except OSError:
                continue
    parents = {int(fields[1]) for pid in backends if (fields := _stat(pid)) is not None}
    reaped = 0
    for pid in parents:
        fields = _stat(pid)
        if fields is not None:
            reaped += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    return cpu_seconds(backends) + reaped / TICKS


def locust(
    name: str,
    users: int,
    seconds: int,
    classes: list[str],
    wait: str = "",
    server: "Server | None" = None,
) -> dict:
    """Run locust headless; the aggregated figures after the users have all started, and the
    CPU time gunicorn's workers and PostgreSQL spent per request in that part of the run."""
    prefix = VAR / name
    mark = VAR / f"{name}.mark"
    mark.unlink(missing_ok=True)
    env = {**os.environ, "BENCH_MARK_FILE": str(mark)}
    samples: list[tuple[float, float, float]] = []
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.wait(1):
            if server is not None:
                samples.append((time.time(), cpu_seconds(server.workers()), postgres_cpu_seconds()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    load_before = Path("/proc/loadavg").read_text().split()[0]
    # The logins (a slow password hash each) come first; the figures are reset after them.
    ramp = users if classes != ["BareUser"] else 10
    if wait == "none":
        env.update(BENCH_WAIT_MIN="0", BENCH_WAIT_MAX="0")
    subprocess.run(
        [
            str(VENV / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            "2",
            "--run-time",
            f"{seconds + ramp}s",
            "--host",
            HOST,
            "--csv",
            str(prefix),
            "--reset-stats",
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--exit-code-on-error",
            "0",
            *classes,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=open(f"{prefix}.log", "w"),  # noqa: SIM115
    )
    sampling.set()
    sampler.join()
    load_after = Path("/proc/loadavg").read_text().split()[0]
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    count = int(total["Request Count"])
    failures = int(total["Failure Count"])
    pages = sorted(
        (r for r in rows if r["Name"] != "Aggregated" and int(r["Request Count"]) >= 5),
        key=lambda r: -float(r["95%"]),
    )
    errors = list(csv.DictReader(open(f"{prefix}_failures.csv")))
    result = {
        "run": name,
        "users": users,
        "requests": count,
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "error_rate": round(failures / count, 5) if count else 0.0,
        "failures": failures,
        "throughput_rps": round(float(total["Requests/s"]), 1),
        "slowest_pages": [
            {"page": r["Name"], "p50_ms": float(r["50%"]), "p95_ms": float(r["95%"])}
            for r in pages[:6]
        ],
        "errors": [{"error": e["Error"], "count": int(e["Occurrences"])} for e in errors],
        "load_average": f"{load_before} → {load_after}",
    }
    if len(samples) >= 2 and count:
        start = float(mark.read_text()) if mark.exists() else samples[0][0]
        first = next((s for s in samples if s[0] >= start), samples[0])
        last = samples[-1]
        result["app_cpu_ms_per_request"] = round(1000 * (last[1] - first[1]) / count, 1)
        result["db_cpu_ms_per_request"] = round(1000 * (last[2] - first[2]) / count, 1)
    say(
        f"{name}: {users} users, {count} requests, p50 {result['p50_ms']:.0f} ms, "
        f"p95 {result['p95_ms']:.0f} ms, errors {result['error_rate']:.2%}, "
        f"{result['throughput_rps']} req/s; CPU per request: gunicorn "
        f"{result.get('app_cpu_ms_per_request')} ms, PostgreSQL "
        f"{result.get('db_cpu_ms_per_request')} ms; load average {result['load_average']}"
    )
    return result


def load(seconds: int, saturate: bool) -> dict[str, Any]:
    server = Server()
    try:
        results: dict[str, Any] = {"runs": []}
        for users in (20, 50):
            app = locust(f"app-{users}", users, seconds, APP_USERS, server=server)
            bare = locust(f"bare-{users}", users, seconds, ["BareUser"], server=server)
            ratio = round(app["throughput_rps"] / bare["throughput_rps"], 2)
            say(f"  ratio at {users} users: {ratio}")
            if app.get("app_cpu_ms_per_request") and bare.get("app_cpu_ms_per_request"):
                # What the machine could serve of each, were it not shared: CPU per request.
                results[f"cpu_ratio_{users}"] = round(
                    bare["app_cpu_ms_per_request"]
                    / (app["app_cpu_ms_per_request"] + app["db_cpu_ms_per_request"]),
                    3,
                )
                say(f"  CPU ratio at {users} users: {results[f'cpu_ratio_{users}']}")
            results["runs"] += [app, bare]
            results[f"ratio_{users}"] = ratio
        if saturate:
            app = locust("app-20-nowait", 20, seconds, APP_USERS, wait="none", server=server)
            bare = locust("bare-20-nowait", 20, seconds, ["BareUser"], wait="none", server=server)
            results["runs"] += [app, bare]
            results["ratio_saturated"] = round(app["throughput_rps"] / bare["throughput_rps"], 2)
            say(f"  ratio without pauses: {results['ratio_saturated']}")
        return results
    finally:
        server.stop()


def soak(seconds: int) -> dict[str, Any]:
    server = Server()
    samples: list[dict[str, Any]] = []
    done = threading.Event()

    def sample() -> None:
        started = time.monotonic()
        while not done.wait(0 if not samples else 60):
            samples.append(
                {"second": round(time.monotonic() - started), "rss_mib": server.memory_mib()}
            )

    try:
        workers_before = server.workers()
        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
        run = locust("soak", 20, seconds, APP_USERS, server=server)
        done.set()
        thread.join()
        samples.append({"second": seconds, "rss_mib": server.memory_mib()})
        first, last = samples[0]["rss_mib"], samples[-1]["rss_mib"]
        say(
            f"soak: workers' memory at start {sorted(first.values())} MiB, "
            f"at end {sorted(last.values())} MiB; same workers: "
            f"{server.workers() == workers_before}"
        )
        return {
            "soak": run,
            "memory_samples": samples,
            "same_workers": server.workers() == workers_before,
        }
    finally:
        server.stop()


def logged_in_opener() -> urllib.request.OpenerDirector:
    import re

    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{HOST}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    data = urllib.parse.urlencode(
        {
            "username": "bench-curator-1",
            "password": "nastavnik-bench",
            "csrfmiddlewaretoken": token.group(1) if token else "",
        }
    ).encode()
    opener.open(f"{HOST}/accounts/login/", data)
    return opener


def restart(seconds: int) -> dict[str, Any]:
    server = Server()
    try:
        workers_before = server.workers()
        opener = logged_in_opener()
        outage: dict[str, Any] = {}

        def cut() -> None:
            time.sleep(seconds / 3)
            say("restart: stopping PostgreSQL")
            pg_ctl("stop")
            time.sleep(3)
            try:
                opener.open(f"{HOST}/", timeout=10)
                outage["status"] = 200
            except urllib.error.HTTPError as exc:
                body = exc.read().decode()
                outage.update(status=exc.code, retry_after=exc.headers.get("Retry-After"))
                outage["russian_page"] = "Сервис временно недоступен" in body or (
                    "На главную" in body
                )
                outage["traceback"] = "Traceback" in body
                (VAR / "outage_page.html").write_text(body)
            time.sleep(7)
            pg_ctl("start")
            say("restart: PostgreSQL is up again")

        thread = threading.Thread(target=cut)
        thread.start()
        during = locust("restart", 20, seconds, APP_USERS, server=server)
        thread.join()
        after = locust("after-restart", 20, 60, APP_USERS, server=server)
        clean = all(e["error"].startswith("HTTPError('503") for e in during["errors"])
        same = server.workers() == workers_before
        say(
            f"restart: {during['failures']} errors during the outage, all clean 503 pages: "
            f"{clean}; the page: {outage}; same workers: {same}; "
            f"errors after: {after['failures']}"
        )
        return {
            "during": during,
            "after": after,
            "outage_page": outage,
            "all_errors_503": clean,
            "same_workers": same,
        }
    finally:
        pg_ctl("start")
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["seed", "load", "soak", "restart"])
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--seconds", type=int, default=60, help="each load run, after ramp-up")
    parser.add_argument("--soak-seconds", type=int, default=600)
    parser.add_argument("--saturate", action="store_true", help="also runs without pauses")
    args = parser.parse_args()
    if shutil.which("pg_ctlcluster") is None:
        sys.exit("PostgreSQL is not installed: run scripts/ensure_system_packages.sh")
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / "region.json"
    results: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    results["seed"] = seed(args.reseed) or results.get("seed", {})
    if args.only in (None, "load"):
        results["load"] = load(args.seconds, args.saturate)
    if args.only in (None, "soak"):
        results["soak"] = soak(args.soak_seconds)
    if args.only in (None, "restart"):
        results["restart"] = restart(120)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    say(f"figures: {path.relative_to(ROOT)}")
    ok = True
    if "load" in results:
        app20 = results["load"]["runs"][0]
        ok &= app20["p95_ms"] <= GOAL_P95_MS and results["load"]["ratio_20"] >= GOAL_RATIO
    if args.only in (None, "soak"):
        ok &= results["soak"]["soak"]["failures"] == 0
    if args.only in (None, "restart"):
        ok &= results["restart"]["all_errors_503"] and results["restart"]["same_workers"]
        ok &= results["restart"]["after"]["failures"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
