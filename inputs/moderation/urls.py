from django.urls import path

from portal import converters  # noqa: F401 - registers <id:...>

from .views import detail, exports, queue

app_name = "inputs_moderation"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("handling/", queue.bulk_action, name="bulk_action"),
    path("eksport.<str:fmt>", exports.export, name="export"),
    path("<id:pk>/", detail.detail, name="detail"),
    path("<id:pk>/status/", detail.transition, name="transition"),
    path("<id:pk>/synlighed/", detail.change_visibility, name="visibility"),
    path("<id:pk>/note/", detail.add_note, name="add_note"),
    path("<id:pk>/forbindelse/", detail.add_link, name="add_link"),
    path("<id:pk>/ansvarlig/", detail.assign, name="assign"),
    path("<id:pk>/rediger/", detail.redact, name="redact"),
    path("<id:pk>/versioner/<id:revision_pk>/", detail.compare, name="compare"),
]
