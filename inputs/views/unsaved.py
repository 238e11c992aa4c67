"""The input form's text, shown back when the form could not be received:
the writer was logged out while they wrote (in another tab, or by an
administrator), or logged in again elsewhere, which made the form's CSRF
token stale. Before, both answers dropped what they had typed. The text
goes only to the browser that sent it, and nothing is stored."""

from functools import partial, wraps
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from ..forms import QUESTION_PREFIX, InputForm
from ..models import CallPage

# The fields a person writes in; the input's choices are quickly ticked
# again. Every answer to a question is shown (a choice's value is its text).
TEXT_FIELDS = (
    "title",
    "challenge",
    "solution",
    "keywords",
    "estate",
    "residents_reached",
    "contact_name",
    "contact_email",
    "contact_phone",
)


# The hidden field in which the input form names its call (templates/inputs/
# input_form.html), for the questions' wording here.
CALL_FIELD = "call"


def _question_labels(request) -> dict[str, str]:
    """A call is a public page, so its questions' labels may be shown: the
    new input's call from the address, an existing input's from the form's
    hidden field (the input itself is not looked up for a visitor)."""
    match = request.resolver_match
    call_id = match.kwargs.get("call_id") if match else None
    call_id = call_id or request.POST.get(CALL_FIELD, "")
    call = None
    if str(call_id).isdigit():
        call = CallPage.objects.live().filter(pk=call_id).first()
    if call is None:
        return {}
    return {
        QUESTION_PREFIX + name: field.label
        for name, field in call.question_form_fields().items()
    }


def _typed(post, labelled, *, answer_labels=None) -> list[tuple[str, str, bool]]:
    """(label, text, whether it needs a text area) of each field in
    `labelled` ((name, label) pairs) and each answer to a question that the
    person wrote in, in the form's order."""
    answer_labels = answer_labels or {}
    shown = [(label, post.get(name, "")) for name, label in labelled]
    answers = [name for name in post if name.startswith(QUESTION_PREFIX)]
    shown += [
        (
            answer_labels.get(name)
            or _("Svar på spørgsmål %(number)d") % {"number": n},
            ", ".join(post.getlist(name)),
        )
        for n, name in enumerate(answers, 1)
    ]
    return [
        (str(label), text.strip(), len(text) > 80 or "\n" in text.strip())
        for label, text in shown
        if text.strip()
    ]


def typed_text(request) -> list[tuple[str, str, bool]]:
    """What was typed into the input form."""
    fields = InputForm.base_fields
    labelled = [(name, fields[name].label) for name in TEXT_FIELDS]
    return _typed(request.POST, labelled, answer_labels=_question_labels(request))


def chosen_files(request) -> list[str]:
    """The names of the files chosen on the form: not kept, to be chosen
    again (the session that would keep them is gone)."""
    return [upload.name for upload in request.FILES.getlist("attachments")]


@never_cache
def not_saved(request, *, logged_out: bool, typed=typed_text, lost=None):
    """The 403 page that says what was `lost` ("noten") and shows back
    `typed(request)`. A view offers it as
    its `show_back` (login_required_keeping_text, keeping_text): the
    middleware below answers a form sent without a session with it, and
    portal.views.csrf_failure one sent with a stale token."""
    form_url = request.path
    login_url = reverse("account_login") + "?" + urlencode({"next": form_url})
    return render(
        request,
        "inputs/not_saved.html",
        {
            "typed": typed(request),
            "files": chosen_files(request),
            "logged_out": logged_out,
            "lost": lost or gettext_lazy("dit input"),
            "again_url": login_url if logged_out else form_url,
            # No language switch: it leaves the page, and the text with it.
            "keeps_typed_text": True,
        },
        status=403,
    )


def login_required_keeping_text(view):
    """login_required, except that a form sent after the session ended is
    shown back rather than lost in the redirect to the login page."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    checked.show_back = not_saved
    return checked


def keeping_text(view, *, form_class):
    """Marks `view` (that posts `form_class`) so that the text typed into
    that form's text fields, and nothing else, is shown back as above,
    under the name of what the form saves (`form_class.lost`). Its
    login check may be elsewhere (the Wagtail admin's): the middleware
    answers first."""
    labelled = [
        (name, field.label)
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField) and not field.widget.is_hidden
    ]

    def typed(request):
        return _typed(request.POST, labelled)

    view.show_back = partial(not_saved, typed=typed, lost=form_class.lost)
    return view


class KeepTypedTextMiddleware:
    """A form sent without a session to a view that keeps its text
    (`show_back`) gets the text back (403) instead of the login redirect
    that would drop it. After the CSRF check and the authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        show_back = getattr(view_func, "show_back", None)
        if show_back and request.method == "POST" and not request.user.is_authenticated:
            return show_back(request, logged_out=True)
        return None
