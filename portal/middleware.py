from django.conf import settings
from django.utils import translation
from django.views.decorators.csp import csp_override


class LanguageMiddleware:
    """Danish unless the person chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so
    most visitors would get a half-English portal; the people who use it work
    in Danish."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class AdminContentSecurityPolicyMiddleware:
    """The relaxed SECURE_CSP_ADMIN for the Wagtail admin, the strict
    SECURE_CSP everywhere else. Sits just inside Django's CSP middleware,
    which writes the header."""

    prefix = "/admin/"

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_response = csp_override(settings.SECURE_CSP_ADMIN)(get_response)

    def __call__(self, request):
        if request.path_info.startswith(self.prefix):
            return self.admin_response(request)
        return self.get_response(request)
