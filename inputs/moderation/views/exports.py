from django.http import Http404

from portal.ops.ratelimit import rate_limit
from portal.spreadsheets import CONTENT_TYPES

from ..access import moderator_required
from ..exports import export_response
from .queue import filtered_queue


@moderator_required
@rate_limit("export", methods=("GET", "HEAD"))
def export(request, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    return export_response(filtered_queue(request).qs, fmt=fmt)
