"""Reference geography of the sociale kaart.

Geography comes from ../shared/data (CBS indeling): every gemeente has a
veiligheidsregio AND a Veilig Thuis-regio, and the two differ for a few
gemeenten, so both are stored. Partners follow one or the other.
"""

from django.db import models
from django.urls import reverse

from routekaart.publicatie import NaturalKeyManager, NaturalKeyModel
from routekaart.versioning import cached_per_version


class Provincie(NaturalKeyModel):
    natural_key_field = "code"

    code = models.CharField("CBS-code", max_length=4, unique=True, help_text="Bijvoorbeeld PV26.")
    naam = models.CharField("naam", max_length=60)

    class Meta:
        verbose_name = "provincie"
        verbose_name_plural = "provincies"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Veiligheidsregio(NaturalKeyModel):
    natural_key_field = "code"

    code = models.CharField("CBS-code", max_length=4, unique=True, help_text="Bijvoorbeeld VR09.")
    naam = models.CharField("naam", max_length=80)
    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, verbose_name="provincie")

    class Meta:
        verbose_name = "veiligheidsregio"
        verbose_name_plural = "veiligheidsregio's"
        ordering = ["code"]

    def __str__(self):
        return f"Veiligheidsregio {self.naam}"


class VeiligThuisRegio(NaturalKeyModel):
    natural_key_field = "code"

    """A Veilig Thuis region (CBS) and the name of its organisation.

    Contact details (telephone, website) live on the organisation's own record in the
    directory (an Organisatie of type Veilig Thuis with the region's slug), and every page
    reads them from there. `website_bron` and `opmerking` are research notes for editors.
    """

    code = models.CharField("CBS-code", max_length=4, unique=True, help_text="Bijvoorbeeld VT20.")
    slug = models.SlugField("slug", max_length=80, unique=True)
    naam = models.CharField("CBS-regionaam", max_length=80)
    organisatie_naam = models.CharField("naam van de organisatie", max_length=120)
    website_bron = models.CharField(
        "bron van het webadres",
        max_length=300,
        blank=True,
        help_text="Onderzoeksnotitie voor de redactie; niet op de website.",
    )
    opmerking = models.TextField(
        "opmerking", blank=True, help_text="Onderzoeksnotitie voor de redactie; niet op de website."
    )

    class Meta:
        verbose_name = "Veilig Thuis-regio"
        verbose_name_plural = "Veilig Thuis-regio's"
        ordering = ["organisatie_naam"]

    def __str__(self):
        return self.organisatie_naam

    def get_absolute_url(self):
        return reverse("partners:regio", kwargs={"slug": self.slug})


class GemeenteQuerySet(models.QuerySet):
    def cached_with_regions(self, **lookup):
        """get(**lookup) with all seven regions, cached per data version.

        Joining the seven region tables cost PostgreSQL about 5 ms to plan, more than to
        run, on every gemeente page. A lookup that finds nothing raises DoesNotExist, and
        nothing is cached for it.
        """
        ((field, value),) = lookup.items()
        return cached_per_version(
            f"gemeente:{field}:{value}", lambda: self.with_regions().get(**lookup)
        )

    def with_regions(self):
        return self.select_related(
            "provincie",
            "veiligheidsregio",
            "veilig_thuis_regio",
            "ggd_regio",
            "politie_eenheid",
            "arrondissement",
            "jeugdregio",
        )


class Gemeente(NaturalKeyModel):
    natural_key_field = "code"

    code = models.CharField("CBS-code", max_length=6, unique=True, help_text="Bijvoorbeeld GM0345.")
    naam = models.CharField("naam", max_length=80, help_text="De officiële CBS-naam.")
    slug = models.SlugField("slug", max_length=80, unique=True)
    aliassen = models.CharField(
        "aliassen",
        max_length=200,
        blank=True,
        help_text="Andere namen waarop gezocht wordt, gescheiden door ';' (bijv. 'Den Haag').",
    )
    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, verbose_name="provincie")
    veiligheidsregio = models.ForeignKey(
        Veiligheidsregio,
        on_delete=models.PROTECT,
        related_name="gemeenten",
        verbose_name="veiligheidsregio",
    )
    veilig_thuis_regio = models.ForeignKey(
        VeiligThuisRegio,
        on_delete=models.PROTECT,
        related_name="gemeenten",
        verbose_name="Veilig Thuis-regio",
    )
    # The layers of shared/data/indelingen; empty until the loader has read those files.
    ggd_regio = models.ForeignKey(
        "partners.GGDRegio",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemeenten",
        verbose_name="GGD-regio",
    )
    politie_eenheid = models.ForeignKey(
        "partners.PolitieEenheid",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemeenten",
        verbose_name="politie-eenheid",
    )
    arrondissement = models.ForeignKey(
        "partners.Arrondissement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemeenten",
        verbose_name="arrondissement",
    )
    jeugdregio = models.ForeignKey(
        "partners.Jeugdregio",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemeenten",
        verbose_name="jeugdregio",
    )

    objects = NaturalKeyManager.from_queryset(GemeenteQuerySet)()

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("partners:gemeente", kwargs={"slug": self.slug})


class Niveau(models.TextChoices):
    LOKAAL = "lokaal", "Lokaal"
    REGIONAAL = "regionaal", "Regionaal"
    LANDELIJK = "landelijk", "Landelijk"
