from .states import IllegalTransition
from .views.refused import transition_refused


class IllegalTransitionMiddleware:
    """Every view's IllegalTransition, in one place: the page that says the
    move was not taken and where the input is now (409), never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IllegalTransition):
            return None
        return transition_refused(
            request,
            action=exception.action,
            status=exception.status,
            input=exception.input,
        )
