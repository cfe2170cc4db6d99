"""Year of birth and commune of residence on "my profile" (units.User, used by the dashboard)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.consultations.tests.conftest import make_user
from danvan.units.forms import ResidenceForm
from danvan.units.models import Unit, User
from danvan.units.services import user_residence_update

PROFILE = "units:profile"


@pytest.fixture
def person(db: None) -> User:
    return make_user("vuvanhai", "Vũ Văn Hải")


@pytest.fixture
def client_for(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_the_profile_offers_the_communes_grouped_by_province(
    client_for: Client, commune: Unit, ward: Unit, other_commune: Unit, agency: Unit
) -> None:
    # when
    response = client_for.get(reverse(PROFILE))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="birth_year"' in html
    assert '<optgroup label="Tỉnh Hưng Yên">' in html
    assert '<optgroup label="Thành phố Hà Nội">' in html
    assert f'<option value="{commune.pk}">Xã Khoái Châu</option>' in html
    assert f'value="{agency.pk}"' not in html  # an agency is no place of residence
    assert "VNeID" in html


def test_saving_the_profile_stores_both_and_audits_only_the_field_names(
    client_for: Client, person: User, commune: Unit
) -> None:
    # when
    response = client_for.post(
        reverse(PROFILE), {"birth_year": "1985", "home_unit": str(commune.pk)}
    )
    # then
    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.birth_year, person.home_unit) == (1985, commune)
    entry = AuditEntry.objects.get(verb="user.residence_update")
    assert entry.data == {"fields": ["birth_year", "home_unit"]}
    assert "1985" not in str(entry.data)


def test_saving_nothing_new_writes_nothing(person: User, commune: Unit) -> None:
    user_residence_update(user=person, birth_year=1985, home_unit=commune)
    assert user_residence_update(user=person, birth_year=1985, home_unit=commune) == []
    assert user_residence_update(user=person, birth_year=None, home_unit=commune) == ["birth_year"]
    assert AuditEntry.objects.filter(verb="user.residence_update").count() == 2


@pytest.mark.parametrize("year", ["1899", "2999", "năm"])
def test_a_wrong_year_is_refused_and_what_was_typed_stays(
    client_for: Client, person: User, year: str, commune: Unit
) -> None:
    # when
    response = client_for.post(reverse(PROFILE), {"birth_year": year, "home_unit": str(commune.pk)})
    # then
    html = response.content.decode()
    person.refresh_from_db()
    assert response.status_code == 400
    assert person.birth_year is None
    assert f'value="{year}"' in html
    assert f'<option value="{commune.pk}" selected>' in html
    assert 'class="errorlist' in html


def test_a_province_is_no_commune_of_residence(
    client_for: Client, person: User, province: Unit
) -> None:
    response = client_for.post(reverse(PROFILE), {"birth_year": "", "home_unit": str(province.pk)})
    assert response.status_code == 400
    person.refresh_from_db()
    assert person.home_unit is None


def test_both_may_be_left_empty(client_for: Client, person: User, commune: Unit) -> None:
    user_residence_update(user=person, birth_year=1970, home_unit=commune)
    response = client_for.post(reverse(PROFILE), {"birth_year": "", "home_unit": ""})
    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.birth_year, person.home_unit) == (None, None)


def test_the_model_refuses_what_the_form_would_refuse(person: User, province: Unit) -> None:
    person.birth_year = 1800
    person.home_unit = province
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert {"birth_year", "home_unit"} <= set(error.value.message_dict)


def test_the_form_knows_the_current_values(person: User, commune: Unit) -> None:
    form = ResidenceForm(initial={"birth_year": 1970, "home_unit": commune.pk})
    assert f'<option value="{commune.pk}" selected>' in str(form["home_unit"])


def test_the_commune_list_escapes_names(client_for: Client, province: Unit) -> None:
    # given: a name with markup in it (names come from the official list, but still)
    odd = Unit.objects.create(
        code="VN-33-99999", name='Xã <b>"Thử"</b> & Nghiệm', kind=Unit.Kind.COMMUNE, parent=province
    )
    # when
    html = client_for.get(reverse(PROFILE)).content.decode()
    # then
    assert (
        f'<option value="{odd.pk}">Xã &lt;b&gt;&quot;Thử&quot;&lt;/b&gt; &amp; Nghiệm</option>'
        in html
    )
    assert "<b>" not in html.split('name="home_unit"')[1].split("</select>")[0]
