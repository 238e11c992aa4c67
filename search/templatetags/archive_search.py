"""Parts of the search page built in Python: the template engine costs tens
of microseconds a variable or filter, and one page shows every value of
eight facets (up to 98 municipalities alone) and twenty dates."""

from html import escape

from django import template
from django.utils.formats import date_format, localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

register = template.Library()

OPTION = (
    '<li class="form-group-checkbox"><input type="checkbox" class="form-checkbox"'
    ' name="{0}" value="{1}" id="f-{0}-{1}"{2}><label class="form-label"'
    ' for="f-{0}-{1}">{3} <span class="facet__count">({4})</span></label></li>'
)


# A long facet (98 municipalities) shows its first values and folds the
# rest under "Vis alle (k)"; one that is at most two longer shows them all.
FACET_SHOWN = 8
FOLDED = (
    '<details class="facet__more"{0}><summary class="facet__more-toggle">{1}'
    '</summary><ul class="facet__list">{2}</ul></details>'
)


def _options(name: str, values) -> str:
    return "\n".join(
        OPTION.format(
            name,
            escape(str(v.value)),
            " checked" if v.selected else "",
            escape(str(v.label)),
            escape(localize(v.count)),
        )
        for v in values
    )


@register.simple_tag
def facet_options(facet):
    """The facet's values as checkboxes in a list; of a long facet the first
    FACET_SHOWN, and the rest in a <details> that is open when one of them is
    chosen. Every value is escaped with the standard library's escape:
    Django's format_html checks each argument for lazy strings, some 500 a
    page."""
    name = escape(facet["name"])
    values = list(facet["values"])
    if len(values) <= FACET_SHOWN + 2:
        shown, folded = values, []
    else:
        shown, folded = values[:FACET_SHOWN], values[FACET_SHOWN:]
    html = f'<ul class="facet__list">{_options(name, shown)}</ul>'
    if folded:
        html += FOLDED.format(
            " open" if any(v.selected for v in folded) else "",
            escape(gettext("Vis alle (%(count)s)") % {"count": len(values)}),
            _options(name, folded),
        )
    return mark_safe(html)  # noqa: S308 - every value is escaped


@register.simple_tag
def published(moment):
    """<time> with the local date: one time zone conversion, where the date
    filter twice makes two."""
    local = localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(),
        date_format(local),
    )


@register.simple_tag(takes_context=True)
def chosen_facets(context, facets):
    """Each chosen facet value with the address of the same search without
    it (and from page 1): DKFDS tags that take a limit off."""
    params = context["request"].GET
    chosen = []
    for facet in facets:
        for value in facet["values"]:
            if not value.selected:
                continue
            query = params.copy()
            query.pop("page", None)
            query.setlist(
                facet["name"],
                [v for v in query.getlist(facet["name"]) if v != str(value.value)],
            )
            chosen.append(
                {
                    "facet": facet["label"],
                    "label": value.label,
                    "url": "?" + query.urlencode(),
                }
            )
    return chosen
