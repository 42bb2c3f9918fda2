import django_filters

from routekaart.choices import praktijk_choices, stap_choices
from routekaart.models import Bron


def praktijk_filter():
    """The `praktijk` GET filter (slug) shared by the directory and the sources page."""
    return django_filters.ChoiceFilter(
        label="Praktijk",
        field_name="praktijken__slug",
        choices=praktijk_choices,
        empty_label="Alle praktijken",
    )


def stap_filter():
    """The `stap` GET filter (number 1-7) shared by the directory and the sources page."""
    return django_filters.ChoiceFilter(
        label="Ketenstap",
        field_name="stappen__nummer",
        choices=stap_choices,
        empty_label="Alle stappen",
    )


class BronFilter(django_filters.FilterSet):
    """Filters for /bronnen/: every value is a GET parameter, so a view is a shareable link."""

    soort = django_filters.ChoiceFilter(
        label="Soort", choices=Bron.Soort.choices, empty_label="Alle soorten"
    )
    praktijk = praktijk_filter()
    stap = stap_filter()

    class Meta:
        model = Bron
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        queryset = Bron.objects.published().prefetch_related("praktijken", "stappen")
        super().__init__(data, *args, queryset=queryset, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")

    @property
    def qs(self):
        return super().qs.distinct()
