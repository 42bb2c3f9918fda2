"""The lockout page (django-axes, HTTP 429) carries the portal's admin branding and a way back."""

import pytest

from routekaart.admin_site import PortalAdminSite
from tests.factories_curation import make_landelijk

pytestmark = pytest.mark.django_db

LOGIN = "/beheer/login/"


def test_lockout_page_has_the_portal_branding_and_a_link_back_to_the_login(client):
    make_landelijk("rosa")
    for _ in range(5):
        response = client.post(
            LOGIN, {"username": "rosa", "password": "fout-wachtwoord-van-vijftien"}
        )
    assert response.status_code == 429
    html = response.content.decode()
    assert PortalAdminSite.site_header in html
    assert "Django-beheer" not in html and "Django administration" not in html
    assert f'href="{LOGIN}"' in html
    assert "Terug naar inloggen" in html
