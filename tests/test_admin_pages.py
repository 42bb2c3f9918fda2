"""Every admin page for every curated model renders, in Dutch, with the real content."""

import re

import pytest
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from routekaart.changes import curated_models
from tests.factories_curation import make_contact, make_landelijk, make_user, make_voorziening

pytestmark = pytest.mark.usefixtures("content")


@pytest.fixture
def superuser_client(client):
    client.force_login(make_user("root", superuser=True))
    return client


def admin_url(model, view, *args):
    from django.urls import reverse

    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


CURATED = [m for m in curated_models() if m in admin.site._registry]


def test_every_content_and_partner_model_is_in_the_admin():
    expected = {
        "hoofdstuk",
        "sectie",
        "kader",
        "bron",
        "begrip",
        "praktijk",
        "verschijningsvorm",
        "cijfer",
        "verhaal",
        "ketenstap",
        "aandachtspunt",
        "praktijkvoorbeeld",
        "citaat",
        "organisatietype",
        "gemeente",
        "veiligthuisregio",
        "veiligheidsregio",
        "provincie",
        "organisatie",
        "contactpersoon",
        "voorziening",
        "redacteur",
    }
    assert expected <= {m._meta.model_name for m in CURATED}
    for model in CURATED:
        if hasattr(model, "history"):
            assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model


# Counted or made by the site itself: editors never add these (a zelfscan exists per region,
# its items follow the routekaart).
READ_ONLY = {"zoekstatistiek", "zelfscan", "beoordeling"}


@pytest.mark.parametrize("model", CURATED, ids=lambda m: m._meta.label)
def test_admin_pages_render(superuser_client, model):
    first = model._default_manager.order_by("pk").first()
    if model._meta.model_name == "contactpersoon":
        from partners.models import Organisatie

        first = make_contact(Organisatie.objects.first())
    if model._meta.model_name == "voorziening" and first is None:
        from partners.models import Organisatie

        first = make_voorziening(Organisatie.objects.first())
    if model._meta.app_label == "zelfscan" and first is None:
        from partners.models import VeiligThuisRegio
        from zelfscan.services import scan_for_editing

        scan_for_editing(VeiligThuisRegio.objects.first())
        first = model._default_manager.order_by("pk").first()
    urls = [admin_url(model, "changelist")]
    if model._meta.model_name in READ_ONLY:
        assert superuser_client.get(admin_url(model, "add")).status_code == 403
    else:
        urls.append(admin_url(model, "add"))
    if first is not None:
        urls.append(admin_url(model, "change", first.pk))
        if hasattr(model, "history"):
            urls.append(admin_url(model, "history", first.pk))
    for url in urls:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert 'lang="nl"' in html


def test_changelist_search_and_filters(superuser_client):
    from partners.models import Organisatie

    url = admin_url(Organisatie, "changelist")
    for query in (
        "q=fier",
        "regio=VT20",
        "actualiteit=te-controleren",
        "niveau=landelijk",
        "status=gepubliceerd",
        "type__id__exact=1",
        "praktijken__id__exact=1",
    ):
        assert superuser_client.get(f"{url}?{query}").status_code == 200, query
    assert "Fier" in superuser_client.get(f"{url}?q=fier").content.decode()
    html = superuser_client.get(f"{url}?regio=VT20").content.decode()
    assert "Veilig Thuis Utrecht" in html and "Fier" not in html


def test_start_page_for_the_national_editors(client, django_assert_max_num_queries):
    client.force_login(make_landelijk())
    client.get("/beheer/")
    with django_assert_max_num_queries(20):
        response = client.get("/beheer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Te controleren" in html and "Veilig Thuis Utrecht" in html and "Landelijk" in html
