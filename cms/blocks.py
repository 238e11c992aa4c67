from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("overskrift"))
    level = blocks.ChoiceBlock(
        choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("niveau")
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page shares."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        template="cms/blocks/paragraph_block.html",
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        label=_("tekst"),
    )
