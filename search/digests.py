"""E-mail digests of new matches for saved searches."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.site import site_url

from .forms import search_request
from .highlight import plain_text
from .models import SavedSearch
from .selectors import viewer_for
from .services import archive_search

INTERVALS = {
    SavedSearch.Frequency.DAILY: timedelta(days=1),
    SavedSearch.Frequency.WEEKLY: timedelta(days=7),
}
# A cron job a few minutes late must not skip a day.
SLACK = timedelta(minutes=30)
MAX_HITS = 50


def saved_search_is_due(saved: SavedSearch, now) -> bool:
    last = saved.last_sent_at or saved.created_at
    return now - last >= INTERVALS[saved.frequency] - SLACK


def saved_search_send_digest(*, saved: SavedSearch, now=None) -> bool:
    """Mail the owner what matches the search and arrived since the last
    digest (or since saving it), as the owner may see it today. Sends
    nothing when nothing is new; either way the clock moves on."""
    now = now or timezone.now()
    request = search_request(
        QueryDict(saved.query_string),
        viewer=viewer_for(user=saved.user),
        page_size=MAX_HITS,
        facets=False,
    )
    request.since = saved.last_sent_at or saved.created_at
    request.sort = "newest"
    request.page = 1
    result = archive_search(request=request)
    sent = False
    if result.total:
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "saved": saved,
                "result": result,
                # A text e-mail: titles without <mark> and entities.
                "lines": [
                    (plain_text(hit.title), hit.meta.get("municipality", ""))
                    for hit in result.hits
                ],
                "url": site_url(f"{reverse('archive:search')}?{saved.query_string}"),
            }
            send_mail(
                subject=render_to_string(
                    "search/emails/digest_subject.txt", context
                ).strip(),
                message=render_to_string("search/emails/digest.txt", context),
                from_email=None,
                recipient_list=[saved.user.email],
            )
        sent = True
    saved.last_sent_at = now
    saved.save(update_fields=["last_sent_at"])
    return sent


def saved_searches_send_digests(*, now=None) -> int:
    """Send every digest that is due. Returns how many e-mails went out."""
    now = now or timezone.now()
    sent = 0
    for saved in SavedSearch.objects.select_related("user").filter(
        user__is_active=True
    ):
        if saved_search_is_due(saved, now):
            sent += saved_search_send_digest(saved=saved, now=now)
    return sent
