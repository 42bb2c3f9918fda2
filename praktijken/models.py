"""The four harmful practices, their sub-forms, figures and personal stories."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from routekaart.publicatie import Publiceerbaar
from routekaart.rendered import rendered_field
from routekaart.versioning import cached_per_version

PRAKTIJK_SLUGS = ("vgv", "huwelijksdwang", "achterlating", "eergerelateerd-geweld")


class Praktijk(Publiceerbaar):
    """One of exactly four harmful practices; the slugs are fixed by a constraint."""

    markdown_fields = (
        "samenvatting",
        "definitie",
        "aantallen",
    )

    naam = models.CharField("naam", max_length=120)
    korte_naam = models.CharField(
        "korte naam", max_length=60, help_text="Voor filters en labels, bijvoorbeeld 'VGV'."
    )
    samenvatting = models.TextField("samenvatting", blank=True, help_text="Markdown.")
    samenvatting_html = rendered_field("samenvatting")
    definitie = models.TextField("definitie", help_text="Wat is het? Markdown.")
    definitie_html = rendered_field("definitie")
    aantallen = models.TextField(
        "aantallen en risicofactoren",
        blank=True,
        help_text="Markdown. Noem bij elk cijfer de bron en het jaar, zoals de routekaart doet.",
    )
    aantallen_html = rendered_field("aantallen")
    history = HistoricalRecords()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "praktijk"
        verbose_name_plural = "praktijken"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slug__in=PRAKTIJK_SLUGS), name="praktijk_slug_is_een_van_vier"
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("praktijken:detail", kwargs={"slug": self.slug})


def published_practices() -> list[Praktijk]:
    """The published practices in order: one query per data version, then cached."""
    return cached_per_version("praktijken", lambda: list(Praktijk.objects.published()))


class Verschijningsvorm(Publiceerbaar):
    """A sub-form of a practice, such as kindhuwelijk or huwelijkse gevangenschap."""

    markdown_fields = ("beschrijving",)

    praktijk = models.ForeignKey(
        Praktijk, on_delete=models.PROTECT, related_name="vormen", verbose_name="praktijk"
    )
    naam = models.CharField("naam", max_length=120)
    beschrijving = models.TextField("beschrijving", help_text="Markdown.")
    beschrijving_html = rendered_field("beschrijving")
    history = HistoricalRecords()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "verschijningsvorm"
        verbose_name_plural = "verschijningsvormen"

    def __str__(self):
        return self.naam


class Cijfer(Publiceerbaar):
    """A figure with its source and year, as the routekaart gives it."""

    praktijk = models.ForeignKey(
        Praktijk,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cijfers",
        verbose_name="praktijk",
        help_text="Leeg voor cijfers over schadelijke praktijken samen.",
    )
    waarde = models.CharField("waarde", max_length=60, help_text="Zoals in de bron: '41.000'.")
    omschrijving = models.CharField("omschrijving", max_length=300)
    bron = models.CharField("bron", max_length=120, help_text="Bijvoorbeeld 'Pharos'.")
    jaar = models.PositiveSmallIntegerField("jaar van de bron")
    history = HistoricalRecords()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "cijfer"
        verbose_name_plural = "cijfers"

    def __str__(self):
        return f"{self.waarde} {self.omschrijving} ({self.bron}, {self.jaar})"


class Verhaal(Publiceerbaar):
    """A personal story that illustrates a practice."""

    markdown_fields = ("tekst",)

    praktijk = models.ForeignKey(
        Praktijk, on_delete=models.PROTECT, related_name="verhalen", verbose_name="praktijk"
    )
    naam = models.CharField("naam", max_length=60, help_text="Voornaam, zoals 'Thomas'.")
    sectie = models.ForeignKey(
        "routekaart.Sectie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verhalen",
        verbose_name="sectie",
        help_text="De sectie van de routekaart waarbij dit verhaal staat.",
    )
    titel = models.CharField("titel", max_length=200)
    tekst = models.TextField("tekst", help_text="Markdown.")
    tekst_html = rendered_field("tekst")
    history = HistoricalRecords()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "verhaal"
        verbose_name_plural = "verhalen"

    def __str__(self):
        return self.titel
