"""The glossary as a {term: full form} mapping, cached per data version."""

from django.core.cache import cache

from routekaart.versioning import data_version


def glossary() -> dict[str, str]:
    """Published glossary terms. One query per data version, then cached."""
    from routekaart.models import Begrip

    key = f"portal:glossary:{data_version()}"
    terms = cache.get(key)
    if terms is None:
        terms = dict(Begrip.objects.published().values_list("term", "voluit"))
        cache.set(key, terms, timeout=24 * 60 * 60)
    return terms
