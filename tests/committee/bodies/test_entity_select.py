"""The list of States and organizations, written out directly rather than option by option through templates."""

import pytest
from django import forms

from committee.bodies.forms import EntityChoiceField
from committee.bodies.models import Entity

pytestmark = pytest.mark.django_db


class ChooseOne(forms.Form):
    entity = EntityChoiceField(label="State or organization")


@pytest.mark.usefixtures("countries")
def test_it_lists_every_entity_by_name_with_the_chosen_one_selected_and_names_escaped():
    odd = Entity.objects.create(
        code="ODD", kind=Entity.Kind.ORGANIZATION, organization_type="igo", name={"en": 'Tests & "Trials" <Ltd>'}
    )
    france = Entity.objects.get(code="FRA")

    html = str(ChooseOne(initial={"entity": france.pk})["entity"])

    assert html.startswith('<select data-searchable="Type to filter the list" id="id_entity" name="entity" required>')
    assert f'<option value="{france.pk}" selected>France</option>' in html
    assert f'<option value="{odd.pk}">Tests &amp; &quot;Trials&quot; &lt;Ltd&gt;</option>' in html
    assert html.count("<option") == Entity.objects.count() + 1  # and the empty choice
    assert html.count(" selected") == 1
