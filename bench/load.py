"""Load benchmark: the production stack under a realistic mix, measured.

    .venv/bin/python bench/load.py                 # prepare, start, 2 min of load
    .venv/bin/python bench/load.py --reuse -t 60s -u 30
    .venv/bin/python bench/load.py --reuse --soak  # 5 min, RSS sampled every 5 s
    .venv/bin/python bench/load.py --reuse --soak -t 600s

Prepares PostgreSQL (bench/load_data.py: demo, 100,000 inputs, index,
people; --reuse skips the generation when the inputs are there), collects
the static files, starts the Procfile (gunicorn, run_worker, run_schedule)
with honcho under the production settings (DEBUG off, Redis cache), waits
for /readyz, runs bench/locustfile.py headless and prints requests/s and
p50/p95/p99 per request type with the failures. Then it compares the inputs
the members saw submitted with those in the database.

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/pp_load and
REDIS_URL to redis://127.0.0.1:6379/8. bench/faults.py runs the same stack
and people with a fault injected."""

import argparse
import csv
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "load"
PY = sys.executable
BIN = Path(PY).parent


def stack_env(port: int) -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pp_load")
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/8")
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="load-benchmark-only-this-key-is-public-never-use-it",  # noqa: S106
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        SITE_URL=f"http://127.0.0.1:{port}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(VAR / "media"),
        # bench/faults.py disk sets its own: a small tmpfs it fills.
        PRIVATE_MEDIA_ROOT=env.get("PRIVATE_MEDIA_ROOT", str(VAR / "private")),
        SECURE_SSL_REDIRECT="false",
        TRUSTED_PROXY_COUNT="1",
        CACHE_KEY_PREFIX="pp-load",
        EMAIL_BACKEND=env.get(
            "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
        LOG_LEVEL="WARNING",
        PATH=f"{BIN}:{env['PATH']}",
    )
    return env


class Stack:
    """The Procfile under honcho, in a process group of its own."""

    def __init__(self, port: int, processes: list[str] | None = None):
        self.port, self.processes = port, processes or []
        self.env = stack_env(port)
        self.log = (VAR / "stack.log").open("ab")
        self.process = None

    def start(self, *, collect: bool = True):
        if collect or not (VAR / "static" / "staticfiles.json").exists():
            subprocess.run(  # noqa: S603
                [PY, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env=self.env,
                check=True,
            )
        self.process = subprocess.Popen(  # noqa: S603
            [str(BIN / "honcho"), "start", "-f", "Procfile", *self.processes],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url("/readyz"), timeout=5):  # noqa: S310
                    return
            except OSError:
                time.sleep(1)
        raise SystemExit("the stack did not become ready; see var/load/stack.log")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def pids(self, name: str | None = None) -> dict[int, str]:
        """The stack's processes (honcho's descendants): pid -> command."""
        found = {}
        frontier = [self.process.pid]
        while frontier:
            pid = frontier.pop()
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                try:
                    command = (
                        Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
                    )
                except OSError:
                    continue
                found[child] = command.decode(errors="replace").strip()
                frontier.append(child)
        if name:
            return {p: c for p, c in found.items() if name in c}
        return found

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler(threading.Thread):
    """Every `every` seconds: the RSS of each gunicorn and worker process."""

    def __init__(self, stack: Stack, every: float):
        super().__init__(daemon=True)
        self.stack, self.every = stack, every
        self.samples: list[tuple[float, dict[str, float]]] = []
        self.stopped = threading.Event()

    def run(self):
        started = time.time()
        while not self.stopped.wait(self.every):
            row = {}
            for pid, command in self.stack.pids().items():
                if "gunicorn" in command or "run_worker" in command:
                    kind = "worker" if "run_worker" in command else "gunicorn"
                    value = rss_mb(pid)
                    if value:
                        row[f"{kind}:{pid}"] = value
            self.samples.append((time.time() - started, row))

    def report(self) -> str:
        if len(self.samples) < 4:
            return "too few RSS samples"
        quarter = max(1, len(self.samples) // 4)

        def total(rows):
            return sum(sum(r.values()) for _, r in rows) / len(rows)

        first, last = total(self.samples[:quarter]), total(self.samples[-quarter:])
        peak = max(sum(r.values()) for _, r in self.samples)
        lines = [
            f"RSS of gunicorn + worker processes, {len(self.samples)} samples every "
            f"{self.every:.0f} s:",
            f"  first quarter mean {first:.0f} MB, last quarter mean {last:.0f} MB, "
            f"peak {peak:.0f} MB, change {100 * (last - first) / first:+.1f} %",
        ]
        for t, row in self.samples[:: max(1, len(self.samples) // 10)]:
            lines.append(
                f"  t={t:5.0f}s total {sum(row.values()):6.0f} MB  "
                + " ".join(f"{k.split(':')[0]}={v:.0f}" for k, v in sorted(row.items()))
            )
        flat = abs(last - first) / first < 0.10
        lines.append(
            "  memory stays flat (within 10 %)"
            if flat
            else "  memory is NOT flat (over 10 %)"
        )
        return "\n".join(lines)


def run_locust(stack: Stack, *, users: int, spawn_rate: float, duration: str) -> Path:
    prefix = VAR / "locust"
    subprocess.run(  # noqa: S603
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--host",
            stack.url(""),
            "-u",
            str(users),
            "-r",
            str(spawn_rate),
            "-t",
            duration,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        check=False,
    )
    return Path(f"{prefix}_stats.csv")


def print_stats(path: Path) -> None:
    with path.open() as stats:
        rows = list(csv.DictReader(stats))
    print(
        f"\n{'request':30} {'count':>6} {'fail':>5} {'req/s':>6} "
        f"{'p50':>6} {'p95':>6} {'p99':>6}  (ms)"
    )
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = row["Name"] if row["Name"] == "Aggregated" else row["Name"][:30]
        print(
            f"{name:30} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):6.1f} {row['50%']:>6} {row['95%']:>6} "
            f"{row['99%']:>6}"
        )
    # An exception in the locustfile is no request and no failure: say so.
    exceptions = Path(str(path).replace("_stats.csv", "_exceptions.csv"))
    if exceptions.exists():
        with exceptions.open() as text:
            for row in csv.DictReader(text):
                print(f"  locustfile exception ×{row['Count']}: {row['Message'][:100]}")
    failures = Path(str(path).replace("_stats.csv", "_failures.csv"))
    if failures.exists():
        with failures.open() as text:
            listed = list(csv.DictReader(text))
        for row in listed[:15]:
            print(
                f"  failure: {row['Method']} {row['Name']}: {row['Error'][:90]} "
                f"×{row['Occurrences']}"
            )


def count_in_database(env: dict, titles: list[str]) -> int:
    """How many of these titles are inputs past draft in the database."""
    code = (
        "import sys; from inputs.models import Input; "
        "titles = sys.stdin.read().split(chr(10)); "
        "print(Input.objects.filter(title__in=titles).exclude(status='draft').count())"
    )
    done = subprocess.run(  # noqa: S603
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        input="\n".join(titles),
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


def submitted_report(env: dict) -> str:
    log = VAR / "submitted"
    titles = log.read_text().split("\n")[:-1] if log.exists() else []
    found = count_in_database(env, titles) if titles else 0
    lost = len(titles) - found
    return (
        f"inputs submitted as the members saw it (receipt page): {len(titles)}; "
        f"in the database past draft: {found}; lost: {lost}"
    )


def prepare(args, env: dict) -> None:
    command = [PY, "bench/load_data.py", "-n", str(args.n)]
    prep_env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    prep_env.pop("REDIS_URL", None)
    subprocess.run(command, cwd=ROOT, env=prep_env, check=True)  # noqa: S603


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("-n", type=int, default=100_000, help="inputs in the database")
    p.add_argument("--reuse", action="store_true", help="keep generated data")
    p.add_argument("-u", "--users", type=int, default=30, help="simulated people")
    p.add_argument("-r", "--spawn-rate", type=float, default=3)
    p.add_argument("-t", "--duration", help="default 120s, 300s with --soak")
    p.add_argument("--port", type=int, default=8820)
    p.add_argument("--soak", action="store_true", help="RSS sampled; 5 min unless -t")
    p.add_argument("--rss-every", type=float, default=5)
    return p


def main():
    args = parser().parse_args()
    if args.duration is None:
        args.duration = "300s" if args.soak else "120s"
    VAR.mkdir(parents=True, exist_ok=True)
    for log in ("submitted", "saved", "files"):
        (VAR / log).unlink(missing_ok=True)
    env = stack_env(args.port)
    if not args.reuse or not (ROOT / "bench" / ".load-people.json").exists():
        prepare(args, env)
    stack = Stack(args.port)
    stack.start(collect=not args.reuse)
    sampler = RssSampler(stack, args.rss_every) if args.soak else None
    try:
        print(
            f"stack up on {stack.url('/')}: {len(stack.pids('gunicorn'))} gunicorn "
            f"processes, load for {args.duration} with {args.users} people"
        )
        if sampler:
            sampler.start()
        started = time.time()
        stats = run_locust(
            stack, users=args.users, spawn_rate=args.spawn_rate, duration=args.duration
        )
        elapsed = time.time() - started
        if sampler:
            sampler.stopped.set()
            sampler.join()
    finally:
        stack.stop()
    print(f"ran {elapsed:.0f} s; load average {os.getloadavg()[0]:.1f}")
    print_stats(stats)
    print(submitted_report(env))
    if sampler:
        print(sampler.report())


if __name__ == "__main__":
    main()
