"""Site-wide content of the routekaart: chapters, sections, frameworks, sources and terms.

Every content record has a publication status and a unique slug. The slug is the
record's natural key, so fixtures refer to each other by slug instead of by
database id, and reloading a fixture updates records instead of duplicating them.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from routekaart.core_models import DataVersie, Synoniem, ZoekIndex, ZoekStatistiek
from routekaart.publicatie import Publiceerbaar
from routekaart.rendered import rendered_field
from routekaart.versioning import cached_per_version

# The core models are defined in routekaart.core_models (which imports no app) and
# imported here so that Django registers them with this app.
__all__ = [
    "Begrip",
    "Bron",
    "DataVersie",
    "Hoofdstuk",
    "Kader",
    "Sectie",
    "Synoniem",
    "ZoekIndex",
    "ZoekStatistiek",
]


# The chapter whose text the home page shows; it has no page of its own.
HOME_CHAPTER = "inleiding"


class Hoofdstuk(Publiceerbaar):
    """A chapter of the routekaart, such as "Rol en kader" or a step chapter."""

    markdown_fields = ("samenvatting",)

    titel = models.CharField("titel", max_length=200)
    samenvatting = models.TextField(
        "samenvatting",
        blank=True,
        help_text="De inleidende zin(nen) onder de titel van het hoofdstuk. Markdown.",
    )
    samenvatting_html = rendered_field("samenvatting")
    history = HistoricalRecords()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "hoofdstuk"
        verbose_name_plural = "hoofdstukken"

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        if self.slug == HOME_CHAPTER:
            return reverse("routekaart:home")
        return reverse("routekaart:hoofdstuk", kwargs={"slug": self.slug})


def published_chapters() -> list[Hoofdstuk]:
    """The published chapters in order: one query per data version, then cached."""
    return cached_per_version("hoofdstukken", lambda: list(Hoofdstuk.objects.published()))


def published_chapter(slug: str) -> Hoofdstuk | None:
    """The published chapter with this slug, from `published_chapters()`."""
    return next((h for h in published_chapters() if h.slug == slug), None)


class Sectie(Publiceerbaar):
    """A section of a chapter, with its heading and Markdown text."""

    markdown_fields = ("tekst",)

    class Soort(models.TextChoices):
        TEKST = "tekst", "Tekst"
        BELANG = "belang", "Belang van de stap"
        GEREGELD = "geregeld", "Wat moet er zijn of geregeld worden?"
        LET_WEL = "let-wel", "Let wel"
        VOETNOOT = "voetnoot", "Voetnoot"

    hoofdstuk = models.ForeignKey(
        Hoofdstuk, on_delete=models.PROTECT, related_name="secties", verbose_name="hoofdstuk"
    )
    titel = models.CharField("titel", max_length=200)
    soort = models.CharField(
        "soort",
        max_length=12,
        choices=Soort.choices,
        default=Soort.TEKST,
        help_text="Bepaalt waar de sectie op stappagina's verschijnt.",
    )
    kopniveau = models.PositiveSmallIntegerField(
        "kopniveau",
        choices=[(2, "Kop (niveau 2)"), (3, "Subkop (niveau 3)")],
        default=2,
        help_text="Subkoppen horen bij de kop die erboven staat.",
    )
    tekst = models.TextField("tekst", blank=True, help_text="Markdown.")
    tekst_html = rendered_field("tekst")
    praktijken = models.ManyToManyField(
        "praktijken.Praktijk",
        blank=True,
        related_name="secties",
        verbose_name="praktijken",
        help_text="Praktijken waar deze sectie specifiek over gaat (leeg: alle).",
    )
    stappen = models.ManyToManyField(
        "stappen.Ketenstap",
        blank=True,
        related_name="secties",
        verbose_name="ketenstappen",
        help_text="Ketenstappen waarop deze sectie ook getoond wordt.",
    )
    history = HistoricalRecords()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "sectie"
        verbose_name_plural = "secties"

    def __str__(self):
        return f"{self.hoofdstuk_id and self.hoofdstuk.titel}: {self.titel}"

    def get_absolute_url(self):
        return f"{self.hoofdstuk.get_absolute_url()}#{self.slug}"


class Kader(Publiceerbaar):
    """A legal or policy framework: a law, bill, criminal article, treaty or guideline."""

    markdown_fields = (
        "samenvatting",
        "tekst",
    )

    class Soort(models.TextChoices):
        WET = "wet", "Wet"
        WETSVOORSTEL = "wetsvoorstel", "Wetsvoorstel"
        STRAFRECHTARTIKEL = "strafrechtartikel", "Strafrechtartikel"
        VERDRAG = "verdrag", "Verdrag"
        RICHTLIJN = "richtlijn", "Richtlijn of beleidskader"

    titel = models.CharField("titel", max_length=200)
    afkorting = models.CharField("afkorting", max_length=40, blank=True)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    samenvatting = models.TextField(
        "samenvatting", blank=True, help_text="Eén of twee zinnen voor overzichten. Markdown."
    )
    samenvatting_html = rendered_field("samenvatting")
    tekst = models.TextField(
        "tekst",
        blank=True,
        help_text="Markdown. Laat leeg als de tekst van de sectie dit kader al bespreekt; "
        "het hoofdstuk toont het kader dan als verwijzing, zonder de tekst te herhalen.",
    )
    tekst_html = rendered_field("tekst")
    url = models.URLField(
        "webadres",
        max_length=500,
        blank=True,
        help_text="De officiële tekst, zoals het artikel op wetten.overheid.nl.",
    )
    sectie = models.ForeignKey(
        Sectie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kaders",
        verbose_name="sectie",
        help_text="De sectie van 'Rol en kader' waaronder dit kader staat.",
    )
    stand_van_zaken = models.CharField(
        "stand van zaken per",
        max_length=60,
        blank=True,
        help_text="Voor uitspraken die kunnen verouderen, de datum uit de bron, "
        "bijvoorbeeld 'november 2021'.",
    )
    praktijken = models.ManyToManyField(
        "praktijken.Praktijk", blank=True, related_name="kaders", verbose_name="praktijken"
    )
    besproken_in = models.ManyToManyField(
        Sectie,
        blank=True,
        related_name="kaders_besproken",
        verbose_name="besproken in",
        help_text="Andere secties van de routekaart die dit kader bespreken, bijvoorbeeld "
        "de do's en don'ts bij een praktijk. Beide pagina's verwijzen naar elkaar.",
    )
    history = HistoricalRecords()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "kader"
        verbose_name_plural = "kaders"
        # Source order: the chapter reads them as the routekaart does.
        ordering = ["volgorde", "slug"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("routekaart:kader", kwargs={"slug": self.slug})


class Bron(Publiceerbaar):
    """A resource the routekaart links to: factsheet, protocol, training, instrument…"""

    markdown_fields = ("beschrijving",)

    class Soort(models.TextChoices):
        FACTSHEET = "factsheet", "Factsheet"
        PROTOCOL = "protocol", "Protocol of handreiking"
        TRAINING = "training", "Training of e-learning"
        SIGNALERINGSINSTRUMENT = "signaleringsinstrument", "Signaleringsinstrument"
        METHODIEK = "methodiek", "Methodiek"
        CAMPAGNE = "campagne", "Campagne of voorlichting"
        ONDERZOEK = "onderzoek", "Onderzoek of publicatie"
        REGELGEVING = "regelgeving", "Wet- en regelgeving"
        WEBSITE = "website", "Website of organisatie"

    titel = models.CharField("titel", max_length=250)
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    uitgever = models.CharField("uitgever", max_length=200, blank=True)
    url = models.URLField("webadres", max_length=500, unique=True)
    beschrijving = models.TextField("beschrijving", blank=True, help_text="Markdown.")
    beschrijving_html = rendered_field("beschrijving")
    praktijken = models.ManyToManyField(
        "praktijken.Praktijk", blank=True, related_name="bronnen", verbose_name="praktijken"
    )
    stappen = models.ManyToManyField(
        "stappen.Ketenstap", blank=True, related_name="bronnen", verbose_name="ketenstappen"
    )
    history = HistoricalRecords()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "bron"
        verbose_name_plural = "bronnen"
        ordering = ["titel"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return f"{reverse('routekaart:bronnen')}#{self.slug}"


class Begrip(Publiceerbaar):
    """An abbreviation or term from the glossary, such as LKHA or Wmo."""

    markdown_fields = ("uitleg",)

    term = models.CharField(
        "term",
        max_length=80,
        unique=True,
        help_text="De afkorting of term zoals die in teksten staat, bijvoorbeeld 'LKHA'.",
    )
    voluit = models.CharField("voluit", max_length=250, help_text="De volledige naam.")
    uitleg = models.TextField("uitleg", blank=True, help_text="Markdown.")
    uitleg_html = rendered_field("uitleg")
    history = HistoricalRecords()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "begrip"
        verbose_name_plural = "begrippen"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} ({self.voluit})"

    def get_absolute_url(self):
        return f"{reverse('routekaart:begrippen')}#{self.slug}"
