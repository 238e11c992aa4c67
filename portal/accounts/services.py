"""Deleting a person's account (their right to erasure)."""

import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

from inputs.models import Input
from portal.organisations.models import Invitation, Membership, Organisation

from .export import any_email, emails_of
from .log_actions import USER_DELETED
from .roles import requires_two_factor

logger = logging.getLogger(__name__)

DB_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


class AccountDeletionRefused(Exception):
    """Deleting would leave something without a responsible person; nothing
    was deleted. `organisations` are those that need a new administrator."""

    def __init__(self, message: str, organisations=()):
        super().__init__(message)
        self.message = message
        self.organisations = list(organisations)


def organisations_needing_new_admin(*, user) -> list[Organisation]:
    """Organisations where the person is the only administrator and that
    still have other members or inputs: someone must take over first."""
    others_admin = Membership.objects.filter(
        organisation=OuterRef("organisation"), role=Membership.Role.ADMIN
    ).exclude(user=user)
    others = Membership.objects.filter(organisation=OuterRef("organisation")).exclude(
        user=user
    )
    has_inputs = Input.objects.filter(organisation=OuterRef("organisation"))
    ids = (
        Membership.objects.filter(user=user, role=Membership.Role.ADMIN)
        .filter(~Exists(others_admin))
        .filter(Exists(others) | Exists(has_inputs))
        .values("organisation")
    )
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def account_deletion_check(*, user) -> None:
    """Raise AccountDeletionRefused if the account may not go yet."""
    organisations = organisations_needing_new_admin(user=user)
    if organisations:
        raise AccountDeletionRefused(
            _(
                "Du er den eneste administrator af %(names)s. Gør en anden "
                "til administrator, før du sletter din konto."
            )
            % {"names": ", ".join(o.name for o in organisations)},
            organisations,
        )
    User = get_user_model()
    if (
        user.is_superuser
        and not User.objects.filter(is_superuser=True, is_active=True)
        .exclude(pk=user.pk)
        .exists()
    ):
        raise AccountDeletionRefused(
            _(
                "Du er den eneste sideadministrator. Giv en anden rettighederne, "
                "før du sletter din konto."
            )
        )


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the person's account and remove their name and e-mail from
    what stays with the organisation, all or nothing.

    Refuses (AccountDeletionRefused, nothing deleted) the last administrator
    of an organisation that has other members or inputs, and the last site
    administrator. Otherwise:
    - inputs stay; their author link goes (SET_NULL), and so do the
      contact-person fields where the contact was this person (their e-mail,
      or their full name on an input they wrote);
    - revisions, attachments, moderators' notes, links, invitations they sent
      and decisions they took keep their content without them (SET_NULL);
    - the audit log keeps its entries without them as actor, and entries
      about their account lose their name;
    - memberships, saved searches, join requests, e-mail addresses,
      authenticators (cascades), invitations sent to their addresses and
      their sessions are deleted.
    One entry without personal data records that an account (staff or not)
    was deleted."""
    User = get_user_model()
    user = User.objects.select_for_update().get(pk=user.pk)
    account_deletion_check(user=user)
    emails = emails_of(user)
    _erase_contact_person(user, emails)
    _forget_actor(user)
    PageLogEntry.objects.filter(user=user).update(user=None)
    about_user = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    )
    about_user.update(label=_("Slettet bruger"), data={})
    Invitation.objects.filter(any_email("email", emails)).delete()
    _delete_sessions(user)
    staff = user.is_staff or requires_two_factor(user)
    log(
        instance=user,
        action="accounts.delete",
        user=None,
        title=_("Slettet bruger"),
        data={"staff": staff},
    )
    pk = user.pk
    user.delete()
    # The operator's trail, for staff above all: an id, no name.
    logger.info("Account %s deleted (staff: %s).", pk, staff)


def _forget_actor(user) -> None:
    """Their audit-log entries lose the user and say that a deleted person
    acted, so the history does not show their action as BL's."""
    entries = list(ModelLogEntry.objects.filter(user=user).only("pk", "data"))
    for entry in entries:
        entry.user = None
        entry.data = {**(entry.data or {}), USER_DELETED: True}
    ModelLogEntry.objects.bulk_update(entries, ["user", "data"], batch_size=500)


def _erase_contact_person(user, emails: list[str]) -> None:
    theirs = any_email("contact_email", emails)
    full_name = user.get_full_name().strip()
    if full_name:
        theirs |= Q(author=user, contact_name__iexact=full_name)
    # The version bump makes an open form that still holds them stale.
    Input.objects.filter(theirs).update(
        contact_name="", contact_email="", contact_phone="", version=F("version") + 1
    )


def _delete_sessions(user) -> None:
    """Log the person out everywhere. Only database sessions can be found by
    user; other engines' sessions die with the user row (their user is gone)."""
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = store.get_model_class()
    doomed = [
        session.session_key
        for session in model.objects.iterator()
        if store().decode(session.session_data).get("_auth_user_id") == str(user.pk)
    ]
    model.objects.filter(session_key__in=doomed).delete()
