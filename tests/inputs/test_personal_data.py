"""The personal-data detectors: tables of realistic Danish sentences and
property-based tests over the ways people and word processors write numbers."""

import unicodedata
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from inputs.personal_data import CPR, EMAIL, PHONE, is_cpr, scan, scan_text

# Modest, so the suite stays fast; no example database in the work tree.
FAST = settings(max_examples=150, deadline=None, database=None)


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
        "010190_1234.pdf",  # a file name's underscore
        "Notat_010190_1234_journal.docx",
        # The year in four digits, when the serial's century agrees with it.
        "01011990-1234",
        "Født 01.01.1990-1234",
        "01012000-4123",
        "010190:1234",
        "(010190)1234",
        "010190-12 34",
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
        # Four-digit years the serial's century rule denies: 1234 is 19xx.
        "01012090-1234",
        "01011890-1234",
        "kl. 10:00-12:00",
        "Bilag (2)(3) 1234",
    ],
)
def test_no_cpr_in(text):
    assert CPR not in kinds(text)


def test_a_birth_date_still_to_come_is_a_cpr_number_all_the_same():
    # A made-up CPR number: 12 March 2045 by the century rule. An outside
    # check typed it into an input, and it was published.
    assert is_cpr("1203456789")
    assert is_cpr("0101575000")  # 1 January 2057
    assert is_cpr("0101084001")  # 2008; fails modulus 11 but is valid
    assert not is_cpr("3102901234")  # 31 February
    assert CPR in kinds("Tingbjerg afd. 3, Birthe Sørensen 120345-6789")
    # A label still says what such a number is.
    assert CPR not in kinds("P-nummeret er 1012345678.")


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


CPR_SENTENCES = [
    "Beboeren har CPR-nr. 010190-1234 og bor alene.",
    "Hendes cpr er 0101901234, hvis I vil slå hende op.",
    "CPR: 311299\u20111234 (fra journalen)",
    "Personnummer 150320 4123 – kontakt kommunen.",
    "Lejeren (cpr.nr.:2512891234) har fået udsættelse.",
    "Sagen vedrører 01 01 90-1234 i opgang 3.",
    "Vi har talt med manden med CPR 010190–1234.",
    "Barnets cpr-nummer er 010108-4001.",
    "CPR-0101901234 er registreret som kontaktperson.",
    "Oplyst som cpr-nr-010190-1234 i skemaet.",
    "CPR nr.:010190 1234",
    "Naboen, f. 01.01.90-1234, klager over støj.",
    # An outside check wrote these, and none was found.
    "Beboeren 01 01 90 - 12 34 er ensom.",
    "Beboeren 01.01.90 1234 er ensom.",
    "Beboeren 01.01.90 - 12 34 er ensom.",
    "Beboeren 01-01-90 12 34 er ensom.",
    "Beboeren 01.01.1990 1234 er ensom.",
    "Beboeren 01.01.1990 12 34 er ensom.",
    "Beboeren 01.01.90 12 34 er ensom.",
    "Beboer 010190\u200b1234 flyttede ind i marts.",
    "Kopi af sygesikringsbevis: 010190\u00a01234.",
    "Ægtefællens nummer 2412851234 står i ansøgningen.",
    "Moderen, CPR 280279—4321, har bedt om hjælp.",
    "Noteret under 150320/4123 i systemet.",
    "Kontakt via CPR 010190.1234 i borgerservice.",
    "Beboeren med personnummer 170463-2345 er flyttet.",
    "CPR 01\u00a001\u00a090-1234 (fra lejekontrakten)",
    "Huslejen på 5.000 kr. 010190-1234 skylder stadig.",
    "I 2019 0101901234 fik hjælp til flytningen.",
    "CPR\u00a0010190\u202f-\u202f1234",
    "Hun står som 0101.90.1234 i papirerne.",
    "Oplæst i telefonen: 0 1 0 1 9 0 1 2 3 4.",
    "Beboeren, født 01011990-1234, er flyttet.",
    "CPR 01.01.1990-1234 står i sagen.",
    "Noteret som 010190:1234 i skemaet.",
    "Lejeren (010190)1234 har fået udsættelse.",
    "Hendes nummer er 010190-12 34, oplyste hun.",
]

NOT_CPR_SENTENCES = [
    "Projektet kørte fra 01-01-1990 til 31-12-1999.",
    "Mødet holdes 1.1.2020 kl. 10.00-12.00.",
    "Indsatsen løb 01.03–15.04.2020 i tre afdelinger.",
    "Vi har kørt caféen i 2019-2020 og igen 2019–2021.",
    "Se j.nr. 2020-1234-56 for bevillingen.",
    "Det fremgår af sag 20/12345 hos kommunen.",
    "Boligforeningen har CVR 12345678.",
    "Afdelingens P-nummer er 1012345678.",
    "Ring til os på +45 12 34 56 78.",
    "Renoveringen kostede 215.000.000 kr.",
    "Vi sendte fakturanummer 1010901234 til kommunen.",
    "Postnummer 2400 København NV og 8000 Aarhus C.",
    "EAN-nummer 5798000123456 bruges til fakturering.",
    "Beløbet indsættes på reg.nr. 1551 konto 3012851234.",
    "I perioden 2015-2025 har 1.250 beboere deltaget.",
    "Bevillingen på 1.010.901.234 kr. kom i 2020.",
    "Ordrenummer 2512891234 er betalt.",
    "Telefontid hverdage 10-12 og 13-15.",
    "Lejekontrakten løber 01.04.2020 - 31.03.2025.",
    "Sagsnummer 2020-0042-1 er lukket.",
    "Budgettet var 2.512.891.234 kroner over ti år.",
    "SE-nr. 12345678 og CVR-nr. 87654321.",
    "Beløbet var 1010901234 kr. i alt.",
    "Vi betalte DKK 1010901234 for byggeriet.",
    "Tallet steg fra 1,5 til 1010901234,5 på et år.",
    "Den 01.01.20 2020 gæster i alt.",
    "Den 01.05.20 1500 kr. i tilskud.",
    "Fra 01.01.1990 - 05.05.1995 boede hun i afdelingen.",
    "Fra 01.01.90 - 05.05.95 boede hun i afdelingen.",
    "Opgangene 10 12 14 16 18 har fået nye døre.",
    "Afd. 01 02 03 04 05 er med i helhedsplanen.",
    "Vi har 12 11 10 09 08 beboere i hver blok.",
]


@pytest.mark.parametrize("text", CPR_SENTENCES)
def test_cpr_in_sentence(text):
    assert CPR in kinds(text)


@pytest.mark.parametrize("text", NOT_CPR_SENTENCES)
def test_no_cpr_in_sentence(text):
    assert CPR not in kinds(text)


PHONE_SENTENCES = [
    "Mobil: 40\u00a012\u00a034\u00a056",
    "Ring +45\u00a020\u00a030\u00a040\u00a050 om aftenen.",
    "Kontakt 22.33.44.55 efter kl. 16.",
    "Ring til 2012 3456 mellem 9 og 15.",
    "Tlf. 70\u201110\u201120\u201130",
    "Sms til 0045\u00a022334455",
]
NOT_PHONE_SENTENCES = [
    "CVR-nr.: 29 18 91 34",
    "Boligforeningen har CVR 32345678.",
    "Se j.nr. 2020-1234.",
    "Sagsnummer 20201234 er afsluttet.",
    "Projektet løb 2019-2020 og 2019 – 2021.",
    "I 2020 1500 deltagere, i 2021 flere.",
    "Vi ringede 2019 2020 og 2021.",
    "Åbent 01.03-15.04 og kl. 10.00-12.00.",
    "Budgettet var 215.000.000 kr.",
    "Vi brugte 22334455 kr. på renoveringen.",
    "Tilskuddet var kr. 22334455.",
    "Vi nåede 120 beboere i 2020.",
    "Mødet er 20.11.2019 i fælleshuset.",
    "P-nr. 1012345678",
    "Reference BL-2020-0042",
    "EAN 5790001234567",
    "Vi har 32 34 56 beboere i tre afdelinger.",
    "Støtten steg til 22334455,50 i 2021.",
]


@pytest.mark.parametrize("text", PHONE_SENTENCES)
def test_phone_in_sentence(text):
    assert kinds(text) == [PHONE]


@pytest.mark.parametrize("text", NOT_PHONE_SENTENCES)
def test_no_phone_in_sentence(text):
    assert PHONE not in kinds(text)


# Generated variants. Separators: every Unicode dash and space, the invisible
# ones, slash and dot, and spaced dashes.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
separators = st.one_of(
    st.sampled_from(
        ["", "-", "/", ".", "_", " - ", " \u2013 ", "  ", ",", ";", ", ", *INVISIBLE]
    ),
    st.characters(categories=["Pd", "Zs"]),
)
group_separators = st.one_of(
    st.sampled_from([" ", ".", "-", "/"]), st.characters(categories=["Pd", "Zs"])
)
CPR_PREFIXES = [
    "",
    "CPR ",
    "CPR-",
    "cpr-nr-",
    "CPR nr.: ",
    "CPR nr.:",
    "cpr.nr.",
    "Cpr.nr. ",
    "CPR-nummer: ",
    "personnummer ",
    "cpr:",
    "(",
]
WORDS = [
    "beboeren", "har", "og", "bor", "i", "afdelingen", "hun", "ringede",
    "til", "os", "se", "sagen", "fra", "kommunen", "den", "lejer", "nr.",
    "3", "12", "2020", "opgang", "–", "(oplyst)", "Aarhus", "København",
]  # fmt: skip
# Text around a number; the word next to it is a word, since "12 12 12" next
# to "0045" makes a CPR number of its own.
CLOSING = ["og", "har", "fra", "sagen", "Aarhus", "oplyst:"]
before_text = st.tuples(
    st.lists(st.sampled_from(WORDS), max_size=5), st.sampled_from(CLOSING)
).map(lambda t: " ".join([*t[0], t[1]]))
after_text = st.tuples(
    st.sampled_from(CLOSING), st.lists(st.sampled_from(WORDS), max_size=5)
).map(lambda t: " ".join([t[0], *t[1]]))
ENDINGS = ["", ".", ")", ",", " ", "\n", "!"]


@st.composite
def cpr_numbers(draw) -> tuple[str, str]:
    """(DDMMYY, SSSS) of a valid CPR number: the seventh digit matches the
    century of the birth date (stdnum's rule), the check digit is arbitrary."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date.today()))
    yy = born.year % 100
    if born.year >= 2000:
        sevenths = "456789" if yy < 37 else "5678"
    else:
        sevenths = "0123" + ("49" if yy >= 37 else "")
    serial = draw(st.sampled_from(sevenths)) + draw(
        st.text(alphabet="0123456789", min_size=3, max_size=3)
    )
    return f"{born:%d%m%y}", serial


@st.composite
def written_cpr_numbers(draw) -> str:
    born, serial = draw(cpr_numbers())
    separator = draw(separators)
    layout = draw(st.sampled_from(["6-4", "2-2-2-4", "4-2-4", "1" * 10]))
    if layout == "6-4":
        number = born + separator + serial
    elif layout != "2-2-2-4":  # 0101.90.1234, 0 1 0 1 9 0 1 2 3 4
        between = draw(group_separators)
        groups = (
            [born[:4], born[4:], serial] if layout == "4-2-4" else list(born + serial)
        )
        number = between.join(groups)
    else:  # 01 01 90-1234: the date in groups, and the serial apart
        between = draw(group_separators)
        separator = separator or between
        if between.strip() and not separator.strip().strip("".join(INVISIBLE) + "_,;"):
            # 01.01.90 1234 (or 01.01.90_1234, 01.01.90, 1234) is a date and
            # a number.
            separator = "-"
        number = between.join([born[:2], born[2:4], born[4:]]) + separator + serial
    prefix = draw(st.sampled_from(CPR_PREFIXES))
    before = draw(before_text)
    after = draw(after_text)
    return f"{before} {prefix}{number}{draw(st.sampled_from(ENDINGS))} {after}".strip()


@FAST
@given(written_cpr_numbers())
def test_every_spelling_of_a_cpr_number_is_found(text):
    assert kinds(text) == [CPR]


def _dates():
    return st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


dashes = st.one_of(st.sampled_from(["-", "/"]), st.characters(categories=["Pd"]))


@st.composite
def written_dates(draw) -> str:
    day, sep = draw(_dates()), draw(st.one_of(dashes, st.just(".")))
    return draw(
        st.sampled_from(
            [
                f"{day:%d}{sep}{day:%m}{sep}{day:%Y}",
                f"{day.day}{sep}{day.month}{sep}{day.year}",
                f"{day:%Y}-{day:%m}-{day:%d}",
                f"{day:%d}.{day:%m}.{day:%y}",
                f"{day.day}. {day:%m}. {day.year}",
            ]
        )
    )


@st.composite
def date_ranges(draw) -> str:
    # A range takes a dash ("/" would read as one more date part).
    a, b = draw(_dates()), draw(_dates())
    dash = draw(st.characters(categories=["Pd"]))
    return draw(
        st.sampled_from(
            [
                f"{a:%d.%m}{dash}{b:%d.%m.%Y}",
                f"{a:%d.%m}{dash}{b:%d.%m.%y}",
                f"{a:%d.%m.%Y} {dash} {b:%d.%m.%Y}",
                f"{a:%d.%m.%y}{dash}{b:%d.%m.%y}",
                f"{a.day}.{a.month}.{dash}{b.day}.{b.month}.{b.year}",
                f"{a:%d/%m}{dash}{b:%d/%m %Y}",
            ]
        )
    )


@st.composite
def year_ranges(draw) -> str:
    first = draw(st.integers(1900, 2098))
    last = draw(st.integers(first + 1, 2099))
    dash = draw(dashes)
    return draw(
        st.sampled_from(
            [
                f"{first}{dash}{last}",
                f"{first}{dash}{last % 100:02d}",
                f"{first} {dash} {last}",
            ]
        )
    )


@st.composite
def case_numbers(draw) -> str:
    year, n = draw(st.integers(1990, 2030)), draw(st.integers(0, 999999))
    return draw(
        st.sampled_from(
            [
                f"j.nr. {year}-{n % 10000:04d}-{n % 100:02d}",
                f"sag {year % 100:02d}/{n % 100000:05d}",
                f"sagsnr. {year}-{n:06d}",
                f"Journalnummer {year}/{n % 100000:05d}",
            ]
        )
    )


@st.composite
def company_numbers(draw) -> str:
    digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
    eight = draw(st.integers(10000000, 99999999))
    ten = draw(st.integers(1000000000, 9999999999))
    label = draw(st.sampled_from(["CVR ", "CVR-nr. ", "CVR: ", "cvr.nr.", "SE-nr. "]))
    return draw(
        st.sampled_from(
            [
                f"{label}{eight}",
                f"{label}{str(eight)[:2]} {str(eight)[2:4]} {str(eight)[4:6]} {str(eight)[6:]}",
                f"P-nr. {ten}",
                f"P-nummer: {ten}",
                f"EAN {draw(digits)}{ten}00",
                f"kontonr. {ten}",
                f"fakturanr. {ten}",
            ]
        )
    )


@st.composite
def amounts(draw) -> str:
    n = draw(st.integers(1000, 10**12))
    dotted = f"{n:,}".replace(",", ".")
    return draw(
        st.sampled_from(
            [
                f"{dotted} kr.",
                f"kr. {dotted}",
                f"{n} kr.",
                f"kr. {n}",
                f"DKK {n}",
                f"{n},50",
                f"{dotted},50 kr.",
                f"{n},50;{n % 10000}",
            ]
        )
    )


@st.composite
def phone_numbers(draw) -> str:
    n = str(draw(st.integers(20000000, 99999999)))
    prefix = draw(st.sampled_from(["", "+45 ", "+45", "0045 ", "+45\u00a0"]))
    label = draw(st.sampled_from(["", "Tlf. ", "tlf.: ", "Ring til ", "mobil "]))
    sep = draw(st.sampled_from([" ", "-", ".", "\u00a0", "\u2011"]))
    layout = draw(st.sampled_from(["8", "2-2-2-2", "4 4"]))
    if layout == "4 4" and 1900 <= int(n[:4]) <= 2099:
        # "i 2020 1500 ..." alone is a year and a number; 2019 2020 two years
        assume(not 1900 <= int(n[4:]) <= 2099)
        label = label or ("" if prefix else "Tlf. ")
    number = {
        "8": n,
        "2-2-2-2": sep.join([n[:2], n[2:4], n[4:6], n[6:]]),
        "4 4": f"{n[:4]} {n[4:]}",
    }[layout]
    return label + prefix + number


postcodes = st.integers(1000, 9990).map(lambda n: f"{n} København")
# Stairwells, blocks, departments: "opgangene 10 12 14 16 18".
# Written with commas or semicolons too: "10, 12, 14", "10;12;14".
number_lists = st.tuples(
    st.lists(st.integers(1, 99).map(lambda n: f"{n:02d}"), min_size=3, max_size=8),
    st.sampled_from([" ", ", ", ",", ";", "; "]),
).map(lambda t: "opgangene " + t[1].join(t[0]))

not_cpr = st.one_of(
    written_dates(),
    date_ranges(),
    year_ranges(),
    case_numbers(),
    company_numbers(),
    amounts(),
    phone_numbers(),
    postcodes,
    number_lists,
)


@FAST
@given(before=before_text, number=not_cpr, after=after_text)
def test_dates_ranges_company_numbers_and_amounts_are_not_cpr(before, number, after):
    assert CPR not in kinds(f"{before} {number} {after}")


# A date written without separators (31122020) is eight digits like a phone
# number; people rarely write one so in prose, so it is not generated here.
not_phone = st.one_of(
    written_dates(),
    date_ranges(),
    year_ranges(),
    case_numbers(),
    company_numbers(),
    amounts(),
    postcodes,
)


@FAST
@given(before=before_text, number=not_phone, after=after_text)
def test_dates_years_amounts_and_references_are_not_phone_numbers(
    before, number, after
):
    assert PHONE not in kinds(f"{before} {number} {after}")


@FAST
@given(before=before_text, number=phone_numbers(), after=after_text)
def test_danish_phone_numbers_are_found(before, number, after):
    assert kinds(f"{before} {number} {after}") == [PHONE]


# Other ways to write a digit: every digit system Unicode has (these are a
# sample; the property tests below draw from all of them), and the digits of
# category No a word processor or a symbol picker offers.
DIGIT_SYSTEMS = {
    "fullwidth": "０１２３４５６７８９",
    "arabic-indic": "٠١٢٣٤٥٦٧٨٩",
    "devanagari": "०१२३४५६७८९",
    "mathematical bold": "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
    "mathematical double-struck": "𝟘𝟙𝟚𝟛𝟜𝟝𝟞𝟟𝟠𝟡",
    "mathematical monospace": "𝟶𝟷𝟸𝟹𝟺𝟻𝟼𝟽𝟾𝟿",
    "segmented": "🯰🯱🯲🯳🯴🯵🯶🯷🯸🯹",
    "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹",
    "subscript": "₀₁₂₃₄₅₆₇₈₉",
    "circled": "⓪①②③④⑤⑥⑦⑧⑨",
    "negative circled": "⓿❶❷❸❹❺❻❼❽❾",
    "dingbat circled": "🄋➀➁➂➃➄➅➆➇➈",
    "double circled": "?⓵⓶⓷⓸⓹⓺⓻⓼⓽",  # no zero
    "parenthesised": "?⑴⑵⑶⑷⑸⑹⑺⑻⑼",  # no zero
    "full stop": "🄀⒈⒉⒊⒋⒌⒍⒎⒏⒐",
    "comma": "🄁🄂🄃🄄🄅🄆🄇🄈🄉🄊",
}


def in_digits(text: str, digits: str) -> str:
    return "".join(digits[int(c)] if c.isascii() and c.isdigit() else c for c in text)


@pytest.mark.parametrize("digits", DIGIT_SYSTEMS.values(), ids=DIGIT_SYSTEMS.keys())
@pytest.mark.parametrize(
    "text",
    ["Beboer 111289-1234", "CPR 1112891234.", "11 12 89-1234", "Beboer 010190-1234"],
)
def test_a_cpr_number_in_any_digits_is_found(digits, text):
    if "0" in text and digits[0] == "?":
        pytest.skip("these digits have no zero")
    assert kinds(in_digits(text, digits)) == [CPR]


@pytest.mark.parametrize("digits", DIGIT_SYSTEMS.values(), ids=DIGIT_SYSTEMS.keys())
@pytest.mark.parametrize(
    "text",
    [
        "Bevillingen på 1.111.121.234 kr. kom i 2021.",
        "Beløbet var 1112891234 kr. i alt.",
        "Ring til os på +45 12 34 56 78.",
        "Afdelingens P-nummer: 1112891234.",
        "Projektet kørte fra 11-12-1989 til 21-12-1999.",
        "Opgangene 11 12 14 16 18 har fået nye døre.",
    ],
)
def test_numbers_that_are_no_cpr_number_are_not_in_any_digits(digits, text):
    assert CPR not in kinds(in_digits(text, digits))


# Characters that show nothing (category Cf: zero-width spaces and joiners,
# direction marks and embeddings, the soft hyphen, word joiner, invisible
# operators, BOM, tags), and combining marks over a digit (a keycap 1️⃣).
FORMAT_CHARACTERS = [
    chr(code)
    for code in [*range(0x10000), 0x110BD, 0x1BCA0, 0x1D173, 0xE0001, 0xE0041]
    if unicodedata.category(chr(code)) == "Cf"
]


@pytest.mark.parametrize("hidden", FORMAT_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_an_invisible_character_anywhere_in_a_cpr_number_hides_nothing(hidden):
    number = "010190-1234"
    for at in range(1, len(number)):
        text = f"Beboer {number[:at]}{hidden}{number[at:]} er ensom."
        assert scan_text(text) == [(CPR, f"{number[:at]}{hidden}{number[at:]}")]
    assert kinds(f"Beboer {hidden.join('0101901234')}") == [CPR]


@pytest.mark.parametrize(
    "text",
    [
        "Beboer 0\ufe0f\u20e31\ufe0f\u20e30\ufe0f\u20e31\ufe0f\u20e3901234",  # keycaps
        "Beboer 0\u03381\u0338010190-1234",
        "Beboer 01019\u03010-1234",
    ],
)
def test_combining_marks_over_digits_hide_nothing(text):
    assert CPR in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Beboer 010190--1234",
        "Beboer 010190 -- 1234",
        "Beboer 010190---1234",
        "Beboer 010190.-1234",
        "Beboer 010190 - - 1234",
        "Beboer (010190)-1234",
        "Beboer 01--01--90--1234",
    ],
)
def test_a_cpr_number_with_doubled_separators_is_found(text):
    assert kinds(text) == [CPR]


@pytest.mark.parametrize(
    "text",
    [
        "Beboer 010190-1234 kr",
        "Beboer 010190-1234 kr. skylder",
        "Beboer 010190 1234 kroner",
        "Beboer 010190-1234,- i husleje",
        "Beboer 01.01.90-1234 DKK",
        "kr. 010190-1234",
        "Lejer 010190-12 34 %",
        "Husleje 3,010190-1234",
    ],
)
def test_an_amount_word_does_not_excuse_a_cpr_shaped_number(text):
    assert CPR in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # An outside check stored these: a comma or semicolon between the
        # groups is a separator like any other.
        "T 010190,1234",
        "T 010190;1234",
        "010190;1234",
        "Beboer 010190;1234",
        "Beboer 010190, 1234 er ensom.",
        "Beboer 010190 ; 1234 er ensom.",
        "Beboer 01,01,90,1234 er ensom.",
        "Beboer 01;01;90-1234 er ensom.",
        "Beboer 01.01.90,1234 er ensom.",
        "Beboer 010190,12,34 er ensom.",
        "Husleje 3,010190,1234",
        # The comma and semicolon of other scripts and widths.
        "Beboer 010190\uff0c1234",
        "Beboer 010190\uff1b1234",
        "Beboer 010190\u060c1234",
        "Beboer 010190\u037e1234",
        "Beboer 010190\ufe501234",
        "Beboer 010190\uff1a1234",  # a full-width colon
    ],
)
def test_a_cpr_number_with_a_comma_or_semicolon_is_found(text):
    assert kinds(text) == [CPR]


@pytest.mark.parametrize(
    "text",
    [
        # Lists and amounts with commas and semicolons are no CPR number.
        "010190,123456",
        "12,50;1234",
        "Beløbet var 1.234,50 kr.",
        "Beløbet var 1010901234,50 kr.",
        "Tallet steg fra 1,5 til 1010901234,5 på et år.",
        "Opgangene 10,12,14,16,18 har fået nye døre.",
        "Opgangene 10, 12, 14, 16, 18 har fået nye døre.",
        "Opgangene 10;12;14;16;18 har fået nye døre.",
        "Husnumrene 01, 02, 03, 04, 05 er med.",
        "Den 01.05.20, 1500 kr. i tilskud.",
        "Den 01.01.20, 2020 gæster i alt.",
        "Ring på 22 33 44 55, 66 77 88 99 eller 44556677.",
        "CVR 12345678, P-nr. 1012345678; EAN 5798000123456",
        "Tilskud: 2019: 1.500,00; 2020: 2.250,50; 2021: 3.010,90",
        "id;dato;beløb 17;010190;1.234,50",
    ],
)
def test_lists_and_amounts_with_commas_are_no_cpr_number(text):
    assert CPR not in kinds(text)


def test_a_comma_does_not_join_a_phone_number():
    assert PHONE not in kinds("Vi har 22, 33, 44, 55 beboere i fire blokke.")
    assert PHONE not in kinds("Støtten steg til 22334455,50 i 2021.")
    assert kinds("Ring 22334455, 33445566") == [PHONE, PHONE]


def test_enclosed_numbers_above_nine_read_as_their_digits():
    assert kinds("Beboer ⑩⑩⑨⓪①②③④ er ensom.") == [CPR]
    assert kinds("Tilskuddet var ⑩⑩ kr. og 𝟏𝟎𝟏𝟎𝟗𝟎𝟏𝟐𝟑𝟒 kr. i alt.") == []


@pytest.mark.parametrize("digits", DIGIT_SYSTEMS.values(), ids=DIGIT_SYSTEMS.keys())
def test_a_phone_number_in_other_digits_is_still_a_phone_number(digits):
    assert kinds(in_digits("Ring til 22 33 44 55 i dag", digits)) == [PHONE]
    assert kinds(in_digits("Ring til 2233\u200e4455 i dag", digits)) == [PHONE]


def test_the_matched_text_is_the_original_text():
    text = "Se 𝟎𝟏𝟎𝟏𝟗𝟎\u2063-𝟏𝟐𝟑𝟒 og ⁰¹⁰¹⁹⁰-¹²³⁴ og ⑩⑩⑨⓪①②③④."
    assert scan_text(text) == [
        (CPR, "𝟎𝟏𝟎𝟏𝟗𝟎\u2063-𝟏𝟐𝟑𝟒"),
        (CPR, "⁰¹⁰¹⁹⁰-¹²³⁴"),
        (CPR, "⑩⑩⑨⓪①②③④"),
    ]


# Every character Unicode gives a digit value, by value: the property tests
# write a number in any mix of them.
EVERY_DIGIT = {
    value: sorted(
        chr(code)
        for code in range(0x110000)
        if unicodedata.digit(chr(code), None) == value
    )
    for value in range(10)
}
format_characters = st.sampled_from(FORMAT_CHARACTERS)


@st.composite
def in_other_digits(draw, text: str, *, hide: bool = False) -> str:
    """`text` with each ASCII digit in any digit system, and (`hide`) an
    invisible character after some digits."""
    out = []
    for char in text:
        if char.isascii() and char.isdigit():
            char = draw(st.sampled_from(EVERY_DIGIT[int(char)]))
            if hide and draw(st.booleans()):
                char += draw(format_characters)
        out.append(char)
    return "".join(out)


@FAST
@given(st.data())
def test_every_spelling_in_any_digits_with_hidden_characters_is_found(data):
    # Spelt without an invisible separator: hidden characters are read
    # either all as separators or all as nothing, and "01 01 90\u200b12\u200e34"
    # shows as 01 01 901234, no shape a CPR number is written in.
    text = data.draw(
        written_cpr_numbers().filter(lambda t: not any(c in t for c in INVISIBLE))
    )
    assert CPR in kinds(data.draw(in_other_digits(text, hide=True)))


@FAST
@given(data=st.data(), before=before_text, number=not_cpr, after=after_text)
def test_no_cpr_number_in_other_digits_where_there_was_none(
    data, before, number, after
):
    text = f"{before} {number} {after}"
    assert CPR not in kinds(data.draw(in_other_digits(text)))


def test_the_services_warning_names_its_finds_in_english():
    # Each find was joined with a Danish "i »…«" in the English warning
    # (what the import and the services say).
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from inputs.personal_data import CONFIRM_FIELD, input_text_check

    with translation.override("en"), pytest.raises(ValidationError) as raised:
        input_text_check(data={"challenge": "Ring på 22 33 44 55."}, confirmed=False)
    (warning,) = raised.value.message_dict[CONFIRM_FIELD]
    assert "phone number in “The challenge”: 22 33 44 55" in warning
    assert " i »" not in warning
