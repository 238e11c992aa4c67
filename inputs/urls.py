from django.urls import path

from portal import converters  # noqa: F401 - registers <id:...>

from .views import attachments, detail, editing, listing

app_name = "inputs"
urlpatterns = [
    path("", listing.input_list, name="list"),
    path("ny/<id:call_id>/", editing.input_create, name="create"),
    path("<id:pk>/", detail.input_detail, name="detail"),
    path("<id:pk>/rediger/", editing.input_edit, name="edit"),
    path("<id:pk>/kvittering/", detail.input_receipt, name="receipt"),
    path("<id:pk>/traek-tilbage/", editing.input_withdraw_view, name="withdraw"),
    path("<id:pk>/slet/", editing.input_delete_view, name="delete"),
    path(
        "<id:pk>/bilag/<id:attachment_id>/",
        attachments.attachment_download,
        name="attachment",
    ),
]
