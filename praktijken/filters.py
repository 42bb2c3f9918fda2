"""The practice filter, shared by every list that can be narrowed to one practice."""

from praktijken.models import Praktijk
from routekaart.filtering import ChoiceFilter
from routekaart.versioning import cached_per_version


def praktijk_choices():
    """(slug, naam) of the published practices; cached per data version."""
    return cached_per_version(
        "choices:praktijk",
        lambda: list(Praktijk.objects.published().values_list("slug", "naam")),
    )


def praktijk_filter(field_name="praktijken__slug"):
    """The `praktijk` GET filter (slug)."""
    return ChoiceFilter(
        label="Praktijk",
        field_name=field_name,
        choices=praktijk_choices,
        empty_label="Alle praktijken",
    )
