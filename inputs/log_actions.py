"""Every state-machine action is a Wagtail log action ("inputs.<action>"), so
input_transition() can write it to the audit log. Registered from
InputsConfig.ready(); wagtail_hooks.py is for the admin UI."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from portal.language import in_active_language

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
        ("inputs.redact", _("Tekst redigeret af moderator")),
        ("inputs.link", _("Forbundet med andet input")),
        ("inputs.delete_draft", _("Kladde slettet")),
    ]:
        actions.register_action(action, label, label)
    actions.register_action("inputs.tags")(TagsChanged)


class TagsChanged(LogFormatter):
    """input_tags_set logs what each list gained and lost; the history says
    it, not only that something changed."""

    label = _("Temaer og nøgleord ændret")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        lists = {
            "themes": (gettext("Temaer tilføjet"), gettext("Temaer fjernet")),
            "target_groups": (
                gettext("Målgrupper tilføjet"),
                gettext("Målgrupper fjernet"),
            ),
            "keywords": (gettext("Nøgleord tilføjet"), gettext("Nøgleord fjernet")),
        }
        said = [f"{self.label}."]
        for key, (added, removed) in lists.items():
            change = data.get(key) or {}
            english = change.get("names_en", {})
            for heading, names in (
                (added, change.get("added")),
                (removed, change.get("removed")),
            ):
                if names:
                    shown = [in_active_language(n, english.get(n, "")) for n in names]
                    said.append(f"{heading}: {', '.join(shown)}.")
        return " ".join(said)
