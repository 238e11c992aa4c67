import pytest
from django import forms
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, PartnershipPage
from inputs.models import CallPage, CallQuestion
from tests.inputs.conftest import make_call


class TestCallPageTree(WagtailPageTestCase):
    def test_calls_sit_under_home_or_a_partnership_and_have_no_children(self):
        self.assertAllowedParentPageTypes(CallPage, {HomePage, PartnershipPage})
        self.assertAllowedSubpageTypes(CallPage, set())


@pytest.mark.django_db
def test_the_call_page_shows_intro_guidance_dates_and_a_login_link(client, demo_site):
    call = make_call(demo_site)
    html = client.get(call.url).content.decode()
    assert call.introduction in html
    assert "Skriv kort og konkret." in html
    assert "Åbner" in html and "Lukker" in html
    assert "Log ind for at sende input" in html


@pytest.mark.django_db
def test_every_question_type_becomes_a_form_field(demo_site):
    call = make_call(demo_site, questions=False)
    call.questions = [
        CallQuestion(label="Kort", field_type="singleline", required=True),
        CallQuestion(label="Lang", field_type="multiline", required=False),
        CallQuestion(label="Et valg", field_type="radio", choices="A\nB"),
        CallQuestion(label="Flere valg", field_type="checkboxes", choices="A\nB\nC"),
        CallQuestion(label="Ja eller nej", field_type="yesno"),
    ]
    call.save()
    fields = CallPage.objects.get(pk=call.pk).question_form_fields()
    assert list(fields) == ["kort", "lang", "et_valg", "flere_valg", "ja_eller_nej"]
    assert isinstance(fields["kort"], forms.CharField)
    assert isinstance(fields["lang"].widget, forms.Textarea)
    assert isinstance(fields["et_valg"].widget, forms.RadioSelect)
    assert isinstance(fields["flere_valg"], forms.MultipleChoiceField)
    assert [c for c, _ in fields["ja_eller_nej"].choices] == ["Ja", "Nej"]
    # Required only on submit (the input form decides), so drafts can be partial.
    assert not any(f.required for f in fields.values())
    assert fields["kort"].question_required and not fields["lang"].question_required
