"""More CBS region layers per gemeente, and the places and postcodes callers name.

From shared/data/indelingen (CBS Gebiedsindelingen 2025 via PDOK; woonplaatsen CBS
86312NED 2026; PC4 from PDOK/BAG 2026): GGD-regio, politie-eenheid, arrondissement
(with its rechtbank and OM-parket) and jeugdregio. A gemeente points to one of each
(see Gemeente); the organisations that serve these regions are Organisatie records.
"""

from django.db import models

from routekaart.publicatie import NaturalKeyManager, NaturalKeyModel


class Indeling(NaturalKeyModel):
    """Abstract base of a CBS region layer: a code and CBS's name."""

    natural_key_field = "code"

    code = models.CharField("CBS-code", max_length=6, unique=True)
    naam = models.CharField("CBS-naam", max_length=120)

    objects = NaturalKeyManager()

    class Meta:
        abstract = True
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class GGDRegio(Indeling):
    class Meta(Indeling.Meta):
        verbose_name = "GGD-regio"
        verbose_name_plural = "GGD-regio's"


class PolitieEenheid(Indeling):
    class Meta(Indeling.Meta):
        verbose_name = "politie-eenheid"
        verbose_name_plural = "politie-eenheden"


class Arrondissement(Indeling):
    rechtbank = models.CharField("rechtbank", max_length=120)
    om_parket = models.CharField("OM-parket", max_length=120)

    class Meta(Indeling.Meta):
        verbose_name = "arrondissement"
        verbose_name_plural = "arrondissementen"


class Jeugdregio(Indeling):
    class Meta(Indeling.Meta):
        verbose_name = "jeugdregio"
        verbose_name_plural = "jeugdregio's"


class Woonplaats(models.Model):
    """A BAG woonplaats and its gemeente. 70 names occur in more than one gemeente."""

    code = models.CharField("woonplaatscode", max_length=6, unique=True, help_text="WPxxxx.")
    naam = models.CharField("naam", max_length=80)
    zoeknaam = models.CharField(
        "genormaliseerde naam", max_length=80, db_index=True, help_text="Zonder BAG-toevoeging."
    )
    gemeente = models.ForeignKey(
        "partners.Gemeente",
        on_delete=models.CASCADE,
        related_name="woonplaatsen",
        verbose_name="gemeente",
    )

    class Meta:
        verbose_name = "woonplaats"
        verbose_name_plural = "woonplaatsen"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Postcode(models.Model):
    """A four-digit postcode and the gemeente that holds most of its addresses."""

    pc4 = models.CharField("postcode (4 cijfers)", max_length=4, unique=True)
    gemeente = models.ForeignKey(
        "partners.Gemeente",
        on_delete=models.CASCADE,
        related_name="postcodes",
        verbose_name="gemeente",
    )
    aandeel = models.DecimalField(
        "aandeel", max_digits=4, decimal_places=3, help_text="Deel van de PC6 in deze gemeente."
    )
    gesplitst = models.CharField(
        "ook in",
        max_length=200,
        blank=True,
        help_text="Andere gemeenten met adressen in deze postcode, zoals 'GM0281=0.250'.",
    )

    class Meta:
        verbose_name = "postcode"
        verbose_name_plural = "postcodes"
        ordering = ["pc4"]

    def __str__(self):
        return self.pc4
