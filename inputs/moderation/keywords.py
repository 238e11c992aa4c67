"""Wagtail's tag autocomplete for input keywords, served at the address
Wagtail gives it (/admin/tag-autocomplete/inputs/keyword/, routed in
portal/urls.py before the admin's own) but limited to what the user may
see: Wagtail's would list every keyword, those of drafts too."""

from django.http import JsonResponse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT

from ..selectors import keywords_visible_to


@require_admin_access
def keyword_autocomplete(request):
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    names = (
        keywords_visible_to(user=request.user)
        .filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)
