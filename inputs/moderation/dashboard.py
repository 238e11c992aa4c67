"""The moderators' panel on the Wagtail admin home."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from ..selectors import inputs_visible_to
from ..states import Status
from ..statistics import DIMENSIONS, chart_rows, input_counts, submissions_per_week

# What waits for a moderator: new inputs, and those a moderator has begun.
WAITING = (Status.SUBMITTED, Status.IN_REVIEW)


class ModerationDashboardPanel(Component):
    name = "moderation_dashboard"
    template_name = "inputs/moderation/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        inputs = inputs_visible_to(user=self.user)
        counts = {
            key: input_counts(inputs=inputs, dimension=key)
            for key in ("status", "partnership", "theme", "region")
        }
        by_status = dict(counts["status"])
        queue = reverse("inputs_moderation:index")
        return {
            "waiting": [
                {
                    "label": status.label,
                    "count": by_status.get(str(status.label), 0),
                    "url": f"{queue}?status={status}",
                }
                for status in WAITING
            ],
            "charts": [
                {"key": key, "label": DIMENSIONS[key][0], "rows": chart_rows(rows)}
                for key, rows in counts.items()
            ],
            "weeks": chart_rows(submissions_per_week(inputs=inputs)),
            "weeks_caption": _(
                "Indsendte input pr. uge: de 12 seneste uger, hvor der blev "
                "indsendt input (uger uden input er udeladt)"
            ),
            "total": inputs.count(),
        }
