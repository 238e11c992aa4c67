from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from portal.private_media import private_file_response

from ..permissions import viewable_input_or_404


@login_required
def attachment_download(request, pk: int, attachment_id: int):
    """The only way to a private file: 404 unless the user may see the input.
    Always a download, never rendered inline, and never sniffed."""
    input = viewable_input_or_404(request.user, pk)
    attachment = get_object_or_404(input.attachments, pk=attachment_id)
    return private_file_response(
        file=attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
