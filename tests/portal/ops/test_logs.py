"""Request ids on responses and log lines; no personal data in logs or in
error reports."""

import json
import logging
import sys

import pytest
import sentry_sdk
from sentry_sdk.transport import Transport

from portal.ops.logs import (
    JsonFormatter,
    RequestIdFilter,
    init_sentry,
    scrub,
    scrub_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """What the production handler writes for django.request, as dicts."""
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def test_every_response_has_its_own_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_the_proxys_request_id_is_kept_and_a_forged_one_replaced(client):
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-4f2a9c1e77")
    assert kept["X-Request-ID"] == "nginx-4f2a9c1e77"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x" level=ERROR\nfake')
    assert forged["X-Request-ID"] != 'x" level=ERROR\nfake'
    assert len(forged["X-Request-ID"]) == 32


def test_log_lines_carry_the_request_id_and_no_personal_data(client, json_lines):
    response = client.get("/organisation/person@solhjem.dk/?q=ensomme+ældre")
    assert response.status_code == 404
    [line] = json_lines
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /organisation/[email]/"
    assert "solhjem" not in json.dumps(line)


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hej", None, None)
    RequestIdFilter().filter(record)
    assert json.loads(JsonFormatter().format(record))["request_id"] == "-"


def test_tracebacks_are_scrubbed():
    try:
        raise ValueError("CPR 010190-1234 og anna@aab.dk ved /arkiv/?q=anna")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "fejl", None, sys.exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert "ValueError: CPR [cpr] og [email] ved /arkiv/?[…]" in line["exception"]


def test_scrub_removes_query_strings_emails_and_cpr():
    assert scrub('GET /arkiv/?q=Hansen&side=2 "x"') == 'GET /arkiv/?[…] "x"'
    assert scrub("til ole@fsb.dk") == "til [email]"
    assert scrub("cpr 0101901234") == "cpr [cpr]"
    assert scrub("cpr 𝟎𝟏𝟎𝟏𝟗𝟎\u2063𝟏𝟐𝟑𝟒 kr") == "cpr [cpr] kr"
    assert scrub("Hvem har 12 frivillige?") == "Hvem har 12 frivillige?"


def test_sentry_events_lose_what_identifies_a_person():
    event = {
        "request": {
            "url": "https://partnerportal.bl.dk/arkiv/?q=Hansen",
            "query_string": "q=Hansen",
            "cookies": {"sessionid": "abc"},
            "data": {"email": "ole@fsb.dk"},
            "headers": {"Cookie": "sessionid=abc", "User-Agent": "Firefox"},
        },
        "user": {"email": "ole@fsb.dk", "ip_address": "10.0.0.1"},
        "exception": {
            "values": [
                {
                    "type": "SMTPRecipientsRefused",
                    "value": "ole@fsb.dk refused",
                    "stacktrace": {"frames": [{"vars": {"email": "ole@fsb.dk"}}]},
                }
            ]
        },
    }
    scrubbed = scrub_event(event)
    assert "ole@fsb.dk" not in json.dumps(scrubbed)
    assert "Hansen" not in json.dumps(scrubbed)
    assert "sessionid" not in json.dumps(scrubbed)
    assert scrubbed["request"]["url"] == "https://partnerportal.bl.dk/arkiv/"
    assert scrubbed["request"]["headers"] == {"User-Agent": "Firefox"}
    assert scrubbed["exception"]["values"][0]["value"] == "[email] refused"


class _Collect(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.events = []

    def capture_envelope(self, envelope):
        if envelope.get_event():
            self.events.append(envelope.get_event())


def test_sentry_is_set_up_without_personal_data():
    init_sentry("https://public@sentry.example.invalid/1", transport=_Collect)
    try:
        client = sentry_sdk.get_client()
        collected = client.options["data_collection"]
        assert collected["user_info"] is False
        assert collected["http_bodies"] == []
        assert collected["cookies"]["mode"] == "off"
        assert collected["url_query_params"]["mode"] == "off"
        assert collected["stack_frame_variables"] is False
        assert collected["database_query_data"] is False
        try:
            raise RuntimeError("Mail til anna@aab.dk fejlede")
        except RuntimeError as error:
            sentry_sdk.capture_exception(error)
        [event] = client.transport.events
        assert "anna@aab.dk" not in json.dumps(event, default=str)
        assert event["exception"]["values"][0]["value"] == "Mail til [email] fejlede"
    finally:
        sentry_sdk.init()  # no DSN: off again
