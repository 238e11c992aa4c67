from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "portal.organisations"
    label = "organisations"
    verbose_name = "Organisationer"

    def ready(self):
        from . import log_actions  # noqa: F401 - registers the audit-log actions
