"""Users and groups in the admin: Dutch permission names, and one form for a regional editor.

Django stores permission names in English ("Can add access attempt", from the
model's untranslated name); the permission pickers here show them in Dutch,
built from the section and model names the admin shows elsewhere.

"Regionale redacteur toevoegen" (auth/user/regionale-redacteur/) creates the user
with a validated password, the role "Regionale redactie" and the Veilig
Thuis-regio's in one submit. Only those who may add users and assign regions
(superusers, unless granted otherwise) see or use it.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from partners.models import VeiligThuisRegio
from partners.services import redacteur_regionaal_maken

ACTIONS = {"add": "toevoegen", "change": "wijzigen", "delete": "verwijderen", "view": "bekijken"}
TITLE = "Regionale redacteur toevoegen"


def permission_label(permission):
    """'Sociale kaart | organisatie | wijzigen' for the permission change_organisatie."""
    model = permission.content_type.model_class()
    if model is None:  # a stale content type of a removed model
        return str(permission)
    action, _, model_name = permission.codename.partition("_")
    name = ACTIONS[action] if model_name == model._meta.model_name and action in ACTIONS else None
    return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name} | " + (
        name or permission.name
    )


def may_make_editors(user):
    """Whether `user` may create users and assign them regions."""
    return user.has_perm("auth.add_user") and user.has_perm("partners.add_redacteur")


class RegionaleRedacteurForm(UserCreationForm):
    """Django's user creation form (password validators, Dutch messages) plus the regions."""

    regios = forms.ModelMultipleChoiceField(
        label="Veilig Thuis-regio's",
        queryset=VeiligThuisRegio.objects.order_by("organisatie_naam"),
        widget=FilteredSelectMultiple("Veilig Thuis-regio's", is_stacked=False),
        help_text="De regio's waarin deze redacteur organisaties, contactpersonen en "
        "voorzieningen mag bekijken en wijzigen.",
        error_messages={
            "required": "Kies minstens één Veilig Thuis-regio.",
            "invalid_choice": "Deze Veilig Thuis-regio bestaat niet (meer): %(value)s.",
            "invalid_pk_value": "Dit is geen geldige Veilig Thuis-regio: %(pk)s.",
        },
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def save(self, commit=True):
        with transaction.atomic():
            user = super().save(commit=False)
            user.is_staff = True
            user.save()
            redacteur_regionaal_maken(user, self.cleaned_data["regios"])
        return user


class DutchPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions") and field is not None:
            field.label_from_instance = permission_label
        return field


class PortalUserAdmin(DutchPermissionsMixin, UserAdmin):
    def get_urls(self):
        view = self.admin_site.admin_view(self.regionale_redacteur_view)
        own = [path("regionale-redacteur/", view, name="auth_user_regionale_redacteur")]
        return own + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        context = {"kan_redacteur_maken": may_make_editors(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra_context=context)

    def regionale_redacteur_view(self, request):
        context = {**self.admin_site.each_context(request), "title": TITLE}
        if not may_make_editors(request.user):
            context["reden"] = (
                "Alleen beheerders die gebruikers mogen aanmaken en regio's mogen toewijzen, "
                "kunnen een regionale redacteur toevoegen."
            )
            return TemplateResponse(request, "admin/geen_toegang.html", context, status=403)
        form = RegionaleRedacteurForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            user = form.save()
            regios = ", ".join(r.organisatie_naam for r in form.cleaned_data["regios"])
            message = f"Regionale redacteur ‘{user.get_username()}’ aangemaakt, voor: {regios}."
            if settings.ADMIN_REQUIRE_2FA:
                message += (
                    " Koppel nog een authenticator-app met "
                    f"`manage.py admin_totp {user.get_username()}`; zonder code kan deze "
                    "redacteur niet inloggen."
                )
            self.message_user(request, message, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:partners_redacteur_changelist"))
        context.update(form=form, opts=self.model._meta)
        return TemplateResponse(request, "admin/auth/user/regionale_redacteur.html", context)


class PortalGroupAdmin(DutchPermissionsMixin, GroupAdmin):
    pass


def register(site):
    """Replace Django's own User and Group admin classes on `site`."""
    for model, model_admin in ((User, PortalUserAdmin), (Group, PortalGroupAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
