"""Where a link to an input goes, per viewer."""

from django.urls import NoReverseMatch, reverse

from portal.accounts.roles import is_moderator


def input_url(input, user) -> str:
    """Moderators go to the input in the admin; others to the input's page
    on the site, when the inputs app serves one."""
    if is_moderator(user):
        return reverse("inputs_moderation:detail", args=[input.pk])
    for name in ("inputs:detail", "inputs:input_detail"):
        try:
            return reverse(name, args=[input.pk])
        except NoReverseMatch:
            continue
    return ""
