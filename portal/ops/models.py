from django.db import models


class ScheduledJob(models.Model):
    """One row per scheduled job (portal/ops/schedule.py): when a scheduler
    last started it, and until when that scheduler holds it. The schedulers
    of every machine decide through this row, with one conditional UPDATE,
    so a job runs once per slot however many schedulers there are."""

    name = models.CharField(primary_key=True, max_length=100)
    last_run = models.DateTimeField(null=True)
    held_until = models.DateTimeField(null=True)

    def __str__(self):
        return self.name
