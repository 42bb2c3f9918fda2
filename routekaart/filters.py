import django_filters

from praktijken.filters import praktijk_filter
from routekaart.filtering import ChoiceFilter
from routekaart.models import Bron
from stappen.filters import stap_filter


class BronFilter(django_filters.FilterSet):
    """Filters for /bronnen/: every value is a GET parameter, so a view is a shareable link."""

    soort = ChoiceFilter(label="Soort", choices=Bron.Soort.choices, empty_label="Alle soorten")
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
