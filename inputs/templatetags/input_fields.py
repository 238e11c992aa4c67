from django import template
from django.utils.text import capfirst

register = template.Library()


@register.filter
def field_label(instance, name: str) -> str:
    """The model field's verbose_name, as Wagtail's views show it: one label
    for a field on every page (`{{ input|field_label:"ongoing" }}`)."""
    return capfirst(instance._meta.get_field(name).verbose_name)
