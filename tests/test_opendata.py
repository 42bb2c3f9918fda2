"""The HSDS 3.0 API at /api/hsds/: conformance, mapping, filters, errors, conventions."""

import json

import pytest
from django.test import Client

from partners.models import Contactpersoon, Gemeente, Organisatie
from praktijken.models import Praktijk
from routekaart.versioning import bump_data_version
from tests.factories_curation import make_contact, make_voorziening
from tests.hsds_schema import DETAIL, LIST_ITEM, errors

pytestmark = pytest.mark.usefixtures("content")

API = "/api/hsds/"
ENDPOINTS = list(LIST_ITEM)


def get(client, path, status=200, **params):
    response = client.get(API + path, params)
    assert response.status_code == status, (path, params, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def every_item(client, endpoint):
    items, page = [], 1
    while True:
        data = get(client, endpoint, page=page, per_page=100)
        assert errors(data, "page.json") == []
        items += data["contents"]
        if data["last_page"]:
            return items
        page += 1


@pytest.fixture
def extra(content):
    """A facility with a public and one with a confidential address, and contact persons."""
    org = Organisatie.objects.get(slug="veilig-thuis-utrecht")
    make_voorziening(
        org, naam="Inloop", adres="Openbaarstraat 5, Utrecht", adres_vertrouwelijk=False
    )
    make_voorziening(org, naam="Opvang", adres="Geheimstraat 1, Utrecht", adres_vertrouwelijk=True)
    make_contact(org, naam="Publieke Persoon", zichtbaarheid=Contactpersoon.Zichtbaarheid.PUBLIEK)
    make_contact(org, naam="Verborgen Persoon", telefoon="030-111 22 33")
    make_contact(
        org, naam="Professional Persoon", zichtbaarheid=Contactpersoon.Zichtbaarheid.PROFESSIONALS
    )
    bump_data_version()
    return org


def test_root_names_version_profile_and_openapi(client):
    data = get(client, "")
    assert data["version"] == "3.0"
    assert errors(data, "root.json") == []
    assert client.get(data["openapi_url"]).status_code == 200
    assert client.get(data["profile"]).status_code == 200


def test_every_object_of_every_endpoint_is_valid_hsds(client, extra):
    for endpoint in ENDPOINTS:
        items = every_item(client, endpoint)
        assert items, endpoint
        for item in items:
            assert errors(item, LIST_ITEM[endpoint]) == [], (endpoint, item["id"])
            detail = get(client, f"{endpoint}/{item['id']}")
            assert errors(detail, DETAIL[endpoint]) == [], (endpoint, item["id"])


def test_the_strict_validator_rejects_keys_hsds_does_not_define(client, extra):
    detail = get(client, f"services/{every_item(client, 'services')[0]['id']}")
    assert errors(detail, "service.json") == []
    detail["gemeente_code"] = "GM0344"
    assert any("gemeente_code" in e for e in errors(detail, "service.json"))
    assert errors({**detail, "id": "geen-uuid"}, "service.json", strict=False)


def _all_text(client):
    parts = [client.get(API + "download.json").content.decode()]
    for endpoint in ENDPOINTS:
        for item in every_item(client, endpoint):
            parts.append(client.get(f"{API}{endpoint}/{item['id']}").content.decode())
    return "\n".join(parts)


def test_confidential_addresses_and_hidden_contacts_appear_nowhere(client, extra):
    text = _all_text(client)
    assert "Geheimstraat" not in text and 'Opvang"' not in text
    assert "Verborgen Persoon" not in text and "030-111 22 33" not in text
    assert "Professional Persoon" not in text
    assert "Openbaarstraat 5" in text and "Publieke Persoon" in text
    locations = every_item(client, "service_at_locations")
    assert [sal["location"]["name"] for sal in locations] == ["Inloop"]


def test_stable_ids_are_the_stored_uuids(client, extra):
    org = get(client, "organizations", search="Veilig Thuis Utrecht")["contents"][0]
    assert org["id"] == str(extra.uuid)
    service = get(client, "services", organization_id=org["id"])["contents"]
    assert len(service) == 1 and service[0]["organization_id"] == org["id"]
    assert get(client, f"services/{service[0]['id']}")["id"] == service[0]["id"]


def test_national_service_covers_the_country_regional_lists_gemeenten(client, extra):
    national = Organisatie.objects.national().first()
    sid = get(client, "services", organization_id=str(national.uuid))["contents"][0]["id"]
    areas = get(client, f"services/{sid}")["service_areas"]
    assert [a["name"] for a in areas] == ["Nederland"]
    sid = get(client, "services", organization_id=str(extra.uuid))["contents"][0]["id"]
    areas = get(client, f"services/{sid}")["service_areas"]
    expected = set(
        Gemeente.objects.filter(veilig_thuis_regio__code="VT20").values_list("code", flat=True)
    )
    assert {a["extent"] for a in areas} == expected and len(areas) == len(expected)
    assert all(a["extent"] in a["description"] for a in areas)


def test_practices_and_chain_steps_are_two_taxonomies(client):
    names = {t["name"] for t in get(client, "taxonomies")["contents"]}
    assert {"Schadelijke praktijken", "Ketenstappen"} <= names
    for name, count in (("Schadelijke praktijken", 4), ("Ketenstappen", 7)):
        tid = next(t["id"] for t in get(client, "taxonomies")["contents"] if t["name"] == name)
        assert get(client, "taxonomy_terms", taxonomy_id=tid, per_page=100)["total_items"] == count


def test_phones_also_in_international_format(client, extra):
    sid = get(client, "services", organization_id=str(extra.uuid))["contents"][0]["id"]
    numbers = [p["number"] for p in get(client, f"services/{sid}")["phones"]]
    assert numbers == ["0800-2000", "+318002000"]


def test_veilig_thuis_is_24_7_because_the_source_says_so_others_stay_unknown(client, extra):
    sid = get(client, "services", organization_id=str(extra.uuid))["contents"][0]["id"]
    schedule = get(client, f"services/{sid}")["schedules"]
    assert schedule[0]["byday"] == "MO,TU,WE,TH,FR,SA,SU" and "24/7" in schedule[0]["description"]
    national = Organisatie.objects.national().filter(altijd_bereikbaar__isnull=True).first()
    sid = get(client, "services", organization_id=str(national.uuid))["contents"][0]["id"]
    service = get(client, f"services/{sid}")
    assert service["schedules"] == [] and service["languages"] == []
    assert not any(
        a["taxonomy_term"]["taxonomy"] == "Bereikbaarheid" for a in service["attributes"]
    )


def test_known_reachability_is_published_as_attributes_and_languages(client, extra):
    extra.anoniem_mogelijk, extra.helpt_in_buitenland, extra.talen = True, False, "nl, en"
    extra.save()
    sid = get(client, "services", organization_id=str(extra.uuid))["contents"][0]["id"]
    service = get(client, f"services/{sid}")
    assert [lang["code"] for lang in service["languages"]] == ["nl", "en"]
    values = {
        a["taxonomy_term"]["code"]: a["value"]
        for a in service["attributes"]
        if a["taxonomy_term"]["taxonomy"] == "Bereikbaarheid"
    }
    assert values == {"anoniem_mogelijk": "true", "helpt_in_buitenland": "false"}


def test_filters_combine_with_and(client, extra):
    total = get(client, "services")["total_items"]
    in_utrecht = get(client, "services", gemeente="GM0344")["total_items"]
    assert 0 < in_utrecht < total
    assert get(client, "services", regio="VT20")["total_items"] >= in_utrecht
    vgv = mapping_term_id("praktijken", "vgv")
    both = get(client, "services", gemeente="GM0344", taxonomy_term_id=vgv)["total_items"]
    only_vgv = get(client, "services", taxonomy_term_id=vgv)["total_items"]
    assert both <= min(in_utrecht, only_vgv)
    expected = (
        Organisatie.objects.published()
        .filter(
            pk__in=Organisatie.objects.for_gemeente(Gemeente.objects.get(code="GM0344")).values(
                "pk"
            ),
            praktijken__slug="vgv",
        )
        .distinct()
        .count()
    )
    assert both == expected
    found = get(client, "services", search="Veilig Thuis Utrecht", gemeente="GM0344")
    assert [s["name"] for s in found["contents"]] == ["Veilig Thuis Utrecht"]
    assert get(client, "services", search="Veilig Thuis Utrecht", gemeente="GM0363")["empty"]


def test_modified_after_returns_only_later_changes(client, extra):
    extra.save()
    since = extra.gewijzigd_op.isoformat()
    assert get(client, "services", modified_after=since)["total_items"] == 0
    assert get(client, "services", modified_after="2000-01-01")["total_items"] > 0


def mapping_term_id(taxonomy, slug):
    terms = get(Client(), "taxonomy_terms", per_page=100)["contents"]
    return next(t["id"] for t in terms if t["code"] == slug and t["taxonomy"] != "Ketenstappen")


@pytest.mark.parametrize(
    "params",
    [
        {"per_page": "abc"},
        {"page": "-1"},
        {"page": "0"},
        {"per_page": "100000"},
        {"modified_after": "notadate"},
        {"gemeente": "GM9999"},
        {"regio": "VT99"},
        {"taxonomy_term_id": "not-a-uuid"},
        {"taxonomy_id": "00000000-0000-0000-0000-000000000000"},
        {"onbekend": "1"},
    ],
)
def test_bad_parameters_are_a_400_with_a_message(client, params):
    data = get(client, "services", status=400, **params)
    assert data["error"]["status"] == 400 and " / " in data["error"]["message"]


@pytest.mark.parametrize(
    "path",
    [
        "services/00000000-0000-0000-0000-000000000000",
        "services/geen-uuid",
        "organizations/00000000-0000-0000-0000-000000000000",
        "service_at_locations/00000000-0000-0000-0000-000000000000",
        "taxonomies/x",
        "taxonomy_terms/00000000-0000-0000-0000-000000000000",
        "bestaat-niet",
    ],
)
def test_unknown_ids_are_a_json_404(client, path):
    assert get(client, path, status=404)["error"]["status"] == 404


def test_open_data_conventions(client):
    response = client.get(API + "services")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "license" in response["Link"]
    assert not response.cookies
    assert "Access-Control-Allow-Origin" not in client.get("/partners/")
    assert client.head(API + "services").status_code == 200
    for method in (client.post, client.put, client.delete):
        response = method(API + "services")
        assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
        assert response["Access-Control-Allow-Origin"] == "*"


def test_etag_and_data_version_caching(client):
    first = client.get(API + "services")
    etag = first["ETag"]
    again = client.get(API + "services", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"
    Praktijk.objects.first().save()
    bump_data_version()
    assert client.get(API + "services", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_download_holds_every_service_and_follows_the_data_version(client, extra):
    response = client.get(API + "download.json")
    data = json.loads(response.content)
    assert "attachment" in response["Content-Disposition"]
    assert len(data["services"]) == Organisatie.objects.published().count()
    for service in data["services"][:50]:
        assert errors(service, "service.json") == []
        assert service["organization"]["id"] == service["organization_id"]
    extra.naam = "Veilig Thuis Utrecht (nieuw)"
    extra.save()
    bump_data_version()
    data = json.loads(client.get(API + "download.json").content)
    assert "Veilig Thuis Utrecht (nieuw)" in {s["name"] for s in data["services"]}


def test_open_data_page_explains_api_licence_and_mapping(client):
    html = client.get("/open-data/").content.decode()
    for text in ("HSDS", "CC BY 4.0", "CBS-code", "geheim adres", "/api/hsds/services"):
        assert text in html


def test_served_openapi_is_self_contained_with_the_profile_additions(client):
    doc = get(client, "openapi.json")
    assert "raw.githubusercontent.com" not in json.dumps(doc)
    params = [p.get("$ref") for p in doc["paths"]["/services"]["get"]["parameters"]]
    assert "#/components/parameters/gemeente" in params
    assert "#/components/parameters/regio" in params
    assert "#/components/parameters/postcode" not in params
    assert "/download.json" in doc["paths"] and "service" in doc["components"]["schemas"]
    assert doc["info"]["license"]["name"] == "CC BY 4.0"
    assert doc["servers"] == [{"url": "/api/hsds"}]
