"""The organisation actions in Wagtail's audit log ("organisations.<action>"),
with Danish labels, so moderators find them in the site history report
(/admin/reports/site-history/) and can filter by them. Each entry is logged on
the organisation (or partnership) it changes, whose name becomes the entry's
name; the person it concerns is in the entry's data and message. Registered
from OrganisationsConfig.ready()."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

# action: (label, message with %(person)s, %(role)s, %(from)s, %(to)s). Wagtail
# capitalises a message, so none starts with the e-mail address.
ACTIONS = {
    "organisations.register": (
        _("Organisation registreret"),
        _("Registreret af %(person)s"),
    ),
    "organisations.approve": (_("Organisation godkendt"), _("Organisation godkendt")),
    "organisations.decline": (_("Organisation afvist"), _("Organisation afvist")),
    "organisations.join_approve": (
        _("Anmodning om medlemskab godkendt"),
        _("Optaget som medlem: %(person)s"),
    ),
    "organisations.join_decline": (
        _("Anmodning om medlemskab afvist"),
        _("Afvist: anmodningen fra %(person)s"),
    ),
    "organisations.mitid_join": (
        _("Medlem via MitID Erhverv"),
        _("Optaget som medlem ved login med MitID Erhverv (CVR-nummer): %(person)s"),
    ),
    "organisations.role_change": (
        _("Rolle ændret"),
        _("Rolle for %(person)s: %(from)s → %(to)s"),
    ),
    "organisations.member_remove": (
        _("Medlem fjernet"),
        _("Fjernet: %(person)s (%(role)s)"),
    ),
    "organisations.invite": (
        _("Invitation sendt"),
        _("Inviteret som %(role)s: %(person)s"),
    ),
    "organisations.invitation_accept": (
        _("Invitation modtaget"),
        _("Tog imod invitationen som %(role)s: %(person)s"),
    ),
}


def _role_label(value: str) -> str:
    from .models import Membership

    if value == PARTNERSHIP_ROLE:
        return str(_("partnerskabsmedlem"))
    if value in Membership.Role.values:
        return str(Membership.Role(value).label).lower()
    return value


# The role logged for a partnership's member (they have no Membership.Role).
PARTNERSHIP_ROLE = "partnership"


class OrganisationLogFormatter(LogFormatter):
    """The message names the person; roles are stored as values and shown
    in the reader's language."""

    template = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.template % {
            "person": data.get("person", ""),
            "role": _role_label(data.get("role", "")),
            "from": _role_label(data.get("from", "")),
            "to": _role_label(data.get("to", "")),
        }


@hooks.register("register_log_actions")
def register_organisation_actions(actions):
    for action, (label, message) in ACTIONS.items():
        formatter = type(
            "Formatter",
            (OrganisationLogFormatter,),
            {"label": label, "template": message},
        )
        actions.register_action(action)(formatter)
