from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, PageViewRestriction, Site

from portal.language import in_active_language


def navigation(request):
    """The site's top-level menu: the home page's children that are live,
    public and shown in menus. Base pages (title and URL are all the menu
    shows), and the view restrictions of each page and its ancestors in the
    same query: two queries on every page, not four or more. A partnership's
    page is named by the partnership (in English, its English name), as its
    card on the home page is; other titles are content and stay as written."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": []}
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    pages = (
        Page.objects.child_of(site.root_page)
        .live()
        .in_menu()
        .exclude(Exists(restricted))
        .annotate(partnership_name_en=F("partnershippage__partnership__name_en"))
    )
    return {"nav_pages": SimpleLazyObject(lambda: _titled(pages))}


def _titled(pages) -> list:
    pages = list(pages)
    for page in pages:
        page.menu_title = in_active_language(page.title, page.partnership_name_en)
    return pages
