from django.urls import path

from .views import detail, exports, queue

app_name = "inputs_moderation"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("handling/", queue.bulk_action, name="bulk_action"),
    path("eksport.<str:fmt>", exports.export, name="export"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/status/", detail.transition, name="transition"),
    path("<int:pk>/synlighed/", detail.change_visibility, name="visibility"),
    path("<int:pk>/note/", detail.add_note, name="add_note"),
    path("<int:pk>/forbindelse/", detail.add_link, name="add_link"),
    path("<int:pk>/ansvarlig/", detail.assign, name="assign"),
    path("<int:pk>/rediger/", detail.redact, name="redact"),
    path("<int:pk>/versioner/<int:revision_pk>/", detail.compare, name="compare"),
]
