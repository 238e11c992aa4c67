"""“Mine data”: everything the portal holds about one person, as a ZIP.

One JSON file per kind of data (UTF-8, indented), a README.txt in Danish
that explains them, and the files the person uploaded. The ZIP is written
to a temporary file, so a large export never sits in memory. Each kind is
read with a fixed number of queries, however much there is. Nothing about
other people goes in: no one else's names or e-mail addresses, no
moderators' notes, no secrets (password hash, TOTP secret, recovery codes,
invitation tokens).

An input belongs to its organisation. Someone who may no longer see it (a
member who was removed) keeps what is theirs: that they wrote it, for which
organisation, and when, when they sent it in, and the names of the files
they attached. Its text, its versions, its status and visibility, and the
files themselves are the organisation's and stay out: they may have been
written by others after the person left (inputs/permissions.py decides who
may see an input, as everywhere else)."""

import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import registry as log_actions
from wagtail.models import ModelLogEntry, PageLogEntry

from inputs.models import Attachment, Input
from inputs.permissions import inputs_viewable_by
from portal.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    PartnershipMembership,
)
from portal.organisations.selectors import verified_emails
from search.models import SavedSearch


def emails_of(user) -> list[str]:
    """The addresses that stand for the person, lower-cased: those they have
    verified, and the login of an account made without allauth (by an
    administrator or a command), which has no address records. Anyone may
    add any address to their account; until it is verified it is only a
    claim, and deleting or exporting must not treat it as theirs (attacker
    check)."""
    addresses = verified_emails(user)
    if not EmailAddress.objects.filter(user=user).exists():
        addresses.add(user.email.lower())
    return sorted(addresses)


def any_email(field: str, emails: list[str]) -> Q:
    query = Q(pk__in=[])
    for email in emails:
        query |= Q(**{f"{field}__iexact": email})
    return query


def _account(user) -> dict:
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    return {
        "id": user.pk,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "email_addresses": list(
            EmailAddress.objects.filter(user=user)
            .order_by("pk")
            .values("email", "verified", "primary")
        ),
        "two_factor": {
            "totp": Authenticator.Type.TOTP in types,
            "recovery_codes": Authenticator.Type.RECOVERY_CODES in types,
        },
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }


def _memberships(user) -> dict:
    return {
        "organisations": [
            {
                "organisation": m.organisation.name,
                "cvr": m.organisation.cvr,
                "role": m.role,
                "role_label": m.get_role_display(),
                "created_at": m.created_at,
            }
            for m in Membership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("pk")
        ],
        "partnerships": [
            {
                "partnership": m.partnership.name,
                "affiliation": m.affiliation,
                "created_at": m.created_at,
            }
            for m in PartnershipMembership.objects.filter(user=user)
            .select_related("partnership")
            .order_by("pk")
        ],
    }


def _join_requests(user) -> list:
    return [
        {
            "organisation": r.organisation.name,
            "message": r.message,
            "status": r.status,
            "status_label": r.get_status_display(),
            "created_at": r.created_at,
            "decided_at": r.decided_at,
        }
        for r in JoinRequest.objects.filter(user=user)
        .select_related("organisation")
        .order_by("pk")
    ]


def _invitations(user, emails: list[str]) -> list:
    return [
        {
            "email": i.email,
            "to": str(i.target),
            "role": i.role,
            "created_at": i.created_at,
            "expires_at": i.expires_at,
            "accepted_at": i.accepted_at,
        }
        for i in Invitation.objects.filter(any_email("email", emails))
        .select_related("organisation", "partnership")
        .order_by("pk")
    ]


def _viewable_ids(user) -> set[int]:
    """The inputs the person wrote or attached files to that they may see."""
    return set(
        inputs_viewable_by(user)
        .filter(Q(author=user) | Q(attachments__uploaded_by=user))
        .values_list("pk", flat=True)
    )


def _inputs(user, viewable: set[int]) -> list:
    inputs = (
        Input.objects.filter(author=user)
        .select_related("organisation", "call", "municipality")
        .prefetch_related(
            "partnerships", "themes", "target_groups", "revisions", "keywords"
        )
        .order_by("pk")
    )
    return [
        _input(i, user) if i.pk in viewable else _authorship(i, user) for i in inputs
    ]


def _authorship(i: Input, user) -> dict:
    """An input the person wrote but may no longer see: only their part."""
    return {
        "id": i.pk,
        "reference": i.reference,
        "organisation": i.organisation.name,
        "created_at": i.created_at,
        "you_may_see_it": False,
        "revisions": [
            {
                "reason": r.reason,
                "reason_label": r.get_reason_display(),
                "created_at": r.created_at,
                "by_you": True,
            }
            for r in i.revisions.all()
            if r.created_by_id == user.pk
        ],
    }


def _input(i: Input, user) -> dict:
    return {
        "id": i.pk,
        "reference": i.reference,
        "organisation": i.organisation.name,
        "you_may_see_it": True,
        "call": i.call.title if i.call else None,
        "kind": i.kind,
        "title": i.title,
        "challenge": i.challenge,
        "solution": i.solution,
        "answers": i.answers,
        "partnerships": [p.name for p in i.partnerships.all()],
        "themes": [t.name for t in i.themes.all()],
        "target_groups": [t.name for t in i.target_groups.all()],
        "keywords": sorted(k.name for k in i.keywords.all()),
        "municipality": i.municipality.name,
        "estate": i.estate,
        "residents_reached": i.residents_reached,
        "ongoing": i.ongoing,
        "contact_name": i.contact_name,
        "contact_email": i.contact_email,
        "contact_phone": i.contact_phone,
        "consent": i.consent,
        "status": i.status,
        "status_label": i.get_status_display(),
        "visibility": i.visibility,
        "created_at": i.created_at,
        "updated_at": i.updated_at,
        "submitted_at": i.submitted_at,
        "accepted_at": i.accepted_at,
        # Who made a moderator's redaction is the moderator's data.
        "revisions": [
            {
                "reason": r.reason,
                "reason_label": r.get_reason_display(),
                "content": r.content,
                "created_at": r.created_at,
                "by_you": r.created_by_id == user.pk,
            }
            for r in i.revisions.all()
        ],
    }


def _attachments(user) -> list[Attachment]:
    return list(
        Attachment.objects.filter(uploaded_by=user)
        .select_related("input")
        .order_by("pk")
    )


def _attachment_path(attachment: Attachment) -> str:
    return f"bilag/{attachment.pk}-{attachment.original_name}"


def _attachments_listing(attachments: list[Attachment], viewable: set[int]) -> list:
    """Every file the person attached; the file itself (and the input's
    title) only where they may still see the input."""
    return [
        {
            "file": _attachment_path(a) if a.input_id in viewable else None,
            "original_name": a.original_name,
            "content_type": a.content_type,
            "size": a.size,
            "input": (
                a.input.reference or a.input.title
                if a.input_id in viewable
                else a.input.reference or a.input_id
            ),
            "created_at": a.created_at,
        }
        for a in attachments
    ]


def _saved_searches(user) -> list:
    return list(
        SavedSearch.objects.filter(user=user)
        .order_by("pk")
        .values("name", "query_string", "frequency", "created_at", "last_sent_at")
    )


def _action_label(action: str) -> str:
    try:
        return str(log_actions.get_action_label(action))
    except KeyError:
        return action


def _log_entries(user) -> list:
    """Audit-log entries where the person acted or is the object. Who acted
    on them is left out when it was someone else. An entry about an input
    the person may no longer see names it by its reference alone, without
    its data (a title, BL's note): the input's title and text are the
    organisation's."""
    about_user = Q(
        content_type=ContentType.objects.get_for_model(user),
        object_id=str(user.pk),
    )
    fields = ("timestamp", "action", "label", "data", "content_type_id", "user_id")
    rows = [
        *ModelLogEntry.objects.filter(Q(user=user) | about_user).values(
            *fields, "object_id"
        ),
        *PageLogEntry.objects.filter(user=user).values(*fields),
    ]
    rows.sort(key=lambda row: row["timestamp"])
    hidden = _hidden_inputs(user, rows)
    return [_log_entry(row, user, hidden) for row in rows]


def _hidden_inputs(user, rows) -> dict[str, str]:
    """The references of the inputs in `rows` that `user` may not see."""
    input_type = ContentType.objects.get_for_model(Input).pk
    ids = {
        int(row["object_id"])
        for row in rows
        if row["content_type_id"] == input_type and row.get("object_id")
    }
    seen = set(inputs_viewable_by(user).filter(pk__in=ids).values_list("pk", flat=True))
    return {
        str(pk): reference
        for pk, reference in Input.objects.filter(pk__in=ids - seen).values_list(
            "pk", "reference"
        )
    }


def _log_entry(row, user, hidden: dict[str, str]) -> dict:
    object_id = row.get("object_id")
    unseen = object_id in hidden
    return {
        "timestamp": row["timestamp"],
        "action": row["action"],
        "action_label": _action_label(row["action"]),
        "object_type": _content_type_name(row["content_type_id"]),
        # An input that never got a reference (a draft) by its id.
        "object": (hidden[object_id] or f"#{object_id}") if unseen else row["label"],
        "data": None if unseen else row["data"],
        "by_you": row["user_id"] == user.pk,
    }


def _content_type_name(pk) -> str:
    if pk is None:
        return ""
    model = ContentType.objects.get_for_id(pk).model_class()
    return str(model._meta.verbose_name) if model else ""


SECTIONS: dict[str, Callable] = {
    "konto.json": _account,
    "medlemskaber.json": _memberships,
    "anmodninger_om_medlemskab.json": _join_requests,
    "gemte_soegninger.json": _saved_searches,
    "log.json": _log_entries,
}


def _json(data) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode(
        "utf-8"
    )


def account_export_zip(*, user):
    """Write the person's ZIP to a temporary file and return it, open and
    rewound; closing it (FileResponse does) deletes it."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response
    try:
        _write_zip(out, user)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def _write_zip(out, user) -> None:
    emails = emails_of(user)
    viewable = _viewable_ids(user)
    attachments = _attachments(user)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            render_to_string(
                "account/data_export_readme.txt",
                {"user": user, "created_at": timezone.now()},
            ).encode("utf-8"),
        )
        for name, section in SECTIONS.items():
            archive.writestr(name, _json(section(user)))
        archive.writestr("invitationer.json", _json(_invitations(user, emails)))
        archive.writestr("input.json", _json(_inputs(user, viewable)))
        archive.writestr(
            "bilag.json", _json(_attachments_listing(attachments, viewable))
        )
        for attachment in attachments:
            if attachment.input_id not in viewable:
                continue
            if not attachment.file.storage.exists(attachment.file.name):
                continue
            with (
                attachment.file.open("rb") as source,
                archive.open(_attachment_path(attachment), "w") as target,
            ):
                shutil.copyfileobj(source, target, 1024 * 1024)
