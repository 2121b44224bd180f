"""The shared form elements (common.forms, common.rows) as the pages and the API send to them."""

from django import forms
from django.http import QueryDict
from viewflow.forms import FieldSet, Row

from common.forms import PageLayout, SearchSelectMultiple
from common.rows import RowColumn, RowsField

COLUMNS = [
    RowColumn("criterion", "Критерий", required=True),
    RowColumn("score", "Балл", kind="number"),
    RowColumn("remark", "Примечание", max_length=10),
]


class Criteria(forms.Form):
    criteria = RowsField(columns=COLUMNS, required=False)


def test_rows_are_read_from_the_page_in_the_order_of_their_indexes():
    page = QueryDict(mutable=True)
    # A row added later on the page has a larger index; one removed leaves a gap.
    page.update({"criteria-1001-criterion": "Логика", "criteria-1001-score": "4"})
    page.update({"criteria-0-criterion": "ФГОС", "criteria-0-score": "5,5"})
    page.update({"criteria-2-criterion": " ", "criteria-2-score": ""})  # left empty: no row
    form = Criteria(page)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["criteria"] == [
        {"criterion": "ФГОС", "score": "5,5", "remark": ""},
        {"criterion": "Логика", "score": "4", "remark": ""},
    ]


def test_an_api_client_sends_the_list_or_its_json():
    rows = [{"criterion": "ФГОС", "score": 5}]
    assert Criteria({"criteria": rows}).is_valid()
    form = Criteria({"criteria": '[{"criterion": "ФГОС"}]'})
    assert form.is_valid() and form.cleaned_data["criteria"][0]["criterion"] == "ФГОС"
    for bad in ({"criterion": "ФГОС"}, "[1", [5]):
        assert not Criteria({"criteria": bad}).is_valid(), bad


def test_errors_name_the_row_and_the_column():
    form = Criteria(
        {
            "criteria-0-criterion": "ФГОС",
            "criteria-0-score": "хорошо",
            "criteria-1-score": "3",
            "criteria-2-criterion": "Логика",
            "criteria-2-remark": "слишком длинное примечание",
        }
    )
    assert not form.is_valid()
    assert form.errors["criteria"] == [
        "Строка 1: «Балл» — должно быть число.",
        "Строка 2: заполните «Критерий».",
        "Строка 3: «Примечание» длиннее 10 знаков.",
    ]


def test_a_required_table_needs_a_row_and_single_gives_strings():
    class Items(forms.Form):
        items = RowsField(columns=[RowColumn("text", "Пункт", required=True)], single=True)

    assert "items" in Items({"items-0-text": "  "}).errors
    form = Items({"items-0-text": "Провести.", "items-1-text": "Утвердить."})
    assert form.is_valid() and form.cleaned_data["items"] == ["Провести.", "Утвердить."]


def test_the_rows_render_with_a_template_row_and_the_values_sent():
    html = str(Criteria({"criteria-0-criterion": 'ФГОС "x"<b>'})["criteria"])
    # Typed text stays inside its attribute: quotes escaped, no markup made of it.
    assert 'name="criteria-0-criterion" type="text" value="ФГОС &quot;x&quot;' in html
    assert "<b>" not in html
    assert "<template>" in html and 'name="criteria-__i__-score"' in html


class People(forms.Form):
    title = forms.CharField()
    experts = forms.MultipleChoiceField(
        choices=[("1", "Иванова"), ("2", "Петрова")], widget=SearchSelectMultiple
    )
    note = forms.CharField(required=False)
    layout = PageLayout(FieldSet("Эксперты", "experts", "missing"), Row("title"))


def test_the_layout_leaves_out_what_the_form_lacks_and_keeps_what_it_does_not_name():
    html = PageLayout.render(People.layout, People({"experts": ["2"]}))
    assert 'name="title"' in html and 'name="note"' in html  # «note» is not in the layout
    assert html.index('name="experts"') < html.index('name="title"') < html.index('name="note"')
    # The chosen person is a chip with its hidden value; both are offered to type.
    assert 'class="rg-chip" data-value="2">Петрова' in html
    assert '<input type="hidden" name="experts" value="2">' in html
    assert html.count("<option value=") == 2


def test_a_required_material_select_sends_its_first_choice_as_a_browser_select_does():
    class Kind(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "А"), ("b", "Б")])
        other = forms.ChoiceField(choices=[("", "—"), ("b", "Б")], required=False)

    html = PageLayout().render(Kind())
    assert '<vf-field-select id="id_kind" name="kind" value="a"' in html
    assert 'name="other" value=""' in html or 'name="other" label' in html
