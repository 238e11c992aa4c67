from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("portal.api.urls")),
    path("konto/", include("allauth.urls")),
    path("organisation/", include("portal.organisations.urls")),
    path("input/", include("inputs.urls")),
    path("feeds/", include("cms.urls")),
    path("arkiv/", include("search.urls")),
    path("statistik/", include("inputs.statistics_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns.append(path("", include(wagtail_urls)))
