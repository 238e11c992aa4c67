from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from inputs.models import Input, ModeratorDigest
from inputs.moderation.digest import moderator_digest_send

pytestmark = pytest.mark.django_db


def test_digest_lists_yesterdays_submissions_once_per_day(make_input, mod):
    yesterday = timezone.now() - timedelta(days=1)
    new = make_input(title="Nyt fra i går")
    old = make_input(title="Gammelt input")
    Input.objects.filter(pk=new.pk).update(submitted_at=yesterday)
    Input.objects.filter(pk=old.pk).update(submitted_at=yesterday - timedelta(days=3))
    mail.outbox.clear()
    assert moderator_digest_send() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [mod.email]
    assert "Nyt fra i går" in mail.outbox[0].body
    assert new.reference in mail.outbox[0].body
    assert "Gammelt input" not in mail.outbox[0].body
    # A second run the same day sends nothing.
    assert moderator_digest_send() is None
    assert len(mail.outbox) == 1
    assert ModeratorDigest.objects.count() == 1


def test_command_runs_the_task(make_input, mod):
    mail.outbox.clear()
    call_command("send_moderator_digest")
    assert ModeratorDigest.objects.filter(day=timezone.localdate()).exists()
    assert mail.outbox == []  # nothing new yesterday, so no e-mail


def test_a_moderator_without_a_second_factor_gets_no_digest(make_input, mod):
    """Staff rights need the second factor; a moderator who never set one up
    must not read by e-mail what their login cannot show them."""
    from django.contrib.auth.models import Group

    from portal.accounts.roles import Role
    from tests.factories import UserFactory

    no_totp = UserFactory(email="uden-kode@bl.example")
    no_totp.groups.add(Group.objects.get(name=Role.MODERATOR))
    new = make_input(title="Fortroligt nyt input")
    Input.objects.filter(pk=new.pk).update(
        submitted_at=timezone.now() - timedelta(days=1)
    )
    mail.outbox.clear()
    assert moderator_digest_send() == 1
    assert [m.to for m in mail.outbox] == [[mod.email]]
