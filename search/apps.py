from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "archive_search"
    verbose_name = "Arkivsøgning"

    def ready(self):
        from . import signals

        signals.connect()
