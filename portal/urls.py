from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from inputs.moderation.keywords import keyword_autocomplete
from portal.accounts.reauthentication import ReauthenticationCodeView
from portal.accounts.signup import SignupView
from portal.ops import health
from portal.views import favicon, robots_txt

# Rate limits (ours and allauth's) answer with the Danish 429 page.
handler429 = "portal.ops.ratelimit.too_many_requests"
# An unreachable database answers 503 "Prøv igen om lidt" (portal/ops/outage.py).
handler500 = "portal.ops.outage.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Wagtail's aging-pages report with our export (cms/reports.py), first.
    path("admin/reports/aging-pages/", include("cms.reports")),
    # Wagtail's own login form would skip allauth's rate limit and its
    # confirmed-address rule: its address leads to the site's login.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    # Input keywords' autocomplete offers only those of inputs the user may
    # see (never a draft's): before the admin's, which would list them all.
    path("admin/tag-autocomplete/inputs/keyword/", keyword_autocomplete),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("portal.api.urls")),
    path("konto/", include("portal.accounts.urls")),
    # allauth's own pages, with our form or status code (before allauth's
    # URLs, which match them too).
    path(
        "konto/reauthenticate/code/",
        ReauthenticationCodeView.as_view(),
        name="account_request_reauthentication_code",
    ),
    path("konto/signup/", SignupView.as_view(), name="account_signup"),
    path("konto/", include("allauth.urls")),
    path("organisation/", include("portal.organisations.urls")),
    path("input/", include("inputs.urls")),
    path("feeds/", include("cms.urls")),
    path("arkiv/", include("search.urls")),
    path("statistik/", include("inputs.statistics_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    # Browsers ask for /favicon.ico whatever the page links.
    path("favicon.ico", favicon),
    path("robots.txt", robots_txt),
    path("sitemap.xml", sitemap),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "SERVE_MEDIA", False):
    # Only the images: CMS documents go through Wagtail's serve view, which
    # checks their privacy, and input attachments live outside MEDIA_ROOT.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>(?:original_images|images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns.append(path("", include(wagtail_urls)))
