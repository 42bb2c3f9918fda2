"""The django-otp device pages in Dutch (the package has no translations).

Same pages and rules as django-otp's own admin classes; only the labels differ:
columns, filters, search help, fieldsets and form labels. Model and section names
are set in routekaart/admin_apps.py. Devices are enrolled with
`manage.py admin_totp USERNAME`; here a superuser can see or remove them.
"""

from django.contrib import admin
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin, StaticTokenInline
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

LABELS = {
    "user": "Gebruiker",
    "name": "Naam van het apparaat",
    "confirmed": "Bevestigd",
    "created_at": "Aangemaakt op",
    "last_used_at": "Laatst gebruikt op",
    "key": "Geheime sleutel",
    "step": "Tijdstap (seconden)",
    "t0": "Starttijd (Unix-tijd)",
    "digits": "Aantal cijfers",
    "tolerance": "Tolerantie (tijdstappen)",
    "drift": "Afwijking van de klok (tijdstappen)",
    "throttling_failure_timestamp": "Laatste mislukte poging",
    "throttling_failure_count": "Aantal mislukte pogingen na elkaar",
    "token": "Code",
}
HELP_TEXTS = {
    "user": "De gebruiker van wie dit apparaat is.",
    "name": "Een herkenbare naam, bijvoorbeeld ‘Telefoon Anna’.",
    "confirmed": "Is het apparaat klaar voor gebruik?",
    "created_at": "",
    "last_used_at": "",
    "key": "Geheime sleutel (hexadecimaal, tot 40 bytes).",
    "step": "",
    "t0": "",
    "digits": "",
    "tolerance": "Hoeveel tijdstappen een code te vroeg of te laat mag zijn.",
    "drift": "",
    "throttling_failure_timestamp": "",
    "throttling_failure_count": "",
}
SECTIONS = {
    "Identity": "Apparaat",
    "Timestamps": "Tijdstippen",
    "Configuration": "Instellingen",
    "State": "Toestand",
    "Throttling": "Beperking na mislukte pogingen",
}


def titled_filter(field, filter_class, title):
    """A list filter on `field` with a Dutch title (Django takes it from the field's name)."""

    def __init__(self, *args, **kwargs):
        filter_class.__init__(self, *args, **kwargs)
        self.title = title

    return (field, type(f"Nl{filter_class.__name__}", (filter_class,), {"__init__": __init__}))


class DutchDeviceAdminMixin:
    list_display = ("gebruiker", "naam", "aangemaakt_op", "laatst_gebruikt_op", "bevestigd")
    list_filter = (
        titled_filter("created_at", admin.DateFieldListFilter, "aangemaakt op"),
        titled_filter("last_used_at", admin.DateFieldListFilter, "laatst gebruikt op"),
        titled_filter("confirmed", admin.BooleanFieldListFilter, "bevestigd"),
    )
    search_help_text = "Zoek op gebruikersnaam of e-mailadres van de gebruiker."
    readonly_fields = ("aangemaakt_op", "laatst_gebruikt_op")
    # The package's timestamps are shown through the Dutch columns above.
    renamed_fields = {"created_at": "aangemaakt_op", "last_used_at": "laatst_gebruikt_op"}

    @admin.display(description="Gebruiker", ordering="user__username")
    def gebruiker(self, obj):
        return obj.user

    @admin.display(description="Naam van het apparaat", ordering="name")
    def naam(self, obj):
        return obj.name

    @admin.display(description="Aangemaakt op", ordering="created_at")
    def aangemaakt_op(self, obj):
        return obj.created_at

    @admin.display(description="Laatst gebruikt op", ordering="last_used_at")
    def laatst_gebruikt_op(self, obj):
        return obj.last_used_at

    @admin.display(description="Bevestigd", boolean=True, ordering="confirmed")
    def bevestigd(self, obj):
        return obj.confirmed

    def get_form(self, request, obj=None, **kwargs):
        kwargs["labels"] = LABELS
        kwargs["help_texts"] = HELP_TEXTS
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for title, options in super().get_fieldsets(request, obj):
            fields = [self.renamed_fields.get(f, f) for f in options["fields"]]
            if obj is None and set(fields) <= set(self.renamed_fields.values()):
                continue  # no timestamps before the device exists
            fieldsets.append((SECTIONS.get(title, title), {**options, "fields": fields}))
        return fieldsets


class TOTPApparaatAdmin(DutchDeviceAdminMixin, TOTPDeviceAdmin):
    pass


class ReservecodeInline(StaticTokenInline):
    verbose_name = "reservecode"
    verbose_name_plural = "reservecodes"

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["labels"] = {"token": "Code"}
        return super().get_formset(request, obj, **kwargs)


class ReservecodesAdmin(DutchDeviceAdminMixin, StaticDeviceAdmin):
    inlines = [ReservecodeInline]


def register(site):
    """Replace django-otp's own admin classes on `site` by the Dutch ones."""
    for model, model_admin in ((TOTPDevice, TOTPApparaatAdmin), (StaticDevice, ReservecodesAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
