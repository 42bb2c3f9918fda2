"""The chain-step filter, shared by every list that can be narrowed to one step, and the
filters of the overview of practice examples."""

import django_filters
from django.db.models import Q

from praktijken.filters import praktijk_choices
from routekaart.filtering import ChoiceFilter
from routekaart.versioning import cached_per_version
from stappen.models import Ketenstap, Praktijkvoorbeeld


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
    return ChoiceFilter(
        label="Ketenstap",
        field_name=field_name,
        choices=stap_choices,
        empty_label="Alle stappen",
    )


def plaats_choices():
    """(plaats, plaats) of the gemeenten and regions that published examples name."""
    return cached_per_version(
        "choices:voorbeeld-plaats",
        lambda: [
            (p, p)
            for p in Praktijkvoorbeeld.objects.published()
            .exclude(plaats="")
            .order_by("plaats")
            .values_list("plaats", flat=True)
            .distinct()
        ],
    )


class VoorbeeldFilter(django_filters.FilterSet):
    """Filters for the overview of practice examples; every value is a GET parameter.

    An example tagged with no practice applies to all practices (see
    StapOnderdeel.praktijken), so it stays in the list when one practice is chosen.
    """

    soort = ChoiceFilter(
        label="Soort", choices=Praktijkvoorbeeld.Soort.choices, empty_label="Alle soorten"
    )
    praktijk = ChoiceFilter(
        label="Praktijk",
        choices=praktijk_choices,
        empty_label="Alle praktijken",
        method="filter_praktijk",
    )
    stap = stap_filter()
    gemeente = ChoiceFilter(
        label="Gemeente of regio",
        field_name="plaats",
        choices=plaats_choices,
        empty_label="Alle gemeenten en regio's",
        help_text="Alleen gemeenten en regio's die in een voorbeeld worden genoemd.",
    )

    class Meta:
        model = Praktijkvoorbeeld
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        queryset = (
            Praktijkvoorbeeld.objects.published()
            .select_related("hoofdstuk")
            .prefetch_related("praktijken", "stappen")
            .order_by("hoofdstuk__volgorde", "sectie__volgorde", "volgorde", "slug")
        )
        super().__init__(data, *args, queryset=queryset, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")

    def filter_praktijk(self, queryset, name, value):
        return queryset.filter(Q(praktijken__slug=value) | Q(praktijken__isnull=True))

    @property
    def qs(self):
        return super().qs.distinct()
