"""The glossary as a {term: full form} mapping, cached per data version."""

from routekaart.models import Begrip
from routekaart.versioning import cached_per_version


def glossary() -> dict[str, str]:
    """Published glossary terms. One query per data version, then cached."""
    return cached_per_version(
        "glossary", lambda: dict(Begrip.objects.published().values_list("term", "voluit"))
    )
