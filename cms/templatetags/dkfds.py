"""Form fields, error summaries and icons in the markup of Det Fælles
Designsystem (DKFDS, static/vendor/dkfds). Only the public pages use these;
the Wagtail admin keeps Django's and Wagtail's own rendering."""

from django import forms, template
from django.db.models import F
from django.forms.boundfield import BoundWidget
from django.templatetags.static import static
from django.utils.html import format_html

from portal.language import in_active_language

register = template.Library()

ICON_SPRITE = "vendor/dkfds/img/all-svg-icons.svg"

# The DKFDS class each kind of widget carries.
CHOICE_CLASSES = {
    forms.CheckboxSelectMultiple: "form-checkbox",
    forms.RadioSelect: "form-radio",
}


def _widget_class(widget) -> str:
    for kind, css_class in CHOICE_CLASSES.items():
        if isinstance(widget, kind):
            return css_class
    if isinstance(widget, forms.CheckboxInput):
        return "form-checkbox"
    if isinstance(widget, forms.Select):
        return "form-select"
    if isinstance(widget, forms.FileInput):
        return "form-file"
    return "form-input"


def _with_class(attrs: dict, css_class: str) -> dict:
    """attrs with css_class added to the widget's own classes."""
    own = attrs.get("class", "")
    return {**attrs, "class": f"{own} {css_class}".strip()}


@register.filter
def dkfds_widget(field):
    """The field's widget with its DKFDS class; Django's own attributes
    (required, aria-invalid, aria-describedby) stay."""
    widget = field.field.widget
    return field.as_widget(attrs=_with_class(widget.attrs, _widget_class(widget)))


@register.simple_tag
def dkfds_options(field):
    """Each choice of a checkbox or radio list: its input (with the DKFDS
    class), id and label."""
    css_class = _widget_class(field.field.widget)
    group = "form-group-radio" if css_class == "form-radio" else "form-group-checkbox"
    options = []
    for option in field.subwidgets:
        # A copy: BoundField caches its subwidgets.
        data = {**option.data, "attrs": _with_class(option.data["attrs"], css_class)}
        styled = BoundWidget(option.parent_widget, data, option.renderer)
        options.append(
            {
                "tag": styled.tag(wrap_label=False),
                "id": option.id_for_label,
                "label": option.choice_label,
                "group": group,
            }
        )
    return options


@register.filter
def dkfds_kind(field) -> str:
    """How the field is laid out: "choices" (a list of checkboxes or radio
    buttons in a fieldset), "checkbox" (one checkbox) or "input"."""
    widget = field.field.widget
    if isinstance(widget, tuple(CHOICE_CLASSES)):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


@register.inclusion_tag("includes/forms/field.html")
def dkfds_field(field, required_label=False):
    """One field: label, hint, error message beside it, then the widget, and
    under it the value saved since the form was opened, when the form says
    (form.saved_values, inputs/conflicts.py)."""
    saved = getattr(field.form, "saved_values", {}).get(field.name)
    return {"field": field, "required_label": required_label, "saved": saved}


@register.inclusion_tag("includes/forms/fields.html")
def dkfds_fields(form):
    """The form's hidden fields, errors not tied to a field, and each visible
    field."""
    return {"form": form}


def _field_name(label) -> str:
    """The field's label as the start of a summary line: "Titel: ". A label
    that ends a sentence ("Samarbejder I med kommunen?") keeps its own mark."""
    label = str(label or "").strip().rstrip(":")
    if not label:
        return ""
    return f"{label} " if label[-1] in "?!." else f"{label}: "


@register.inclusion_tag("includes/forms/error_summary.html")
def error_summary(form, heading="", heading_without_fields=""):
    """DKFDS's error summary: every error, each linking to its field and
    naming it, since the summary is read apart from the fields. When no
    field is marked (a stale form, say), `heading_without_fields` is shown
    instead of a heading that points to marked fields."""
    return summary_errors(form, heading, heading_without_fields)


@register.inclusion_tag("includes/forms/admin_error_summary.html")
def admin_error_summary(form, heading=""):
    """The same summary in the Wagtail admin's look, for BL's own forms."""
    return summary_errors(form, heading)


def summary_errors(form, heading="", heading_without_fields="") -> dict:
    """The lines of an error summary: {"errors": [{id, field, message}],
    "heading": ...}; an error without a field to link to has no id."""
    errors = []
    # allauth's form element passes "" when a page has no form.
    if getattr(form, "errors", None):
        errors = [
            {"id": "", "field": "", "message": e} for e in form.non_field_errors()
        ]
        for field in form:
            name = _field_name(field.label)
            if field.errors and field.is_hidden:
                # Nothing on the page to link to (a value changed in the
                # page, say): the line names the field and says what is wrong.
                errors += [
                    {"id": "", "field": "", "message": f"{name}{e}"}
                    for e in field.errors
                ]
            elif field.errors:
                anchor = field.id_for_label or field.auto_id
                errors += [
                    {"id": anchor, "field": name, "message": e} for e in field.errors
                ]
    if heading_without_fields and not any(e["id"] for e in errors):
        heading = heading_without_fields
    return {"errors": errors, "heading": heading}


@register.simple_tag
def icon(name, label="", css_class=""):
    """An icon from DKFDS's sprite; decorative unless it has a label."""
    classes = f"icon-svg {css_class}".strip()
    if label:
        return format_html(
            '<svg class="{}" focusable="false" role="img" aria-label="{}">'
            '<use href="{}#{}"></use></svg>',
            classes,
            label,
            static(ICON_SPRITE),
            name,
        )
    return format_html(
        '<svg class="{}" focusable="false" aria-hidden="true">'
        '<use href="{}#{}"></use></svg>',
        classes,
        static(ICON_SPRITE),
        name,
    )


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def page_breadcrumbs(context, page):
    """DKFDS breadcrumbs for a Wagtail page: its live ancestors below the
    tree's root, then the page itself (not a link). A partnership's page is
    named as in the menu (cms.context_processors.navigation)."""
    ancestors = (
        page.get_ancestors()
        .filter(depth__gt=1)
        .live()
        .annotate(partnership_name_en=F("partnershippage__partnership__name_en"))
    )
    request = context.get("request")
    return {
        "crumbs": [
            (a.get_url(request), in_active_language(a.title, a.partnership_name_en))
            for a in ancestors
        ],
        "current": getattr(page, "display_title", page.title),
    }


@register.simple_tag
def crumb_trail(*urls_and_titles):
    """The (url, title) pairs for includes/breadcrumbs.html from a flat list:
    {% crumb_trail "/" "Forside" list_url "Vores input" as crumbs %}."""
    return list(zip(urls_and_titles[::2], urls_and_titles[1::2], strict=True))
