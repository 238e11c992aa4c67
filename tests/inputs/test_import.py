import json
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from inputs.importing import COLUMNS, inputs_import
from inputs.models import Input
from inputs.services import input_save
from portal.organisations.demo import seed_organisations
from portal.organisations.models import Organisation
from tests.conftest import ensure_reference_data
from tests.inputs.conftest import make_call
from tests.search.helpers import index_rows, vocabulary

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "data" / "sample_import.csv"

GOOD = {
    "organisation_cvr": "93170601",
    "partnerships": "svaekkede-aeldre",
    "kind": "both",
    "title": "Fællesspisning for ensomme ældre",
    "challenge": "Ældre beboere spiser alene.",
    "solution": "Fællesspisning hver torsdag i selskabslokalet.",
    "themes": "ensomhed; faellesskaber-og-foreningsliv",
    "target_groups": "aeldre",
    "municipality": "101",
    "consent": "named",
    "submitted_at": "2020-08-01",
}


@pytest.fixture(autouse=True)
def organisations(db):
    # The transactional test below may follow another's flush.
    ensure_reference_data()
    return seed_organisations()


def run(path, *args):
    call_command("import_inputs", str(path), *args)


def test_the_sample_file_imports(capsys):
    run(SAMPLE)
    assert Input.objects.count() == 3
    tingbjerg = Input.objects.get(title="Tryghedsopkald til ældre i Tingbjerg")
    assert tingbjerg.status == "submitted"
    assert tingbjerg.submitted_at.date().isoformat() == "2020-07-02"
    assert tingbjerg.reference.startswith("BL-")
    assert [t.slug for t in tingbjerg.themes.all()] == ["tryghedsopkald"]
    assert tingbjerg.ongoing and tingbjerg.residents_reached == 120
    assert Input.objects.get(title__startswith="Udsatte voksne").status == "draft"
    assert "Importeret: 3 nye input" in capsys.readouterr().out
    # Importing the same file again adds nothing.
    run(SAMPLE)
    assert Input.objects.count() == 3


def test_a_json_and_an_xlsx_file_import(tmp_path):
    path = tmp_path / "input.json"
    path.write_text(json.dumps([GOOD]), encoding="utf-8")
    run(path)
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    row = {**GOOD, "title": "Fra regnearket", "residents_reached": 30}
    sheet.append([row.get(c, "") for c in COLUMNS])
    book.save(tmp_path / "input.xlsx")
    run(tmp_path / "input.xlsx")
    assert set(Input.objects.values_list("title", flat=True)) == {
        GOOD["title"],
        "Fra regnearket",
    }
    assert Input.objects.get(title="Fra regnearket").residents_reached == 30


def test_a_cpr_number_in_other_characters_in_a_spreadsheet_is_refused(tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    row = {**GOOD, "challenge": "Beboer 𝟎𝟏𝟎𝟏𝟗𝟎\u2063𝟏𝟐𝟑𝟒 er ensom."}
    sheet.append([row.get(c, "") for c in COLUMNS])
    book.save(tmp_path / "input.xlsx")
    with pytest.raises(CommandError):
        run(tmp_path / "input.xlsx")
    assert "indeholder et CPR-nummer" in capsys.readouterr().err
    assert not Input.objects.exists()


def test_bad_rows_are_reported_and_nothing_is_saved(tmp_path, capsys):
    rows = [
        GOOD,
        {**GOOD, "title": "CPR", "challenge": "Beboeren 010190-1234 er ensom."},
        {**GOOD, "title": "Ukendt", "organisation_cvr": "12345678"},
        {**GOOD, "title": "Tema", "themes": "findes-ikke"},
        {**GOOD, "title": ""},
        {**GOOD, "title": "Telefon", "solution": "Ring 22 33 44 55"},
        {**GOOD, "title": "Kommune", "municipality": "Atlantis"},
        {**GOOD, "title": "Beboere", "residents_reached": "1012901234"},
    ]
    path = tmp_path / "input.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(CommandError, match="7 af 8 rækker har fejl"):
        run(path)
    assert not Input.objects.exists()
    err = capsys.readouterr().err
    assert (
        "Række 2: Udfordringen: Feltet »Udfordringen« indeholder et CPR-nummer" in err
    )
    assert (
        "Række 3: organisation_cvr: ingen organisation har CVR-nummer »12345678«" in err
    )
    assert "Række 4: themes: ukendt findes-ikke" in err
    assert "Række 5: Titel: Skriv en titel" in err
    assert "Række 6:" in err and "telefonnummer" in err
    assert "Række 7: municipality" in err
    assert "Række 8:" in err and "højst 100.000" in err
    assert "Række 1" not in err


def test_a_dry_run_saves_nothing(capsys):
    run(SAMPLE, "--dry-run")
    assert not Input.objects.exists()
    assert "Prøvekørsel: alle 3 rækker er i orden" in capsys.readouterr().out


def test_csv_row_numbers_count_the_header(tmp_path, capsys):
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "Tingbjerg;120", "Tingbjerg;mange"
    )
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        run(path)
    assert "Række 2: " in capsys.readouterr().err
    assert not Input.objects.exists()


def test_an_answer_to_an_extra_question_passes_the_personal_data_rule(demo_site):
    call = make_call(demo_site)
    row = {
        **GOOD,
        "question_hvad_har_i_brug_for": "Hjælp til fru Hansen (CPR 010190–1234).",
    }
    result = inputs_import(rows=[(2, row)], call=call)
    assert not Input.objects.exists()
    [(number, message)] = result.errors
    assert number == 2
    assert "»Hvad har I brug for?« indeholder et CPR-nummer (010190–1234)" in message


def test_the_services_refuse_a_cpr_number_whoever_calls_them():
    def save(**data):
        return input_save(
            user=None,
            data=data,
            organisation=Organisation.objects.first(),
            call=None,
            enforce_call_window=False,
        )

    with pytest.raises(ValidationError) as error:
        save(title="Beboer 01 01 90-1234", kind="both")
    assert "title" in error.value.message_dict
    assert not Input.objects.exists()
    with pytest.raises(ValidationError) as error:
        save(title="Ensomhed", solution="Ring til 22334455")
    assert "confirm_personal_data" in error.value.message_dict
    created = save(
        title="Ensomhed", solution="Ring til 22334455", personal_data_confirmed=True
    )
    assert created.input.personal_data_flagged


def test_csv_quotes_as_excel_writes_them(tmp_path):
    # A quote inside a text is doubled, and a quoted text may hold the
    # delimiter; reading only the header, the sniffer had guessed neither
    # (outside check, session 19: the text kept a stray quote).
    header, row = SAMPLE.read_text(encoding="utf-8-sig").splitlines()[:2]
    columns = header.split(";")
    values = row.split(";")
    said = 'En beboer sagde "tak for hjælpen"; det var godt.'
    values[columns.index("challenge")] = '"' + said.replace('"', '""') + '"'
    path = tmp_path / "quoted.csv"
    path.write_text(header + "\n" + ";".join(values) + "\n", encoding="utf-8")
    run(path)
    assert Input.objects.get().challenge == said


def _rows(count):
    return [(n, {**GOOD, "title": f"Fællesspisning {n}"}) for n in range(1, count + 1)]


def test_each_batch_is_indexed_once_as_a_rebuild_indexes_it(
    django_capture_on_commit_callbacks,
):
    # Creating a row and submitting it each asked for its indexing: every
    # document was written twice, half the import's time.
    from search.models import ArchiveDocument
    from search.services import archive_rebuild

    rows = [*_rows(4), (5, {**GOOD, "title": "Kladde", "status": "draft"})]
    table = connection.ops.quote_name(ArchiveDocument._meta.db_table)
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = inputs_import(rows=rows, batch_rows=2, between_batches=lambda: None)
    assert (result.created, result.errors) == (5, [])
    writes = [q for q in queries.captured_queries if f"INSERT INTO {table}" in q["sql"]]
    assert len(writes) == 2  # the draft's batch has nothing to index
    imported = index_rows(), vocabulary()
    assert len(imported[0]) == 4
    archive_rebuild()
    assert (index_rows(), vocabulary()) == imported


@pytest.mark.django_db(transaction=True)
def test_another_connection_writes_while_an_import_is_between_batches():
    # The whole file in one transaction held SQLite's write lock for
    # minutes: every save on the site waited 20 s and failed (outside
    # check, session 21). Between batches the import holds nothing.
    seen = []

    def other_writer():
        def write():
            try:
                with transaction.atomic():
                    Organisation.objects.filter(cvr=GOOD["organisation_cvr"]).update(
                        name="Arbejdernes Andels Boligforening"
                    )
                    seen.append(Input.objects.count())
            finally:
                connection.close()

        assert not connection.in_atomic_block
        thread = threading.Thread(target=write)
        thread.start()
        thread.join()

    result = inputs_import(rows=_rows(5), batch_rows=2, between_batches=other_writer)
    assert (result.created, result.errors) == (5, [])
    # The other connection wrote, and saw the batches already committed.
    assert seen == [2, 4]


def test_an_interrupted_import_is_run_again_without_duplicates():
    def interrupt():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        inputs_import(rows=_rows(5), batch_rows=2, between_batches=interrupt)
    assert Input.objects.count() == 2
    result = inputs_import(rows=_rows(5), batch_rows=2)
    assert (result.created, result.skipped) == (3, 2)
    assert Input.objects.count() == 5


def test_a_dry_run_writes_nothing_at_all():
    # It used to save every row and roll back: the write lock for the
    # whole file, on a dry run too.
    with CaptureQueriesContext(connection) as queries:
        result = inputs_import(rows=_rows(3), dry_run=True)
    assert (result.rows, result.errors) == (3, [])
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []


def _xlsx(path, columns, values):
    book = Workbook()
    sheet = book.active
    sheet.append(columns)
    sheet.append(values)
    book.save(path)
    return path


def test_an_unknown_column_is_an_error_with_a_suggestion(tmp_path, capsys):
    columns = [c if c != "contact_name" else "kontaktperson" for c in COLUMNS]
    row = {**GOOD, "kontaktperson": "Mette Nielsen"}
    path = _xlsx(tmp_path / "input.xlsx", columns, [row.get(c, "") for c in columns])
    with pytest.raises(CommandError, match="Intet er gemt"):
        run(path, "--dry-run")
    err = capsys.readouterr().err
    assert "Kolonnen »kontaktperson« kendes ikke. Mente du »contact_name«?" in err
    # A near miss of the column's own name is suggested too.
    columns = [c if c != "themes" else "theme" for c in COLUMNS]
    path = _xlsx(tmp_path / "input.xlsx", columns, [""] * len(columns))
    with pytest.raises(CommandError):
        run(path)
    assert "Mente du »themes«?" in capsys.readouterr().err
    assert not Input.objects.exists()


def test_missing_columns_are_named_before_any_row_is_read(tmp_path, capsys):
    path = tmp_path / "input.csv"
    path.write_text("foo;bar\n1;2\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run(path)
    err = capsys.readouterr().err
    assert "Filen mangler kolonnerne »organisation_cvr«, »title«." in err
    assert "Kolonnen »foo« kendes ikke." in err
    assert "Række" not in err


@pytest.mark.parametrize(
    "content", [b"", b"PK\x03\x04 truncated"], ids=["empty", "cut"]
)
def test_a_broken_spreadsheet_is_a_clear_error(tmp_path, capsys, content):
    path = tmp_path / "input.xlsx"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="Filen kan ikke importeres"):
        run(path)
    assert "Filen er ikke et gyldigt Excel-regneark" in capsys.readouterr().err


def test_a_truncated_spreadsheet_is_a_clear_error(tmp_path, capsys):
    whole = _xlsx(tmp_path / "whole.xlsx", COLUMNS, [GOOD.get(c, "") for c in COLUMNS])
    path = tmp_path / "input.xlsx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(CommandError):
        run(path)
    assert "Filen er ikke et gyldigt Excel-regneark" in capsys.readouterr().err


def test_a_csv_file_not_in_utf8_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "input.csv"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("cp1252"))
    with pytest.raises(CommandError):
        run(path)
    assert "Filen er ikke gemt som UTF-8" in capsys.readouterr().err


def test_every_error_of_a_row_is_reported():
    row = {
        **GOOD,
        "submitted_at": "1. august",
        "themes": "findes-ikke",
        "challenge": "Beboeren 010190-1234 er ensom.",
    }
    result = inputs_import(rows=[(2, row)])
    [(number, message)] = result.errors
    assert "submitted_at: skriv datoen som ÅÅÅÅ-MM-DD" in message
    assert "themes: ukendt findes-ikke" in message
    assert "indeholder et CPR-nummer" in message
    assert not Input.objects.exists()
