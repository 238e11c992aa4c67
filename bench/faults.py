"""Fault runs: the load benchmark's stack and people, with one fault injected.

    .venv/bin/python bench/faults.py postgres   # PostgreSQL restarted
    .venv/bin/python bench/faults.py worker     # the task worker killed (-9), restarted
    .venv/bin/python bench/faults.py mail       # the mail server down for a minute
    .venv/bin/python bench/faults.py disk       # the disk for attachments full for a minute
    .venv/bin/python bench/faults.py worker -u 12 -t 150s --at 45 --down 20

Runs on the database bench/load.py prepares (DATABASE_URL, default pp_load;
it is prepared first when the people file is missing). The web and the
scheduler run under honcho as in production; the worker runs beside them as
its own process, as a systemd unit or container would run it, so it can be
killed and started again alone. E-mail goes to a real SMTP server (aiosmtpd)
that this script runs, with short retry delays. For `disk` the private
media (attachments and the files waiting for a form's next send) live on a
tmpfs of --disk-size that this script mounts (as root), fills to the last
byte for the fault, empties again, copies to var/load/private and unmounts.

`--at` seconds after the load starts, the fault begins; it lasts `--down`
seconds. After the load it waits for the worker to finish what is queued,
then prints what the people saw (requests, failures, p50/p95/p99) and what
was lost: inputs submitted as the members saw it against the database,
e-mails queued against those the server took, tasks left unfinished, and
the search index against the database (search_index_check). With files
(the members attach PDFs to some saves): the answers by status from the
access log, what the pages said about refused files, every text the portal
said it saved against the database, every file it accepted against the
attachments and the disk, and files on the disk that no attachment names."""

import argparse
import errno
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

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


class Tmpfs:
    """A small file system of its own for the private media, to fill."""

    def __init__(self, folder: Path, size: str):
        self.folder, self.size = folder, size
        self.filler = folder / "filler"

    def mount(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.path.ismount(self.folder):
            self.unmount()
        options = f"size={self.size},mode=0755"
        mount = ["mount", "-t", "tmpfs", "-o", options, "tmpfs", self.folder]
        subprocess.run(mount, check=True)  # noqa: S603,S607

    def fill(self) -> int:
        """Write until the file system says there is no room; bytes written."""
        written = 0
        chunk = b"\0" * (1 << 20)
        with self.filler.open("wb", buffering=0) as filler:
            while True:
                try:
                    written += filler.write(chunk)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    chunk = chunk[: len(chunk) // 2]
                    if not chunk:
                        return written

    def free(self):
        self.filler.unlink(missing_ok=True)

    def unmount(self, *, keep_in: Path | None = None):
        """Copy what is on it (the run's attachments, which the database now
        names) to keep_in, then unmount."""
        self.free()
        if keep_in is not None:
            shutil.copytree(self.folder, keep_in, dirs_exist_ok=True)
        subprocess.run(["umount", self.folder], check=True)  # noqa: S603,S607


def inject(
    fault: str,
    *,
    at: float,
    down: float,
    worker: Worker,
    mailbox: Mailbox,
    disk: Tmpfs | None = None,
):
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
    elif fault == "disk":
        written = disk.fill()
        print(f"[{stamp}] disk for attachments full ({written / 1e6:.1f} MB written)")
        time.sleep(down)
        disk.free()
        print(f"[{time.strftime('%H:%M:%S')}] disk emptied again")
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


ACCESS = re.compile(r'^(\d\d:\d\d:\d\d) web.*"(GET|POST|HEAD) (\S+)" (\d{3}) ')


def statuses(log: Path, offset: int) -> str:
    """The answers in gunicorn's access log since `offset`, by status, with
    when the failures came."""
    counts, failures = Counter(), {}
    with log.open("rb") as lines:
        lines.seek(offset)
        for raw in lines:
            found = ACCESS.match(raw.decode(errors="replace"))
            if not found:
                continue
            when, method, path, status = found.groups()
            counts[status] += 1
            if status[0] in "45":
                key = f"{status} {method} {re.sub(r'/\d+/', '/N/', path)}"
                first, last, n = failures.get(key, (when, when, 0))
                failures[key] = (first, when, n + 1)
    lines = [
        "answers by status: "
        + ", ".join(f"{s} ×{n}" for s, n in sorted(counts.items()))
    ]
    for key, (first, last, n) in sorted(failures.items()):
        lines.append(f"  {key} ×{n}, {first}–{last}")
    return "\n".join(lines)


FILES_CHECK = """
import json, sys
from django.conf import settings
from inputs.models import Attachment, Input
from inputs.models.attachments import private_storage
sent = json.loads(sys.stdin.read())
titles = set(Input.objects.filter(title__in=sent["saved"]).values_list("title", flat=True))
missing_files = 0
for title, name in sent["accepted"]:
    rows = Attachment.objects.filter(input__title=title, original_name=name)
    if not any(private_storage.exists(a.file.name) for a in rows):
        missing_files += 1
named = set(Attachment.objects.values_list("file", flat=True))
root = settings.PRIVATE_MEDIA_ROOT
on_disk = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
unnamed = [p for p in on_disk if p not in named and not p.startswith("pending/") and p != "filler"]
pending = [p for p in on_disk if p.startswith("pending/")]
print(json.dumps({"texts_found": len(titles), "files_missing": missing_files,
  "unnamed": len(unnamed), "pending": len(pending),
  "attachments": Attachment.objects.filter(input__title__in=sent["saved"]).count()}))
"""


def files_report(env: dict) -> str:
    """What the portal said it saved and stored, against the database and
    the disk (before the tmpfs goes)."""

    def rows(name):
        path = VAR / name
        return (
            [line.split("\t") for line in path.read_text().splitlines()]
            if path.exists()
            else []
        )

    saved = sorted({r[0] for r in rows("saved")})
    files = rows("files")
    accepted = [(r[0], r[1]) for r in files if r[2] == "accepted"]
    refused = [r for r in files if r[2] == "refused"]
    without_draft = [r for r in files if r[2] == "refused-without-the-draft"]
    done = subprocess.run(  # noqa: S603
        [PY, "manage.py", "shell", "-c", FILES_CHECK],
        cwd=ROOT,
        env=env,
        input=json.dumps({"saved": saved, "accepted": accepted}),
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    said = Counter(r[3] for r in refused)
    lines = [
        f"texts the portal said it saved: {len(saved)}; in the database: "
        f"{found['texts_found']}; lost: {len(saved) - found['texts_found']}",
        f"files accepted: {len(accepted)}; missing from the attachments or the "
        f"disk: {found['files_missing']} ({found['attachments']} attachments on "
        f"these inputs)",
        f"files refused, the page saying so beside the file field with the draft "
        f"kept: {len(refused) - len(without_draft)}; refused without the draft "
        f"shown: {len(without_draft)}",
        f"files on the disk no attachment names: {found['unnamed']}; waiting for "
        f"a form's next send: {found['pending']}",
    ]
    lines += [f"  the page said ×{n}: {text}" for text, n in said.most_common(3)]
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("fault", choices=["postgres", "worker", "mail", "disk"])
    p.add_argument("-n", type=int, default=100_000, help="inputs, when preparing")
    p.add_argument("-u", "--users", type=int, default=12)
    p.add_argument("-r", "--spawn-rate", type=float, default=4)
    p.add_argument("-t", "--duration", default="150s")
    p.add_argument("--at", type=float, default=45, help="seconds into the load")
    p.add_argument("--down", type=float, default=None, help="seconds of fault")
    p.add_argument("--port", type=int, default=8820)
    p.add_argument("--smtp-port", type=int, default=8825)
    p.add_argument("--disk-size", default="64m", help="the tmpfs for disk")
    return p


def main():
    args = parser().parse_args()
    down = (
        args.down
        if args.down is not None
        else {"mail": 60, "disk": 60}.get(args.fault, 20)
    )
    VAR.mkdir(parents=True, exist_ok=True)
    for log in ("submitted", "saved", "files"):
        (VAR / log).unlink(missing_ok=True)
    disk = None
    if args.fault == "disk":
        disk = Tmpfs(VAR / "private-tmpfs", args.disk_size)
        disk.mount()
        os.environ["PRIVATE_MEDIA_ROOT"] = str(disk.folder)
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
    log_offset = (VAR / "stack.log").stat().st_size
    stack.start(collect=False)
    worker.start()
    print(
        f"stack up on {stack.url('/')}; {args.fault} fault {args.at:.0f} s into "
        f"{args.duration} of load with {args.users} people, lasting {down:.0f} s"
    )
    fault = threading.Thread(
        target=inject,
        args=(args.fault,),
        kwargs={
            "at": args.at,
            "down": down,
            "worker": worker,
            "mailbox": mailbox,
            "disk": disk,
        },
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
        files = files_report(env)
    finally:
        stack.stop()
        worker.stop()
        mailbox.stop()
        if disk:
            disk.unmount(keep_in=VAR / "private")
    print(f"load average {os.getloadavg()[0]:.1f}")
    print_stats(stats)
    print(statuses(VAR / "stack.log", log_offset))
    print(submitted_report(env))
    print(files)
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
