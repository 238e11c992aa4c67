import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portal.ops.schedule import JOBS, run_due


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (portal/ops/schedule.py) when they are due: "
        "the Procfile's scheduler process. --once checks once and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument(
            "--interval", type=int, default=30, help="seconds between checks"
        )

    def handle(self, *args, once=False, interval=30, **options):
        self.stdout.write(
            "Scheduled jobs: "
            + ", ".join(f"{job.name} ({job.command})" for job in JOBS)
        )
        while True:
            for name in run_due():
                self.stdout.write(f"Ran {name}.")
            if once:
                return
            time.sleep(interval)
            # A long-lived process: drop connections the database closed.
            close_old_connections()
