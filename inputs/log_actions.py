"""Every state-machine action is a Wagtail log action ("inputs.<action>"), so
input_transition() can write it to the audit log. Registered from
InputsConfig.ready(); wagtail_hooks.py is for the admin UI."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .states import TRANSITIONS


@hooks.register("register_log_actions")
def register_input_actions(actions):
    for transition in TRANSITIONS.values():
        # The log says what happened ("Indsendt"), not the button ("Indsend").
        actions.register_action(
            f"inputs.{transition.action}", transition.done, transition.done
        )
    for action, label in [
        ("inputs.visibility", _("Synlighed ændret")),
        ("inputs.assign", _("Moderator tildelt")),
        ("inputs.themes", _("Temaer ændret")),
        ("inputs.tags", _("Temaer og nøgleord ændret")),
        ("inputs.redact", _("Tekst redigeret af moderator")),
        ("inputs.link", _("Forbundet med andet input")),
        ("inputs.delete_draft", _("Kladde slettet")),
    ]:
        actions.register_action(action, label, label)
