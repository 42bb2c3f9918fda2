"""First view of every page type: at most 100 KB transferred and at most 10 requests."""

import pytest

from tests.pageweight import PAGE_TYPES, measure

pytestmark = pytest.mark.usefixtures("content")


@pytest.mark.parametrize("name,url", PAGE_TYPES)
def test_first_view_budget(client, name, url):
    weight = measure(url, client)
    assert weight["total"] <= 100 * 1024, weight
    assert weight["requests"] <= 10, weight
