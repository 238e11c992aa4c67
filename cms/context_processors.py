from wagtail.models import Site


def navigation(request):
    """The site's top-level menu: the home page's children shown in menus."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": [], "site_root": None}
    root = site.root_page
    return {
        "site_root": root,
        "nav_pages": root.get_children().live().public().in_menu().specific(),
    }
