"""The DKFDS form markup (cms/templatetags/dkfds.py): each field's label,
hint and error are tied to its widget, and the error summary links to them."""

import re

import pytest
from django import forms
from django.template import Context, Template

from cms.templatetags.dkfds import crumb_trail


class ExampleForm(forms.Form):
    title = forms.CharField(label="Titel", help_text="Kort og sigende.")
    kind = forms.ChoiceField(
        label="Type",
        choices=[("a", "Udfordring"), ("b", "Løsning")],
        widget=forms.RadioSelect,
    )
    themes = forms.MultipleChoiceField(
        label="Temaer",
        choices=[("x", "Ensomhed"), ("y", "Familier")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipality = forms.ChoiceField(label="Kommune", choices=[("1", "Køge")])
    agree = forms.BooleanField(label="Jeg forstår", required=False)
    body = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        raise forms.ValidationError("Noget passer ikke sammen.")


def render(source: str, **context) -> str:
    return Template("{% load dkfds %}" + source).render(Context(context))


def test_a_text_field_has_label_hint_error_and_class():
    form = ExampleForm(data={"title": "", "kind": "a", "municipality": "1"})
    html = render("{% dkfds_field form.title %}", form=form)
    assert 'class="form-group form-error' in html
    assert '<label class="form-label" for="id_title">Titel</label>' in html
    assert '<span class="form-hint" id="id_title_helptext">' in html
    assert 'id="id_title_error"' in html
    widget = re.search(r"<input[^>]*>", html).group(0)
    assert 'class="form-input"' in widget
    assert 'aria-describedby="id_title_helptext id_title_error"' in widget
    assert 'aria-invalid="true"' in widget
    # Label, hint and error come before the widget, in that order.
    assert html.index("form-label") < html.index("form-hint") < html.index("<input")
    assert html.index("form-error-message") < html.index("<input")


def test_choices_are_a_fieldset_of_dkfds_radios_and_checkboxes():
    form = ExampleForm()
    radios = render("{% dkfds_field form.kind %}", form=form)
    assert '<legend class="form-label">Type</legend>' in radios
    assert radios.count('class="form-group-radio"') == 2
    assert radios.count('class="form-radio"') == 2
    assert '<label class="form-label" for="id_kind_1">Løsning</label>' in radios
    boxes = render("{% dkfds_field form.themes %}", form=form)
    assert boxes.count('class="form-group-checkbox"') == 2
    assert boxes.count('class="form-checkbox"') == 2


def test_select_checkbox_and_textarea_get_their_classes():
    form = ExampleForm()
    html = render(
        "{% dkfds_field form.municipality %}{% dkfds_field form.agree %}"
        "{% dkfds_field form.body %}",
        form=form,
    )
    assert re.search(r'<select[^>]*class="form-select"', html)
    assert re.search(r'<input type="checkbox"[^>]*class="form-checkbox"', html)
    assert re.search(r'<textarea[^>]*class="form-input"', html)
    # One checkbox: the box first, its label after it.
    assert html.index('id="id_agree"') < html.index('for="id_agree"')


def test_a_widget_keeps_its_own_classes():
    class Styled(forms.Form):
        code = forms.CharField(widget=forms.TextInput(attrs={"class": "mono"}))

    html = render("{% dkfds_field form.code %}", form=Styled())
    assert 'class="mono form-input"' in html


def test_the_error_summary_lists_every_error_linking_to_its_field():
    form = ExampleForm(data={"municipality": "1"})
    assert not form.is_valid()
    html = render('{% error_summary form "Ret fejlene." %}', form=form)
    assert 'role="alert"' in html and "Ret fejlene." in html
    assert "<li>Noget passer ikke sammen.</li>" in html
    assert 'href="#id_title"' in html and 'href="#id_body"' in html
    # A radio list has no single widget to label: the link goes to its group.
    assert 'href="#id_kind"' in html
    assert html.count("<li>") == len(form.errors["__all__"]) + 3


def test_no_summary_without_errors():
    assert "alert" not in render("{% error_summary form %}", form=ExampleForm())
    assert "alert" not in render("{% error_summary form %}", form=None)


def test_icons_are_decorative_unless_labelled():
    plain = render('{% icon "close" %}')
    assert 'aria-hidden="true"' in plain and "all-svg-icons.svg#close" in plain
    named = render('{% icon "error" "Fejl" "alert-icon" %}')
    assert 'role="img" aria-label="Fejl"' in named
    assert 'class="icon-svg alert-icon"' in named


def test_a_crumb_trail_pairs_addresses_and_titles():
    assert crumb_trail("/", "Forside", "/input/", "Vores input") == [
        ("/", "Forside"),
        ("/input/", "Vores input"),
    ]
    with pytest.raises(ValueError):
        crumb_trail("/", "Forside", "/input/")


def test_no_summary_where_allauth_passes_no_form():
    assert "alert" not in render("{% error_summary form %}", form="")


def test_a_choice_list_rendered_twice_gets_its_class_once():
    form = ExampleForm()
    render("{% dkfds_field form.kind %}", form=form)
    again = render("{% dkfds_field form.kind %}", form=form)
    assert 'class="form-radio form-radio"' not in again
    assert again.count('class="form-radio"') == 2


def test_each_summary_line_names_its_field():
    # The summary is read apart from the fields: "Dette felt er påkrævet."
    # three times says nothing about which three.
    form = ExampleForm(data={"municipality": "1"})
    form.is_valid()
    html = render("{% error_summary form %}", form=form)
    assert '<a class="function-link" href="#id_title">Titel: ' in html
    assert '<a class="function-link" href="#id_kind">Type: ' in html
    # An error that belongs to no field has no name to give.
    assert "<li>Noget passer ikke sammen.</li>" in html


def test_a_question_label_keeps_its_own_mark():
    class Asked(forms.Form):
        partner = forms.CharField(label="Samarbejder I med kommunen?")

    html = render("{% error_summary form %}", form=Asked(data={}))
    assert "Samarbejder I med kommunen? " in html
    assert "kommunen?:" not in html
