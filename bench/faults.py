"""Fault runs: the load benchmark's stack and people, with one fault injected.

    .venv/bin/python bench/faults.py postgres   # PostgreSQL restarted
    .venv/bin/python bench/faults.py worker     # the task worker killed (-9), restarted
    .venv/bin/python bench/faults.py mail       # the mail server down for a minute
    .venv/bin/python bench/faults.py worker -u 12 -t 150s --at 45 --down 20

Runs on the database bench/load.py prepares (DATABASE_URL, default pp_load;
it is prepared first when the people file is missing). The web and the
scheduler run under honcho as in production; the worker runs beside them as
its own process, as a systemd unit or container would run it, so it can be
killed and started again alone. E-mail goes to a real SMTP server (aiosmtpd)
that this script runs, with short retry delays.

`--at` seconds after the load starts, the fault begins; it lasts `--down`
seconds. After the load it waits for the worker to finish what is queued,
then prints what the people saw (requests, failures, p50/p95/p99) and what
was lost: inputs submitted as the members saw it against the database,
e-mails queued against those the server took, tasks left unfinished, and
the search index against the database (search_index_check)."""

import argparse
import os
import signal
import subprocess
import threading
import time

from aiosmtpd.controller import Controller
from load import (
    PY,
    ROOT,
    VAR,
    Stack,
    prepare,
    print_stats,
    run_locust,
    stack_env,
    submitted_report,
)


class Mailbox:
    """An SMTP server that can be stopped and started on the same port."""

    def __init__(self, port: int):
        self.port, self.count, self.controller = port, 0, None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 Message accepted for delivery"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout + done.stderr


def query(env: dict, code: str) -> str:
    """The last line a `manage.py shell -c` snippet prints."""
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def emails_queued_since(env: dict, started: str) -> int:
    """E-mails put in the outbox since `started` (ISO time): each gets a
    delivery task when it is queued, and its row goes once it is sent."""
    return int(
        query(
            env,
            "from django_tasks.backends.database.models import DBTaskResult as T;"
            "rows = T.objects.filter(task_path__endswith='deliver_email_task',"
            f" enqueued_at__gte='{started}').values_list('args_kwargs', flat=True);"
            "print(len({r['args'][0] for r in rows}))",
        )
    )


OUTBOX_LEFT = (
    "from portal.mail.models import OutgoingEmail as O;"
    "print(O.objects.filter(failed_at__isnull=True).count(),"
    " O.objects.filter(failed_at__isnull=False).count())"
)
TASKS_LEFT = (
    "from django.utils import timezone;"
    "from django_tasks.backends.database.models import DBTaskResult as T;"
    "q = T.objects.filter(status__in=['READY', 'RUNNING']);"
    "print(q.filter(status='RUNNING').count(),"
    " q.filter(status='READY', run_after__lte=timezone.now()).count(),"
    " q.filter(status='READY', run_after__gt=timezone.now()).count(),"
    " T.objects.filter(status='FAILED').count())"
)


class Worker:
    """manage.py run_worker as its own process."""

    def __init__(self, env: dict):
        self.env, self.process = env, None
        self.log = (VAR / "worker.log").open("ab")

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [PY, "manage.py", "run_worker"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        """SIGKILL to the worker and its children: no chance to tidy up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def inject(fault: str, *, at: float, down: float, worker: Worker, mailbox: Mailbox):
    time.sleep(at)
    stamp = time.strftime("%H:%M:%S")
    if fault == "postgres":
        cluster = sorted(os.listdir("/etc/postgresql"))[-1]
        started = time.time()
        subprocess.run(  # noqa: S603
            ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "stop"],  # noqa: S607
            check=True,
        )
        time.sleep(down)
        subprocess.run(  # noqa: S603
            ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"],  # noqa: S607
            check=True,
        )
        print(f"[{stamp}] PostgreSQL down for {time.time() - started:.1f} s")
    elif fault == "worker":
        running = query(worker.env, TASKS_LEFT).split()[0]
        worker.kill()
        print(f"[{stamp}] worker killed with SIGKILL ({running} tasks RUNNING)")
        time.sleep(down)
        worker.start()
        print(f"[{time.strftime('%H:%M:%S')}] worker started again")
    elif fault == "mail":
        mailbox.stop()
        print(f"[{stamp}] mail server stopped")
        time.sleep(down)
        mailbox.start()
        print(f"[{time.strftime('%H:%M:%S')}] mail server started again")


def drain(env: dict, *, timeout: float = 300) -> str:
    """Wait until no task is due or running and no e-mail waits; return the
    last reading."""
    deadline = time.time() + timeout
    while True:
        tasks = query(env, TASKS_LEFT).split()
        outbox = query(env, OUTBOX_LEFT).split()
        if (tasks[:2] == ["0", "0"] and outbox[0] == "0") or time.time() > deadline:
            break
        time.sleep(3)
    return (
        f"tasks running {tasks[0]}, due {tasks[1]}, scheduled later {tasks[2]}, "
        f"failed (all time) {tasks[3]}; e-mails waiting {outbox[0]}, "
        f"given up {outbox[1]}"
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("fault", choices=["postgres", "worker", "mail"])
    p.add_argument("-n", type=int, default=100_000, help="inputs, when preparing")
    p.add_argument("-u", "--users", type=int, default=12)
    p.add_argument("-r", "--spawn-rate", type=float, default=4)
    p.add_argument("-t", "--duration", default="150s")
    p.add_argument("--at", type=float, default=45, help="seconds into the load")
    p.add_argument("--down", type=float, default=None, help="seconds of fault")
    p.add_argument("--port", type=int, default=8820)
    p.add_argument("--smtp-port", type=int, default=8825)
    return p


def main():
    args = parser().parse_args()
    down = args.down if args.down is not None else {"mail": 60}.get(args.fault, 20)
    VAR.mkdir(parents=True, exist_ok=True)
    (VAR / "submitted").unlink(missing_ok=True)
    os.environ.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(args.smtp_port),
        EMAIL_USE_TLS="false",
        EMAIL_TIMEOUT="5",
        MAIL_RETRY_FIRST_DELAY="5",
        MAIL_RETRY_MAX_DELAY="20",
    )
    env = stack_env(args.port)
    if not (ROOT / "bench" / ".load-people.json").exists():
        prepare(args, env)
    mailbox = Mailbox(args.smtp_port)
    mailbox.start()
    started = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    stack = Stack(args.port, processes=["web", "scheduler"])
    worker = Worker(env)
    stack.start(collect=False)
    worker.start()
    print(
        f"stack up on {stack.url('/')}; {args.fault} fault {args.at:.0f} s into "
        f"{args.duration} of load with {args.users} people, lasting {down:.0f} s"
    )
    fault = threading.Thread(
        target=inject,
        args=(args.fault,),
        kwargs={"at": args.at, "down": down, "worker": worker, "mailbox": mailbox},
    )
    try:
        fault.start()
        stats = run_locust(
            stack, users=args.users, spawn_rate=args.spawn_rate, duration=args.duration
        )
        fault.join()
        print("load done; waiting for the worker to finish what is queued")
        left = drain(env)
        check = manage(env, "search_index_check")
    finally:
        stack.stop()
        worker.stop()
        mailbox.stop()
    print(f"load average {os.getloadavg()[0]:.1f}")
    print_stats(stats)
    print(submitted_report(env))
    queued = emails_queued_since(env, started)
    print(
        f"e-mails queued during the run: {queued}; taken by the mail server: "
        f"{mailbox.count}; not delivered: {max(0, queued - mailbox.count)}"
    )
    print(f"afterwards: {left}")
    print("search index: " + " / ".join(check.strip().splitlines()))
    print(f"logs: {VAR / 'stack.log'}, {VAR / 'worker.log'}")


if __name__ == "__main__":
    main()
