"""The chain-step filter, shared by every list that can be narrowed to one step."""

import django_filters

from routekaart.versioning import cached_per_version
from stappen.models import Ketenstap


def stap_choices():
    """(nummer, "n. naam") of the published steps; cached per data version."""
    return cached_per_version(
        "choices:stap",
        lambda: [
            (n, f"{n}. {naam}")
            for n, naam in Ketenstap.objects.published().values_list("nummer", "naam")
        ],
    )


def stap_filter(field_name="stappen__nummer"):
    """The `stap` GET filter (number 1-7)."""
    return django_filters.ChoiceFilter(
        label="Ketenstap",
        field_name=field_name,
        choices=stap_choices,
        empty_label="Alle stappen",
    )
