"""The promise made structural: every field that holds free text, in the
project's models and its own forms, carries the CPR rule as a validator
(inputs.personal_data.no_cpr_number, or its reading of a saved search's
query string), or is listed below with the reason it needs none. A new
text field fails here until someone decides which."""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.db import models

from inputs.personal_data import (
    no_cpr_number,
    no_cpr_number_in_email,
    no_cpr_number_in_query,
)

PROJECT_APPS = ("portal", "inputs", "cms", "search")
CPR_VALIDATORS = {no_cpr_number, no_cpr_number_in_query}
# Secrets and machine identifiers, not text a person writes.
NOT_TEXT_NAMES = ("password", "token", "hash")

INPUT_TEXT = "input texts: checked by input_text_check in the services"
ALLOWED_MODEL_FIELDS = {
    "inputs.Input.title": INPUT_TEXT,
    "inputs.Input.challenge": INPUT_TEXT,
    "inputs.Input.solution": INPUT_TEXT,
    "inputs.Input.estate": INPUT_TEXT,
    "inputs.Input.contact_name": INPUT_TEXT + " (CPR numbers only)",
    "inputs.Input.contact_phone": INPUT_TEXT + " (CPR numbers only)",
    "inputs.Attachment.original_name": INPUT_TEXT + " (attachment names)",
    "inputs.Keyword.name": INPUT_TEXT + " (keywords)",
    "inputs.Attachment.content_type": "detected from the file by the upload check",
    "inputs.InternalNote.text": "a moderator's note: note_check in internal_note_add",
    "inputs.Input.reference": "generated reference (BL-2020-0001)",
    "inputs.CallQuestion.clean_name": "generated from the label, which is checked",
    "organisations.Organisation.cvr": "validated as a CVR number (validate_cvr)",
    "mail.OutgoingEmail.last_error": "the mail server's answer, written by the code",
    "ops.ScheduledJob.name": "a job's name from the code",
    "archive_search.ArchiveDocument.key": "generated reference",
    "archive_search.ArchiveDocument.title": "index: copied from checked texts",
    "archive_search.ArchiveDocument.body": "index: copied from checked texts",
    "archive_search.ArchiveDocument.url": "index: a generated address",
    "archive_search.ArchiveDocument.organisation_name": "index: copied, checked",
    "archive_search.ArchiveDocument.status": "index: an input's status value",
    "archive_search.ArchiveDocument.visibility": "index: an input's visibility",
    "archive_search.ArchiveDocument.terms": "index: words of checked texts",
    "archive_search.ArchiveDocument.restricted_terms": "index: words, checked",
    "archive_search.ArchiveFacetSet.signature": "index: generated",
    "archive_search.ArchiveFacetValue.name": "index: a facet's name from the code",
    "archive_search.ArchiveFacetValue.value": "index: a facet value (id or slug)",
    "archive_search.ArchiveFacetValue.label": "index: a checked vocabulary label",
    "archive_search.ArchiveTerm.term": "index: words of checked texts",
}

NOTE = "a moderator's note: note_check in the service that writes it"
SEARCH = "a search: run, never stored (a saved search is checked on saving)"
ALLOWED_FORM_FIELDS = {
    "portal.organisations.forms.OrganisationSearchForm.q": SEARCH,
    "portal.organisations.forms.OrganisationRegisterForm.cvr": (
        "validated as a CVR number (validate_cvr)"
    ),
    "search.forms.SearchForm.q": SEARCH,
    "inputs.moderation.chooser.InputSearchForm.q": SEARCH,
    "inputs.forms.InputForm.opened": (
        "hashes of the fields as the page opened (inputs/conflicts.py),"
        " compared and never stored"
    ),
    "inputs.moderation.forms.TransitionForm.note": NOTE,
    "inputs.moderation.forms.InternalNoteForm.text": NOTE,
    "inputs.moderation.bulk_actions.NoteForm.note": NOTE,
    "inputs.moderation.bulk_actions.AcceptForm.note": NOTE,
    "inputs.moderation.forms.InputLinkForm.target": (
        "a reference number, looked up and never stored as text"
    ),
    "portal.accounts.password_forms.SignupForm.username": (
        "allauth's; removed, as the user model has no username"
        " (ACCOUNT_USER_MODEL_USERNAME_FIELD = None)"
    ),
}


def _guarded(field) -> bool:
    return any(v is rule for v in field.validators for rule in CPR_VALIDATORS)


def _model_text_fields():
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.CharField | models.TextField)
                and not field.choices
                and not isinstance(
                    field, models.EmailField | models.URLField | models.SlugField
                )
                and field.model is model
                and not any(word in field.name for word in NOT_TEXT_NAMES)
            ):
                yield f"{model._meta.label}.{field.name}", field


def _project_forms() -> list[type]:
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if "forms" in module.name or module.name.endswith("bulk_actions"):
                importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PROJECT_APPS:
            found.append(cls)
    return found


def _form_text_fields():
    for form in _project_forms():
        model = getattr(getattr(form, "_meta", None), "model", None)
        model_fields = {f.name for f in model._meta.get_fields()} if model else set()
        for name, field in form.declared_fields.items():
            # A model form's field runs the model field's validators too.
            if (
                type(field) is forms.CharField
                and name not in model_fields
                and not isinstance(field.widget, forms.PasswordInput)
                and not any(word in name for word in NOT_TEXT_NAMES)
            ):
                yield f"{form.__module__}.{form.__qualname__}.{name}", field


@pytest.mark.parametrize(
    ("kind", "fields", "allowed"),
    [
        ("model", _model_text_fields, ALLOWED_MODEL_FIELDS),
        ("form", _form_text_fields, ALLOWED_FORM_FIELDS),
    ],
)
def test_every_free_text_field_holds_to_the_cpr_rule(kind, fields, allowed):
    unguarded = sorted(
        name for name, field in fields() if not _guarded(field) and name not in allowed
    )
    assert not unguarded, (
        f"These {kind} fields take free text without the CPR rule: give them "
        f"validators=[no_cpr_number], or list them with the reason: {unguarded}"
    )


@pytest.mark.parametrize(
    ("fields", "allowed"),
    [
        (_model_text_fields, ALLOWED_MODEL_FIELDS),
        (_form_text_fields, ALLOWED_FORM_FIELDS),
    ],
)
def test_the_allow_list_names_only_existing_unguarded_fields(fields, allowed):
    """A stale entry would hide a field that lost its validator."""
    unguarded = {name for name, field in fields() if not _guarded(field)}
    assert set(allowed) <= unguarded, set(allowed) - unguarded


ALLAUTH = "allauth's form: AccountAdapter.clean_email runs the rule"
ALLOWED_EMAIL_FORM_FIELDS = {
    "portal.accounts.password_forms.SignupForm.email": ALLAUTH,
}


def _email_fields():
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.EmailField) and field.model is model:
                yield f"{model._meta.label}.{field.name}", field
    for form in _project_forms():
        model = getattr(getattr(form, "_meta", None), "model", None)
        model_fields = {f.name for f in model._meta.get_fields()} if model else set()
        for name, field in form.declared_fields.items():
            if isinstance(field, forms.EmailField) and name not in model_fields:
                yield f"{form.__module__}.{form.__qualname__}.{name}", field


def test_every_e_mail_address_field_holds_to_the_rule_for_addresses():
    """Sign-up, invitations and an input's contact e-mail took an address
    with a CPR number (outside check): every address field, in the models
    and the project's forms, carries no_cpr_number_in_email."""
    unguarded = sorted(
        name
        for name, field in _email_fields()
        if no_cpr_number_in_email not in field.validators
        and name not in ALLOWED_EMAIL_FORM_FIELDS
    )
    assert not unguarded, unguarded
    assert set(ALLOWED_EMAIL_FORM_FIELDS) <= {name for name, _ in _email_fields()}
