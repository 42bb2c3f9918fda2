"""Core: publication status, the published/archived querysets and natural keys.

Every app builds on this module; it imports no app. A record's natural key is one
unique field (a slug or a CBS code), named by the model's `natural_key_field`, so
fixtures and backups refer to records by that key instead of by database id.
"""

from django.db import models, transaction
from django.utils import timezone

from routekaart.rendered import with_rendered


class Status(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
    GEARCHIVEERD = "gearchiveerd", "Gearchiveerd"


class PublicatieQuerySet(models.QuerySet):
    def published(self):
        """Records the public site may show."""
        return self.filter(status=Status.GEPUBLICEERD)

    def archived(self):
        """Records hidden from the site but kept (archiving instead of deleting)."""
        return self.filter(status=Status.GEARCHIVEERD)


class NaturalKeyManager(models.Manager):
    """Looks records up by their model's `natural_key_field` (default: `slug`).

    Combine it with a queryset through `NaturalKeyManager.from_queryset(QS)()`.
    """

    def get_by_natural_key(self, key):
        return self.get(**{natural_key_field(self.model): key})


def natural_key_field(model) -> str:
    return getattr(model, "natural_key_field", "slug")


class NaturalKeyModel(models.Model):
    """Abstract base: `natural_key()` returns the value of `natural_key_field`."""

    natural_key_field = "slug"

    objects = NaturalKeyManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (getattr(self, natural_key_field(type(self))),)


def now_to_the_second():
    """Now without microseconds: a backup's JSON keeps milliseconds only, and a restore
    must give back the same value (a time with under 1 ms would come back as .000)."""
    return timezone.now().replace(microsecond=0)


class Publiceerbaar(NaturalKeyModel):
    """Abstract base: a slug as natural key, a status and an editable order."""

    slug = models.SlugField(
        "slug",
        max_length=120,
        unique=True,
        help_text="Deel van het webadres; alleen kleine letters, cijfers en streepjes.",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=Status.choices,
        default=Status.GEPUBLICEERD,
        help_text="Alleen gepubliceerde items zijn zichtbaar op de website. "
        "Archiveren verbergt een item zonder het te verwijderen.",
    )
    volgorde = models.PositiveIntegerField(
        "volgorde",
        default=0,
        help_text="Lagere getallen komen eerst binnen hun hoofdstuk of lijst.",
    )
    # Shown as "Laatst gewijzigd" on public pages: set by save(); a fixture load gets
    # the load time from the default (loaddata saves raw, so auto_now would not run).
    gewijzigd_op = models.DateTimeField(
        "laatst gewijzigd", default=now_to_the_second, editable=False
    )

    objects = NaturalKeyManager.from_queryset(PublicatieQuerySet)()

    class Meta:
        abstract = True
        ordering = ["volgorde", "slug"]

    def save(self, *args, **kwargs):
        self.gewijzigd_op = now_to_the_second()
        if kwargs.get("update_fields") is not None:
            # A Markdown field saves its rendered HTML with it (routekaart.rendered).
            kwargs["update_fields"] = with_rendered(
                type(self), {*kwargs["update_fields"], "gewijzigd_op"}
            )
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.GEPUBLICEERD


def records_archive(*, queryset, user):
    """Archive published or draft records: hidden from the site, never deleted.

    Works for every model with a `status`. Returns the number archived.
    """
    count = 0
    with transaction.atomic():
        pks = list(queryset.exclude(status=Status.GEARCHIVEERD).values_list("pk", flat=True))
        for record in queryset.model.objects.filter(pk__in=pks):
            record.status = Status.GEARCHIVEERD
            record._history_user = user
            record._change_reason = "Gearchiveerd"
            record.save(update_fields=["status"])
            count += 1
    return count
