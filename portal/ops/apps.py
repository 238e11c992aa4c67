from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: the shared cache's table, rate limits, health checks,
    scheduled jobs, request ids and logging."""

    name = "portal.ops"
    label = "ops"
    verbose_name = "Drift"
