from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from ..permissions import viewable_input_or_404


@login_required
def attachment_download(request, pk: int, attachment_id: int):
    """The only way to a private file: 404 unless the user may see the input.
    Always a download, never rendered inline, and never sniffed."""
    input = viewable_input_or_404(request.user, pk)
    attachment = get_object_or_404(input.attachments, pk=attachment_id)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
