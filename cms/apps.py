from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Indhold"

    def ready(self):
        from .exports import use_our_writer

        use_our_writer()
