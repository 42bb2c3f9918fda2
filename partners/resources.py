"""CSV and XLSX import and export of partner organisations (django-import-export).

One resource serves the admin (upload, preview, confirm) and the commands
`partners_import` and `partners_export`, so both follow the same rules:

- rows are matched on the slug, so importing the same file twice changes nothing;
- every cell is validated (Dutch phone numbers, e-mail, https web addresses,
  known type, practice, step, gemeente and region codes, required fields) and every
  problem is reported per row and column, in Dutch;
- one bad row rolls back the whole file: all or nothing;
- a regional editor's rows must stay inside their own Veilig Thuis-regio's;
- exported text that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
  gets a leading apostrophe, which the import removes again, so an export
  re-imports exactly.

Contact persons and facilities are not part of the file: their personal and
confidential details stay out of spreadsheets (see portal_backup for a full copy).
"""

import uuid
from collections import Counter

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from partners.models import (
    Gemeente,
    Niveau,
    Organisatie,
    Organisatietype,
    Veiligheidsregio,
    VeiligThuisRegio,
)
from partners.services import (
    area_errors,
    editor_may_curate,
    validate_email,
    validate_https_url,
    validate_telefoon,
)
from partners.spreadsheet import (  # noqa: F401 (re-exported for the commands and tests)
    CSV,
    FORMATS,
    ChoiceWidget,
    DateWidget,
    KeysWidget,
    KeyWidget,
    SlugForeignKeyWidget,
    TextWidget,
    cell_text,
    escape_formula,
    read_dataset,
    sniff_delimiter,
    unescape_formula,
)
from praktijken.models import Praktijk
from routekaart.publicatie import Status
from stappen.models import Ketenstap

COLUMNS = (
    "slug",
    "naam",
    "type",
    "niveau",
    "rol",
    "status",
    "telefoon",
    "telefoon_toelichting",
    "email",
    "website",
    "beschrijving",
    "praktijken",
    "stappen",
    "expert_voor",
    "gemeenten",
    "veilig_thuis_regios",
    "veiligheidsregios",
    "bron",
    "laatst_gecontroleerd_op",
    "laatst_gecontroleerd_door",
    "openingstijden",
    "altijd_bereikbaar",
    "talen",
    "anoniem_mogelijk",
    "helpt_in_buitenland",
    "uuid",
)
AREA_FIELDS = ("veilig_thuis_regios", "gemeenten", "veiligheidsregios")


class UuidWidget(TextWidget):
    """The stable public id: kept on re-import; an empty cell keeps what is stored."""

    def clean(self, value, row=None, **kwargs):
        value = cell_text(value).strip()
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            raise ValueError(f"'{value}' is geen geldige UUID.") from None


class JaNeeWidget(TextWidget):
    """A yes/no/unknown cell: 'ja', 'nee' or empty (unknown stays unknown)."""

    def clean(self, value, row=None, **kwargs):
        value = cell_text(value).strip().lower()
        if value in ("", "onbekend"):
            return None
        if value in ("ja", "yes", "true", "1"):
            return True
        if value in ("nee", "no", "false", "0"):
            return False
        raise ValueError(f"Vul 'ja', 'nee' of niets (onbekend) in, niet '{value}'.")

    def render(self, value, obj=None, **kwargs):
        return {True: "ja", False: "nee"}.get(value, "")


class OrganisatieResource(resources.ModelResource):
    slug = fields.Field("slug", "slug", KeyWidget())
    naam = fields.Field("naam", "naam", TextWidget(required=True))
    type = fields.Field(
        "type",
        "type",
        SlugForeignKeyWidget(Organisatietype, "slug", "organisatietype", required=True),
    )
    niveau = fields.Field("niveau", "niveau", ChoiceWidget(Niveau.choices, required=True))
    rol = fields.Field("rol", "rol", ChoiceWidget(Organisatie.Rol.choices, required=True))
    status = fields.Field("status", "status", ChoiceWidget(Status.choices, required=True))
    telefoon = fields.Field("telefoon", "telefoon", TextWidget(validate_telefoon))
    telefoon_toelichting = fields.Field(
        "telefoon_toelichting", "telefoon_toelichting", TextWidget()
    )
    email = fields.Field("email", "email", TextWidget(validate_email))
    website = fields.Field("website", "website", TextWidget(validate_https_url))
    beschrijving = fields.Field("beschrijving", "beschrijving", TextWidget())
    praktijken = fields.Field(
        "praktijken", "praktijken", KeysWidget(Praktijk, "slug", "praktijken")
    )
    stappen = fields.Field("stappen", "stappen", KeysWidget(Ketenstap, "slug", "ketenstappen"))
    expert_voor = fields.Field(
        "expert_voor", "expert_voor", KeysWidget(Praktijk, "slug", "praktijken")
    )
    gemeenten = fields.Field(
        "gemeenten", "gemeenten", KeysWidget(Gemeente, "code", "gemeentecodes")
    )
    veilig_thuis_regios = fields.Field(
        "veilig_thuis_regios",
        "veilig_thuis_regios",
        KeysWidget(VeiligThuisRegio, "code", "Veilig Thuis-regiocodes"),
    )
    veiligheidsregios = fields.Field(
        "veiligheidsregios",
        "veiligheidsregios",
        KeysWidget(Veiligheidsregio, "code", "veiligheidsregiocodes"),
    )
    bron = fields.Field("bron", "bron", TextWidget())
    laatst_gecontroleerd_op = fields.Field(
        "laatst_gecontroleerd_op", "laatst_gecontroleerd_op", DateWidget()
    )
    openingstijden = fields.Field("openingstijden", "openingstijden", TextWidget())
    altijd_bereikbaar = fields.Field("altijd_bereikbaar", "altijd_bereikbaar", JaNeeWidget())
    talen = fields.Field("talen", "talen", TextWidget())
    anoniem_mogelijk = fields.Field("anoniem_mogelijk", "anoniem_mogelijk", JaNeeWidget())
    helpt_in_buitenland = fields.Field("helpt_in_buitenland", "helpt_in_buitenland", JaNeeWidget())
    uuid = fields.Field("uuid", "uuid", UuidWidget())
    laatst_gecontroleerd_door = fields.Field(
        "laatst_gecontroleerd_door", "laatst_gecontroleerd_door", TextWidget()
    )

    class Meta:
        model = Organisatie
        name = "Organisaties (sleutel: slug)"
        fields = COLUMNS
        import_order = COLUMNS
        export_order = COLUMNS
        import_id_fields = ("slug",)
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user = None
        self.file_name = ""
        self.slug_counts = Counter()

    @staticmethod
    def with_relations(queryset):
        return queryset.select_related("type").prefetch_related(
            "praktijken",
            "stappen",
            "expert_voor",
            "gemeenten",
            "veilig_thuis_regios",
            "veiligheidsregios",
        )

    def get_queryset(self):
        # Every organisation, also outside an editor's region: a row whose slug is
        # taken there must be reported, not created a second time.
        return self.with_relations(Organisatie.objects.all())

    # --- Export

    def filter_export(self, queryset, **kwargs):
        return self.with_relations(queryset).order_by("slug")

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return escape_formula(value) if isinstance(value, str) else value

    # --- Import

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """Import all rows or none: any invalid row rolls back the whole file.

        `user` (passed by the admin, or by the command's --user) limits the rows to
        that editor's scope and is recorded in the history.
        """
        self.user = kwargs.get("user")
        self.file_name = kwargs.get("file_name") or ""
        result = super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )
        return result

    def before_import(self, dataset, **kwargs):
        headers = [h for h in (dataset.headers or []) if h is not None]
        if "slug" not in headers:
            raise ValueError("De kolom 'slug' ontbreekt; elke regel heeft een slug als sleutel.")
        unknown = [h for h in headers if h not in COLUMNS]
        if unknown:
            raise ValueError(
                f"Onbekende kolom(men): {', '.join(map(str, unknown))}. "
                f"Toegestaan: {', '.join(COLUMNS)}."
            )
        self.slug_counts = Counter(cell_text(v).strip() for v in dataset["slug"])

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            if isinstance(value, str):
                row[key] = unescape_formula(value)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # A file without the column, or with an empty cell, keeps the stored UUID
        # (a new organisation gets a fresh one).
        if field.attribute == "uuid" and not cell_text(row.get("uuid")).strip():
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        slug = cell_text(row.get("slug")).strip()
        if not slug:
            errors.setdefault("slug", []).append("Dit veld is verplicht.")
        elif self.slug_counts[slug] > 1:
            errors.setdefault("slug", []).append(
                f"De slug '{slug}' staat meer dan eens in het bestand."
            )
        if (
            "uuid" not in errors
            and instance.uuid
            and Organisatie.objects.filter(uuid=instance.uuid).exclude(slug=slug).exists()
        ):
            errors["uuid"] = [f"De UUID {instance.uuid} hoort al bij een andere organisatie."]
        related = {}
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    related[field.attribute] = list(field.clean(row))
                except ValueError as e:
                    errors.setdefault(field.attribute, []).append(str(e))
        if self.user is not None and not errors:
            self._check_scope(instance, row, related, errors)
        if errors:
            raise ValidationError(errors)

    def _check_scope(self, instance, row, related, errors):
        if instance.pk is not None and not editor_may_curate(self.user, instance):
            errors["slug"] = [
                f"De organisatie '{instance.slug}' bestaat al en valt buiten uw regio."
            ]
            return
        area = {}
        for name in AREA_FIELDS:
            if name in related:
                area[name] = related[name]
            elif instance.pk is not None:
                area[name] = list(getattr(instance, name).all())
            else:
                area[name] = []
        for name, messages in area_errors(user=self.user, niveau=instance.niveau, **area).items():
            errors.setdefault(NON_FIELD_ERRORS if name == "__all__" else name, []).extend(messages)

    def before_save_instance(self, instance, row, **kwargs):
        if self.user is not None:
            instance._history_user = self.user
        instance._change_reason = f"Import {self.file_name}".strip()


def import_report(result):
    """Every problem of an import result as Dutch lines: 'Rij 3, telefoon: ...'.

    Rows are numbered from the first data row (the header is not counted), as
    the admin's preview does.
    """
    lines = []
    for error in result.base_errors:
        lines.append(f"Bestand: {error.error}")
    for number, row_errors in result.row_errors():
        for error in row_errors:
            lines.append(f"Rij {number}: onverwachte fout ({error.error}).")
    for invalid in result.invalid_rows:
        for field, messages in invalid.field_specific_errors.items():
            for message in messages:
                lines.append(f"Rij {invalid.number}, {field}: {message}")
        for message in invalid.non_field_specific_errors:
            lines.append(f"Rij {invalid.number}: {message}")
    return lines
