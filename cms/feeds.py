"""An Atom feed of each partnership's published summaries."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import PartnershipPage, SummaryPage


class PartnershipSummariesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(
            PartnershipPage.objects.live().public(), partnership__slug=slug
        )

    def title(self, obj):
        return _("Opsamlinger fra %(name)s") % {"name": obj.title}

    def link(self, obj):
        return obj.url

    def subtitle(self, obj):
        return obj.introduction

    def items(self, obj):
        return (
            SummaryPage.objects.child_of(obj)
            .live()
            .public()
            .order_by("-first_published_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
