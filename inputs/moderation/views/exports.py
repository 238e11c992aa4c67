from django.http import Http404

from portal.ops.ratelimit import rate_limit

from ..access import moderator_required
from ..exports import csv_response, xlsx_response
from .queue import filtered_queue

FORMATS = {"csv": csv_response, "xlsx": xlsx_response}


@moderator_required
@rate_limit("export", methods=("GET", "HEAD"))
def export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    return FORMATS[fmt](filtered_queue(request).qs)
