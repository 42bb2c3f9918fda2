"""The HSDS API with 10,000 fictitious partners: valid objects and a pinned query budget."""

import io
import json
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Organisatie
from tests.hsds_schema import DETAIL, LIST_ITEM, errors

# Fuzzing and scale run once in CI, on SQLite (see .ci/run).
pytestmark = pytest.mark.once

API = "/api/hsds/"
# Queries of one uncached list page (per_page=100), whatever the number of partners:
# data version, count, page, and the prefetches of a light item. Pinned at 10,000.
LIST_QUERY_BUDGET = 4
DETAIL_QUERY_BUDGET = 16


@pytest.fixture(scope="module")
def many(_content_module, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("generate_fictitious_partners", count=10_000, stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("generate_fictitious_partners", delete=True, stdout=io.StringIO())


@pytest.fixture
def big(many, db):
    assert Organisatie.objects.published().count() >= 10_000


def _get(client, path, **params):
    response = client.get(API + path, params)
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def test_every_service_in_the_download_is_valid_hsds(client, big):
    services = _get(client, "download.json")["services"]
    assert len(services) == Organisatie.objects.published().count()
    bad = [(s["id"], errors(s, "service.json")) for s in services if errors(s, "service.json")]
    assert bad == []


def test_list_pages_and_details_are_valid_at_scale(client, big):
    for endpoint in LIST_ITEM:
        page = _get(client, endpoint, per_page=100, page=2 if endpoint == "services" else 1)
        assert errors(page, "page.json") == []
        for item in page["contents"]:
            assert errors(item, LIST_ITEM[endpoint]) == [], endpoint
        for item in page["contents"][:5]:
            assert errors(_get(client, f"{endpoint}/{item['id']}"), DETAIL[endpoint]) == []
    last = _get(client, "organizations", per_page=100, page=100)
    assert last["total_items"] >= 10_000 and last["size"] == 100


@pytest.mark.parametrize(
    "params",
    [{}, {"gemeente": "GM0344"}, {"regio": "VT20", "search": "voorbeeld"}, {"page": "50"}],
)
def test_a_list_page_at_10000_partners_stays_within_the_query_budget(client, big, params):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        data = _get(client, "services", per_page=100, **params)
        elapsed = time.perf_counter() - started
    assert data["size"] <= 100
    assert len(queries) <= LIST_QUERY_BUDGET, [q["sql"][:120] for q in queries]
    assert elapsed < 2.0


def test_a_detail_at_10000_partners_stays_within_the_query_budget(client, big):
    sid = _get(client, "services", gemeente="GM0344", per_page=1)["contents"][0]["id"]
    cache.clear()  # cold: the page cache and the service id index are both rebuilt
    with CaptureQueriesContext(connection) as queries:
        _get(client, f"services/{sid}")
    assert len(queries) <= DETAIL_QUERY_BUDGET, [q["sql"][:120] for q in queries]


def test_timings_for_docs(client, big):
    """Median of 15 uncached answers per URL; printed for docs/benchmarks.md (run with -s)."""
    urls = {
        "services, per_page=100": "services?per_page=100",
        "services, gemeente + per_page=100": "services?gemeente=GM0344&per_page=100",
        "services, regio + search": "services?regio=VT20&search=voorbeeld&per_page=100",
        "organizations, page 50": "organizations?per_page=100&page=50",
    }
    for name, url in urls.items():
        times = []
        for _ in range(15):
            cache.clear()
            started = time.perf_counter()
            assert client.get(API + url).status_code == 200
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        print(f"BENCH {connection.vendor} | {name} | {times[7]:.1f} ms | p95 {times[13]:.1f} ms")
        assert times[7] < 1000
