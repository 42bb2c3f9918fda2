"""The directory's filter form: GET parameters, validated, each one a shareable link."""

import django_filters
from django import forms

from partners.lookup import find_place
from partners.models import Gemeente, Niveau, Organisatie, Organisatietype, VeiligThuisRegio
from praktijken.filters import praktijk_filter
from routekaart.filtering import ChoiceFilter
from routekaart.search import search_queryset
from routekaart.versioning import cached_per_version
from stappen.filters import stap_filter

MAX_QUERY_LENGTH = 200


def organisatietype_choices():
    """(slug, naam) of every organisation type; cached per data version."""
    return cached_per_version(
        "choices:type", lambda: list(Organisatietype.objects.values_list("slug", "naam"))
    )


def regio_choices():
    """(code, organisation name) of every Veilig Thuis region; cached per data version."""
    return cached_per_version(
        "choices:regio",
        lambda: list(VeiligThuisRegio.objects.values_list("code", "organisatie_naam")),
    )


class GemeenteField(forms.CharField):
    """Accepts a CBS code (GM0345), a gemeente name or alias, a woonplaats or a postcode,
    and cleans to a Gemeente; `gemeente.gevonden_via` says why, when it was not named."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        plaats = find_place(value)
        if plaats.meerdere:
            names = ", ".join(
                Gemeente.objects.filter(pk__in=plaats.gemeente_pks).values_list("naam", flat=True)
            )
            raise forms.ValidationError(f"{plaats.uitleg} Het kan zijn: {names}.", code="ambiguous")
        if not plaats.gevonden:
            raise forms.ValidationError(
                "Onbekende gemeente: gebruik een gemeentenaam, een woonplaats, een postcode "
                "(bijvoorbeeld 5911) of een CBS-code zoals GM0345.",
                code="unknown",
            )
        gemeente = Gemeente.objects.cached_with_regions(pk=plaats.gemeente_pks[0])
        gemeente.gevonden_via = plaats.uitleg
        return gemeente


class GemeenteFilter(django_filters.Filter):
    field_class = GemeenteField

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.for_gemeente(value)


class OrganisatieFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Zoekwoorden",
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
    )
    praktijk = praktijk_filter()
    stap = stap_filter()
    niveau = ChoiceFilter(
        label="Niveau",
        choices=Niveau.choices,
        empty_label="Alle niveaus",
    )
    type = ChoiceFilter(
        label="Soort organisatie",
        field_name="type__slug",
        choices=organisatietype_choices,
        empty_label="Alle soorten",
    )
    regio = ChoiceFilter(
        label="Veilig Thuis-regio",
        method="filter_regio",
        choices=regio_choices,
        empty_label="Alle regio's",
    )
    gemeente = GemeenteFilter(
        label="Gemeente",
        help_text="Naam of CBS-code, bijvoorbeeld Veenendaal of GM0345.",
    )

    class Meta:
        model = Organisatie
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        queryset = Organisatie.objects.published()
        super().__init__(data, *args, queryset=queryset, **kwargs)
        # NL Design System classes, as BronFilter has: without them the fields were small,
        # unstyled browser controls with the browser's own focus ring.
        for field in self.form.fields.values():
            field.widget.attrs.setdefault(
                "class",
                "utrecht-select utrecht-select--html-select"
                if isinstance(field.widget, forms.Select)
                else "utrecht-textbox utrecht-textbox--html-input",
            )

    def filter_q(self, queryset, name, value):
        return search_queryset(queryset, value, soort="partner")

    def filter_regio(self, queryset, name, value):
        """Organisations that serve the region: by region, by its gemeenten, or nationally."""
        return queryset.for_regio(VeiligThuisRegio.objects.get(code=value))

    @property
    def qs(self):
        qs = super().qs
        if not getattr(qs.query, "order_by", None):
            qs = qs.order_by("naam")
        return qs
