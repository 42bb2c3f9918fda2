"""The partner organisations of the sociale kaart, their contacts and facilities."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from praktijken.models import Praktijk
from routekaart.publicatie import NaturalKeyManager, NaturalKeyModel, PublicatieQuerySet, Status
from routekaart.rendered import rendered_field, with_rendered
from routekaart.versioning import cached_per_version

from .bereikbaarheid import Bereikbaarheid, stable_uuid_field
from .geografie import Gemeente, Niveau, Veiligheidsregio, VeiligThuisRegio
from .querysets import GecontroleerdQuerySet, OrganisatieQuerySet


class Organisatietype(NaturalKeyModel):
    """A kind of organisation in the chain, with its role text from the routekaart."""

    markdown_fields = ("rol",)

    slug = models.SlugField("slug", max_length=80, unique=True)
    naam = models.CharField("naam", max_length=120)
    niveau = models.CharField("niveau", max_length=10, choices=Niveau.choices)
    rol = models.TextField("rol", blank=True, help_text="Wat doet dit type organisatie? Markdown.")
    rol_html = rendered_field("rol")
    stappen = models.ManyToManyField(
        "stappen.Ketenstap",
        blank=True,
        related_name="organisatietypes",
        verbose_name="ketenstappen",
        help_text="Stappen waarin de routekaart dit type noemt.",
    )
    volgorde = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "organisatietype"
        verbose_name_plural = "organisatietypes"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Gecontroleerd(models.Model):
    """Abstract base: when and by whom a record was last checked, and its source."""

    laatst_gecontroleerd_op = models.DateField(
        "laatst gecontroleerd op",
        null=True,
        blank=True,
        help_text="Wanneer de gegevens voor het laatst zijn nagekeken.",
    )
    laatst_gecontroleerd_door = models.CharField(
        "laatst gecontroleerd door",
        max_length=150,
        blank=True,
    )

    class Meta:
        abstract = True

    @property
    def te_controleren(self):
        if self.laatst_gecontroleerd_op is None:
            return True
        age = timezone.now().date() - self.laatst_gecontroleerd_op
        return age.days > settings.PARTNER_CHECK_INTERVAL_DAYS


class Organisatie(NaturalKeyModel, Gecontroleerd, Bereikbaarheid):
    """A partner organisation in the sociale kaart."""

    markdown_fields = ("beschrijving",)

    class Rol(models.TextChoices):
        SPECIALISTISCH = "specialistisch", "Specialistische hulp"
        INFORMATIE = "informatie", "Informatie en advies"
        ALGEMEEN = "algemeen", "Algemeen"

    slug = models.SlugField("slug", max_length=120, unique=True)
    uuid = stable_uuid_field()
    naam = models.CharField("naam", max_length=200)
    type = models.ForeignKey(
        Organisatietype,
        on_delete=models.PROTECT,
        related_name="organisaties",
        verbose_name="type",
    )
    niveau = models.CharField("niveau", max_length=10, choices=Niveau.choices)
    rol = models.CharField(
        "rol",
        max_length=20,
        choices=Rol.choices,
        default=Rol.ALGEMEEN,
        help_text="Specialistische hulp, informatie en advies, of algemeen.",
    )
    beschrijving = models.TextField("beschrijving", blank=True, help_text="Markdown.")
    beschrijving_html = rendered_field("beschrijving")
    telefoon = models.CharField("telefoon (centraal)", max_length=40, blank=True)
    telefoon_toelichting = models.CharField("toelichting telefoon", max_length=200, blank=True)
    email = models.EmailField("e-mail (centraal)", blank=True)
    website = models.URLField("website", max_length=300, blank=True)
    praktijken = models.ManyToManyField(
        "praktijken.Praktijk", blank=True, related_name="organisaties", verbose_name="praktijken"
    )
    stappen = models.ManyToManyField(
        "stappen.Ketenstap", blank=True, related_name="organisaties", verbose_name="ketenstappen"
    )
    expert_voor = models.ManyToManyField(
        "praktijken.Praktijk",
        blank=True,
        related_name="experts",
        verbose_name="eerste landelijke expert voor",
        help_text="'Bij een vermoeden: schakel een expert in!' Voor welke praktijken belt u "
        "deze organisatie als eerste landelijke expert?",
    )
    gemeenten = models.ManyToManyField(
        Gemeente,
        blank=True,
        related_name="organisaties",
        verbose_name="gemeenten",
        help_text="Voor lokale partners: de gemeenten die zij bedienen.",
    )
    veilig_thuis_regios = models.ManyToManyField(
        VeiligThuisRegio,
        blank=True,
        related_name="organisaties",
        verbose_name="Veilig Thuis-regio's",
    )
    veiligheidsregios = models.ManyToManyField(
        Veiligheidsregio,
        blank=True,
        related_name="organisaties",
        verbose_name="veiligheidsregio's",
        help_text="Voor partners die de veiligheidsregio of GGD-regio volgen.",
    )
    bron = models.CharField(
        "bron van de gegevens",
        max_length=300,
        blank=True,
        help_text="Waar komen deze gegevens vandaan? Bijvoorbeeld 'Routekaart schadelijke "
        "praktijken (2021), hoofdstuk Partners'.",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=Status.choices,
        default=Status.CONCEPT,
    )
    # HSDS `last_modified` and the API's modified_after filter; set by save().
    gewijzigd_op = models.DateTimeField(
        "laatst gewijzigd", default=timezone.now, editable=False, db_index=True
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager.from_queryset(OrganisatieQuerySet)()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]
        indexes = [models.Index(fields=["status", "niveau"], name="organisatie_status_niveau")]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        self.gewijzigd_op = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = with_rendered(
                type(self), {*kwargs["update_fields"], "gewijzigd_op"}
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    @property
    def is_landelijk(self):
        """Works for the whole country (no regions or gemeenten to list)."""
        return self.niveau == Niveau.LANDELIJK

    @property
    def heeft_specifieke_rol(self):
        """Specialist help or information, as opposed to the general role."""
        return self.rol != self.Rol.ALGEMEEN


def with_practice_tags(organisaties):
    """The organisations as a list, each with `praktijk_tags`: the short names of its
    practices in the practices' order, as a directory card shows them.

    One query on the link table; the names come from a list cached per data version.
    A prefetch of `praktijken` built a queryset and a Praktijk per card instead, a fifth
    of a gemeente page's time (docs/benchmarks.md).
    """
    organisaties = list(organisaties)
    names = cached_per_version(
        "praktijk-korte-namen",
        lambda: list(Praktijk.objects.values_list("pk", "korte_naam")),
    )
    order = {pk: i for i, (pk, _) in enumerate(names)}
    short = dict(names)
    links = {}
    rows = Organisatie.praktijken.through.objects.filter(
        organisatie_id__in=[o.pk for o in organisaties]
    ).values_list("organisatie_id", "praktijk_id")
    for org_id, praktijk_id in rows:
        links.setdefault(org_id, []).append(praktijk_id)
    for org in organisaties:
        pks = sorted(links.get(org.pk, ()), key=order.__getitem__)
        org.praktijk_tags = [short[pk] for pk in pks]
    return organisaties


class Contactpersoon(Gecontroleerd):
    """A named expert or aandachtsfunctionaris; personal details may be hidden."""

    class Zichtbaarheid(models.TextChoices):
        PUBLIEK = "publiek", "Iedereen"
        PROFESSIONALS = "professionals", "Ingelogde professionals"
        BEHEERDERS = "beheerders", "Alleen beheerders"

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="contactpersonen",
        verbose_name="organisatie",
    )
    naam = models.CharField("naam", max_length=150)
    functie = models.CharField("functie", max_length=150, blank=True)
    telefoon = models.CharField("telefoon", max_length=40, blank=True)
    email = models.EmailField("e-mail", blank=True)
    zichtbaarheid = models.CharField(
        "zichtbaarheid",
        max_length=15,
        choices=Zichtbaarheid.choices,
        default=Zichtbaarheid.BEHEERDERS,
        help_text="Wie de naam en persoonlijke contactgegevens mag zien. Anonieme bezoekers "
        "zien alleen de centrale contactgegevens van de organisatie.",
    )
    praktijken = models.ManyToManyField(
        "praktijken.Praktijk",
        blank=True,
        related_name="contactpersonen",
        verbose_name="expertise",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=Status.choices,
        default=Status.CONCEPT,
    )
    history = HistoricalRecords()

    objects = GecontroleerdQuerySet.as_manager()

    class Meta:
        verbose_name = "contactpersoon"
        verbose_name_plural = "contactpersonen"
        ordering = ["naam"]

    def __str__(self):
        return f"{self.naam} ({self.organisatie_id and self.organisatie.naam})"

    def visible_to(self, user):
        """Whether `user` may see this person's name and personal contact details."""
        if self.zichtbaarheid == self.Zichtbaarheid.PUBLIEK:
            return True
        if not user.is_authenticated:
            return False
        if self.zichtbaarheid == self.Zichtbaarheid.PROFESSIONALS:
            return True
        return user.is_staff


class Voorziening(models.Model):
    """A facility such as an opvanglocatie; its address can be confidential."""

    markdown_fields = ("beschrijving",)

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="voorzieningen",
        verbose_name="organisatie",
    )
    uuid = stable_uuid_field()
    naam = models.CharField("naam", max_length=150)
    beschrijving = models.TextField("beschrijving", blank=True, help_text="Markdown.")
    beschrijving_html = rendered_field("beschrijving")
    adres = models.CharField("adres", max_length=250, blank=True)
    adres_vertrouwelijk = models.BooleanField(
        "adres is geheim",
        default=True,
        help_text="Een geheim adres (zoals van een opvanglocatie) wordt nooit op de website, "
        "in een export of in een sitemap getoond.",
    )
    praktijken = models.ManyToManyField(
        "praktijken.Praktijk", blank=True, related_name="voorzieningen", verbose_name="praktijken"
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=Status.choices,
        default=Status.GEPUBLICEERD,
    )
    history = HistoricalRecords()

    objects = PublicatieQuerySet.as_manager()

    class Meta:
        verbose_name = "voorziening"
        verbose_name_plural = "voorzieningen"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    @property
    def public_address(self):
        """The address if it may be shown publicly, else an empty string."""
        return "" if self.adres_vertrouwelijk else self.adres


class Redacteur(models.Model):
    """A regional editor's assignment: the Veilig Thuis-regio's whose partners they curate.

    Members of the group "Regionale redactie" see and change only organisations
    (with their contact persons and facilities) whose whole working area lies in
    these regions; see OrganisatieQuerySet.within_regios.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="redacteur",
        verbose_name="gebruiker",
    )
    regios = models.ManyToManyField(
        VeiligThuisRegio,
        blank=True,
        related_name="redacteuren",
        verbose_name="Veilig Thuis-regio's",
        help_text="De regio's waarin deze regionale redacteur organisaties en contactpersonen "
        "mag bekijken en wijzigen.",
    )

    class Meta:
        verbose_name = "regionale redacteur"
        verbose_name_plural = "regionale redacteuren"
        ordering = ["user__username"]

    def __str__(self):
        return str(self.user)
