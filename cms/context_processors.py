from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction, Site


def navigation(request):
    """The site's top-level menu: the home page's children that are live,
    public and shown in menus. Base pages (title and URL are all the menu
    shows), and the view restrictions of each page and its ancestors in the
    same query: two queries on every page, not four or more."""
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
    )
    return {"nav_pages": pages}
