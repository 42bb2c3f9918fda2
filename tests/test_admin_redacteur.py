"""One form makes a regional editor: the user, the role and the regions in one submit."""

import pytest
from django.contrib.auth import get_user_model

from partners.models import Redacteur
from partners.services import REGIONALE_REDACTIE, editor_regios
from tests.dutch import assert_dutch
from tests.factories_curation import PASSWORD, make_landelijk, make_regio, make_regionaal, make_user

pytestmark = pytest.mark.django_db

URL = "/beheer/auth/user/regionale-redacteur/"
User = get_user_model()


@pytest.fixture
def regios():
    return make_regio("Alfa")[0], make_regio("Beta")[0], make_regio("Gamma")[0]


@pytest.fixture
def superuser_client(client):
    client.force_login(make_user("root", superuser=True))
    return client


def data(chosen, **changes):
    values = {
        "username": "anna",
        "first_name": "Anna",
        "last_name": "de Vries",
        "email": "anna@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "regios": [r.pk for r in chosen],
    }
    values.update(changes)
    return values


def test_reachable_from_the_index_and_the_user_list(superuser_client, regios):
    for page in ("/beheer/", "/beheer/auth/user/", "/beheer/partners/redacteur/"):
        html = superuser_client.get(page).content.decode()
        assert f'href="{URL}"' in html and "Regionale redacteur toevoegen" in html
    response = superuser_client.get(URL)
    assert_dutch(response, "Gebruikersnaam", "Wachtwoord")
    html = response.content.decode()
    assert "Regionale redacteur toevoegen" in html and "Veilig Thuis Alfa" in html
    assert "/beheer/jsi18n/" in html  # the region picker's Dutch strings


def test_one_submit_makes_user_role_and_regions(superuser_client, regios):
    alfa, beta, _ = regios
    response = superuser_client.post(URL, data([alfa, beta]))
    assert response.status_code == 302
    user = User.objects.get(username="anna")
    assert user.is_staff and not user.is_superuser and user.is_active
    assert user.check_password(PASSWORD)
    assert user.get_full_name() == "Anna de Vries" and user.email == "anna@example.org"
    assert list(user.groups.values_list("name", flat=True)) == [REGIONALE_REDACTIE]
    assert set(user.redacteur.regios.all()) == {alfa, beta}
    assert sorted(editor_regios(user)) == sorted([alfa.pk, beta.pk])
    html = superuser_client.get(response.url).content.decode()
    assert "anna" in html and "Veilig Thuis Alfa" in html
    # The new editor enters the admin and sees only the own regions.
    superuser_client.force_login(user)
    html = superuser_client.get("/beheer/").content.decode()
    assert "Veilig Thuis Alfa" in html and "Veilig Thuis Gamma" not in html


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"password1": "kort", "password2": "kort"}, "password2", "Dit wachtwoord is te kort"),
        ({"password2": "iets-anders-dan-het-eerste-1"}, "password2", "komen niet overeen"),
        (
            {"password1": "1234567890123456", "password2": "1234567890123456"},
            "password2",
            "cijfers",
        ),
        ({"regios": []}, "regios", "Kies minstens één Veilig Thuis-regio"),
        ({"regios": ["999999"]}, "regios", "bestaat niet"),
        ({"regios": ["abc"]}, "regios", "geen geldige"),
        ({"username": ""}, "username", "Dit veld is verplicht"),
        ({"username": "root"}, "username", "bestaat al"),
        ({"username": "met spatie"}, "username", "gebruikersnaam"),
        ({"email": "geen-adres"}, "email", "e-mailadres"),
    ],
)
def test_bad_input_gives_form_errors(superuser_client, regios, changes, field, message):
    response = superuser_client.post(URL, data(regios[:1], **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    assert "errornote" in response.content.decode()
    assert not User.objects.filter(username="anna").exists()
    assert Redacteur.objects.count() == 0


def test_a_password_like_the_username_is_refused(superuser_client, regios):
    word = "annadevriesxyz1"
    response = superuser_client.post(
        URL, data(regios[:1], username=word, password1=word, password2=word)
    )
    assert "lijkt te veel op de gebruikersnaam" in " ".join(
        response.context["form"].errors["password2"]
    )


@pytest.mark.parametrize("who", ["regionaal", "landelijk"])
def test_editors_cannot_make_editors_not_even_by_a_forged_post(client, regios, who):
    editor = make_regionaal([regios[0]], "regio-a") if who == "regionaal" else make_landelijk()
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Alleen beheerders" in response.content.decode()
    response = client.post(URL, data(regios))
    assert response.status_code == 403
    assert not User.objects.filter(username="anna").exists()
    assert "Regionale redacteur toevoegen" not in client.get("/beheer/").content.decode()


def test_anonymous_is_sent_to_the_login(client, regios):
    response = client.post(URL, data(regios))
    assert response.status_code == 302 and "/beheer/login/" in response.url
    assert not User.objects.filter(username="anna").exists()
