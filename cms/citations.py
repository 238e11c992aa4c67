"""What a summary may quote.

A summary is a public page: the page, its PDF, its feed and the archive
search show it to anyone. So it may quote only an input that anyone may see,
as decided by THE visibility rule, inputs_visible_to(), for an anonymous
visitor. The same check runs when a quote is saved (QuoteBlock.clean), when a
summary is approved (cms.workflows) and every time a quote is shown, so an
input whose visibility narrows later simply drops out of the page."""

from django.contrib.auth.models import AnonymousUser


def citable_inputs(*, ids) -> dict:
    """The inputs among `ids` that a summary may quote, by pk, with their
    organisation loaded (one query however many there are)."""
    from inputs.selectors import inputs_visible_to

    ids = [pk for pk in ids if pk]
    if not ids:
        return {}
    return (
        inputs_visible_to(user=AnonymousUser())
        .filter(pk__in=ids)
        .select_related("organisation")
        .in_bulk()
    )


def quoted_input_ids(body) -> list[int]:
    """The pks of the inputs a summary body quotes, read from its stored
    data without loading them."""
    return [
        block["value"]["input"]
        for block in body.raw_data
        if block["type"] == "quote" and (block.get("value") or {}).get("input")
    ]


def withheld_quotes(body) -> list[int]:
    """The pks of quoted inputs that may not be quoted (any more)."""
    ids = quoted_input_ids(body)
    citable = citable_inputs(ids=ids)
    return [pk for pk in ids if pk not in citable]
