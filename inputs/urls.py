from django.urls import path

from .views import attachments, detail, editing, listing

app_name = "inputs"
urlpatterns = [
    path("", listing.input_list, name="list"),
    path("ny/<int:call_id>/", editing.input_create, name="create"),
    path("<int:pk>/", detail.input_detail, name="detail"),
    path("<int:pk>/rediger/", editing.input_edit, name="edit"),
    path("<int:pk>/kvittering/", detail.input_receipt, name="receipt"),
    path("<int:pk>/traek-tilbage/", editing.input_withdraw_view, name="withdraw"),
    path(
        "<int:pk>/bilag/<int:attachment_id>/",
        attachments.attachment_download,
        name="attachment",
    ),
]
