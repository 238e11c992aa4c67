"""allauth's sign-up page, answering 429 Too Many Requests when the limit on
accounts made from one address ("signup_made") kept a valid form from making
one: the form comes back with what was typed and says when to try again."""

from allauth.account.views import SignupView as AllauthSignupView
from django.forms.forms import NON_FIELD_ERRORS

from portal.ops.ratelimit import seconds_until_allowed


class SignupView(AllauthSignupView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, code="rate_limited"):
            response.status_code = 429
            seconds = seconds_until_allowed(self.request, "signup_made")
            response["Retry-After"] = str(max(seconds, 1))
        return response
