"""routekaart.filtering.Select writes the HTML that Django's template-rendered Select does."""

import pytest
from django import forms

from routekaart.filtering import Select

CHOICES = [
    ("", "Alle soorten"),
    ("a&b", 'Naam met <tag> & "quotes"'),
    (3, "3. Adviezen"),
    ("Groep", [("x", "X"), ("y", "Y")]),
]


@pytest.mark.parametrize("value", [None, "", "a&b", "3", "y", "onbekend"])
@pytest.mark.parametrize(
    "attrs",
    [
        {},
        {"class": "utrecht-select", "aria-describedby": "id_x_helptext id_x_error"},
        {"id": "id_x", "required": True, "disabled": False, "data-x": '"<>'},
    ],
)
def test_same_html_as_django(value, attrs):
    ours = Select(attrs={"class": "base"}, choices=CHOICES).render("soort", value, attrs)
    django = forms.Select(attrs={"class": "base"}, choices=CHOICES).render("soort", value, attrs)
    assert ours == django


def test_a_bound_filter_field_marks_the_chosen_value_and_keeps_its_help_and_error():
    class Form(forms.Form):
        soort = forms.ChoiceField(
            choices=CHOICES, widget=Select, required=False, help_text="Kies een soort."
        )

    html = str(Form({"soort": "onbekend"})["soort"])
    assert 'aria-describedby="id_soort_helptext id_soort_error"' in html
    assert 'aria-invalid="true"' in html
    html = str(Form({"soort": "a&b"})["soort"])
    assert '<option value="a&amp;b" selected>' in html
    assert html.count(" selected") == 1
