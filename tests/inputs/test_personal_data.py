import pytest

from inputs.personal_data import CPR, EMAIL, PHONE, is_cpr, scan, scan_text


def kinds(text):
    return [kind for kind, _ in scan_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "0101901234",
        "010190-1234",
        "Beboeren har CPR 010190-1234 og bor alene.",
        "cpr.nr.:2512891234, se sagen",
        "(311299-1234)",
        "Født 150320 4123 i Aarhus",  # with a space
        # Born 2008: valid date, fails modulus 11 (such numbers are issued).
        "Barnets nummer er 0101084001.",
        "1002300000",
    ],
)
def test_cpr_numbers_are_found(text):
    assert kinds(text) == [CPR]


@pytest.mark.parametrize(
    "text",
    [
        "9999999999",  # no such date
        "3102901234",  # 31 February
        "0113901234",  # month 13
        "Journalnr. 4513901234",
        "12345678901",  # eleven digits
        "010190-12345",
        "Vi har 215 mio. kr. og 230.000 beboere.",
        "Sagsnummer 2020-0042-1",
        "0101901234567",
    ],
)
def test_no_cpr_in(text):
    assert CPR not in kinds(text)


def test_a_future_birth_date_is_not_a_cpr_number():
    assert not is_cpr("0101575000")  # 1 January 2057 by the century rule
    assert is_cpr("0101084001")  # 2008; fails modulus 11 but is valid


@pytest.mark.parametrize(
    "text",
    [
        "Skriv til anna.hansen@gmail.com for mere.",
        "mail:ole@boligforening.dk.",
        "(kontakt: k+p@example.org)",
    ],
)
def test_email_addresses_are_found(text):
    assert kinds(text) == [EMAIL]


@pytest.mark.parametrize(
    "text",
    [
        "Ring til 22345678 i dag",
        "Ring på 32 34 56 78.",
        "Tlf. 4234 5678",
        "+45 52 34 56 78",
        "+4562345678",
        "0045 72345678",
        "tlf.: 22-33-44-55",
    ],
)
def test_phone_numbers_are_found(text):
    assert kinds(text) == [PHONE]


@pytest.mark.parametrize(
    "text",
    [
        "Vi nåede 120 beboere i 2020.",
        "Projektet kostede 1.250.000 kr.",
        "Kommunekode 101 og postnummer 2400.",
        "Ordrenummer 123456789",  # nine digits
        "01234567",  # starts with 0
        "Tryghedsopkald en gang om ugen",
        "",
    ],
)
def test_nothing_found_in(text):
    assert kinds(text) == []


def test_scan_names_the_field_and_covers_lists():
    findings = scan(
        {
            "challenge": ("Udfordringen", "Beboer 010190-1234 er ensom."),
            "question_x": ("Spørgsmål", ["Ja", "ring 82345678"]),
            "title": ("Titel", "Ensomhed"),
        }
    )
    assert [(f.kind, f.field, f.label) for f in findings] == [
        (CPR, "challenge", "Udfordringen"),
        (PHONE, "question_x", "Spørgsmål"),
    ]
    assert findings[0].blocks and not findings[1].blocks
