from django.apps import AppConfig


class InputsConfig(AppConfig):
    name = "inputs"
    verbose_name = "Input"

    def ready(self):
        from . import log_actions  # noqa: F401 - registers the audit-log actions
