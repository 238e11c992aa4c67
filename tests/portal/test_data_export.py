"""“Mine data”: the ZIP holds the person's data and no one else's."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.log_actions import log

from inputs.attachments import PDF, CheckedFile
from inputs.services import input_transition
from inputs.services.submission import attachments_add
from portal.organisations.models import Invitation, JoinRequest, Membership
from search.models import SavedSearch
from tests.factories import InputFactory, OrganisationFactory, log_in, member_of
from tests.inputs.files import PDF_BYTES

pytestmark = pytest.mark.django_db

URL = reverse("accounts:data_export")


def give_data(user, organisation, n=1, tag=""):
    """n inputs (submitted, so with a revision), each with an attachment,
    and n saved searches, a join request and an invitation."""
    for i in range(n):
        input = InputFactory(
            organisation=organisation,
            author=user,
            title=f"Input {tag}{i}",
            contact_name=f"Kontakt {tag}{i}",
            answers={"q": {"label": "Spørgsmål", "value": f"Svar {tag}{i}"}},
        )
        input_transition(input=input, action="submit", user=user)
        attachments_add(
            input=input,
            user=user,
            files=[
                CheckedFile(f"notat-{tag}{i}.pdf", PDF, ContentFile(PDF_BYTES + b"x"))
            ],
        )
        SavedSearch.objects.create(
            user=user, name=f"Søgning {tag}{i}", query_string=f"q={tag}{i}"
        )
    JoinRequest.objects.create(
        user=user, organisation=OrganisationFactory(), message=f"Hej {tag}"
    )
    Invitation.objects.create(email=user.email.upper(), organisation=organisation)


def download(client, user) -> zipfile.ZipFile:
    log_in(client, user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def read(archive, name):
    return json.loads(archive.read(name).decode("utf-8"))


@pytest.fixture
def two_members(db):
    organisation = OrganisationFactory(name="Boligforeningen Solhjem")
    me = member_of(
        organisation,
        Membership.Role.ADMIN,
        email="karen@solhjem.dk",
        first_name="Karen",
        last_name="Ærø",
    )
    other = member_of(organisation, email="ole@solhjem.dk", first_name="Ole")
    give_data(me, organisation, tag="mine-")
    give_data(other, organisation, tag="andres-")
    return me, other


def test_the_zip_holds_my_data_and_not_another_persons(client, two_members):
    me, other = two_members
    TOTP.activate(me, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    log(instance=me, action="wagtail.edit", user=other)  # someone acted on me

    archive = download(client, me)

    names = set(archive.namelist())
    assert {
        "README.txt",
        "konto.json",
        "medlemskaber.json",
        "anmodninger_om_medlemskab.json",
        "invitationer.json",
        "input.json",
        "bilag.json",
        "gemte_soegninger.json",
        "log.json",
    } <= names
    account = read(archive, "konto.json")
    assert account["email"] == "karen@solhjem.dk"
    assert account["last_name"] == "Ærø"
    assert account["two_factor"] == {"totp": True, "recovery_codes": False}
    assert "Organisationsadministrator" in account["roles"]
    assert read(archive, "medlemskaber.json")["organisations"][0]["role"] == "admin"
    (input,) = read(archive, "input.json")
    assert input["title"] == "Input mine-0"
    assert input["answers"]["q"]["value"] == "Svar mine-0"
    assert input["revisions"][0]["by_you"] is True
    assert input["revisions"][0]["content"]["title"] == "Input mine-0"
    (attachment,) = read(archive, "bilag.json")
    assert archive.read(attachment["file"]) == PDF_BYTES + b"x"
    assert [s["name"] for s in read(archive, "gemte_soegninger.json")] == [
        "Søgning mine-0"
    ]
    assert read(archive, "anmodninger_om_medlemskab.json")[0]["message"] == "Hej mine-"
    assert read(archive, "invitationer.json")[0]["to"] == "Boligforeningen Solhjem"
    entries = read(archive, "log.json")
    assert any(e["action"] == "inputs.submit" and e["by_you"] for e in entries)
    assert any(e["action"] == "wagtail.edit" and not e["by_you"] for e in entries)
    readme = archive.read("README.txt").decode("utf-8")
    assert "konto.json" in readme and "Karen Ærø" in readme

    everything = b"".join(archive.read(name) for name in names).decode(
        "utf-8", errors="replace"
    )
    for foreign in ("andres-", "ole@solhjem.dk", "Ole", "JBSWY3DP", "pbkdf2"):
        assert foreign not in everything
    assert "password" not in account and "secret" not in json.dumps(account)


def test_an_address_claimed_but_never_verified_shows_no_invitation(client, two_members):
    # Anyone may add any address to their account: an invitation to it is
    # not theirs until they verify it (attacker check).
    me, _ = two_members
    EmailAddress.objects.create(user=me, email="ny.kollega@aab.dk", verified=False)
    Invitation.objects.create(
        email="ny.kollega@aab.dk", organisation=OrganisationFactory(name="AAB")
    )
    invitations = read(download(client, me), "invitationer.json")
    assert [i["to"] for i in invitations] == ["Boligforeningen Solhjem"]


def test_another_person_downloads_only_their_own(client, two_members):
    me, other = two_members
    archive = download(client, other)
    text = b"".join(archive.read(n) for n in archive.namelist()).decode(
        "utf-8", errors="replace"
    )
    assert "andres-0" in text
    assert "mine-0" not in text and "karen@solhjem.dk" not in text


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    few = member_of(organisation)
    many = member_of(organisation)
    give_data(few, organisation, n=1)
    give_data(many, organisation, n=6)
    counts = []
    for user in (few, many):
        log_in(client, user)
        # Both requests start alike: the content types are looked up once per
        # process, by whichever request comes first (alone, or on a test
        # worker, that was this test's first).
        ContentType.objects.clear_cache()
        with django_assert_max_num_queries(40) as captured:
            response = client.get(URL)
            b"".join(response.streaming_content)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_account_pages_link_to_it(client, two_members):
    me, _ = two_members
    log_in(client, me)
    for name in ("accounts:my_account", "account_email", "account_change_password"):
        page = client.get(reverse(name)).content.decode()
        assert URL in page and "Hent mine data" in page
        assert reverse("accounts:delete") in page
