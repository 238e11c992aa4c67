"""The members page's role menus show the whole role, clear of the arrow."""

import pytest

from .conftest import DESKTOP, PHONE, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The room each select's text has: its width less its left padding and the
# arrow DKFDS draws 10 px from the right edge, 24 px wide. At least 8 px
# between the longest role and the arrow.
CLEAR = 8
TEXT_ROOM = """s => {
  const style = getComputedStyle(s);
  const canvas = document.createElement('canvas').getContext('2d');
  canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const widest = Math.max(...[...s.options].map(o => canvas.measureText(o.text).width));
  return s.getBoundingClientRect().width - parseFloat(style.paddingLeft) - 34 - widest;
}"""


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_role_menu_shows_administrator_clear_of_its_arrow(page, live_site, language):
    from portal.organisations.models import Organisation

    log_in(page, live_site.url, "admin@aab.demo")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_site.url}]
    )
    aab = Organisation.objects.get(memberships__user__email="admin@aab.demo")
    page.goto(f"{live_site.url}/organisation/{aab.pk}/medlemmer/")
    page.evaluate("document.fonts.ready")
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        selects = page.locator("select[name=role]")
        assert selects.count() >= 2
        for select in selects.all():
            assert select.evaluate(TEXT_ROOM) >= CLEAR, viewport
