"""Themes and target groups in the Wagtail admin, with their English names
(shown on English pages). Registered from wagtail_hooks.py."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .models import TargetGroup, Theme


class VocabularyIndexView(IndexView):
    table_classname = "listing stacked-listing"  # a block per row on a phone


class VocabularyViewSet(SnippetViewSet):
    index_view_class = VocabularyIndexView
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    form_fields = ["name", "name_en", "slug"]


class ThemeViewSet(VocabularyViewSet):
    model = Theme
    icon = "tag"
    form_fields = [*VocabularyViewSet.form_fields, "search_words"]


class TargetGroupViewSet(VocabularyViewSet):
    model = TargetGroup
    icon = "group"


class VocabularyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, TargetGroupViewSet)
    menu_icon = "tag"
    menu_label = _("Ordforråd")
    menu_name = "vocabulary"


register_snippet(VocabularyViewSetGroup)
