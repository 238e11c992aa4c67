"""Site-wide views that belong to no domain."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control


def csrf_failure(request, reason=""):
    """A Danish page in the site's layout, instead of Django's English
    debugging page, when a form's CSRF token is missing or stale. A view
    that keeps typed text (the input form, the moderator's forms:
    inputs/views/unsaved.py) shows it back instead."""
    show_back = getattr(
        getattr(request.resolver_match, "func", None), "show_back", None
    )
    if request.method == "POST" and show_back:
        return show_back(request, logged_out=not request.user.is_authenticated)
    return render(request, "403_csrf.html", status=403)


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; the icon is a
    static file (its name carries a hash in production, so no permanent
    redirect)."""
    return redirect(static("favicon.svg"))


# Crawlers read the public pages (the sitemap lists them), not the
# account, input, organisation and admin pages, nor the archive's endless
# combinations of queries and facets.
ROBOTS_DISALLOW = (
    "/admin/",
    "/konto/",
    "/input/",
    "/organisation/",
    "/arkiv/",
    "/api/",
)


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
