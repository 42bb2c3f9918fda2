"""The editing forms of the zelfscan: one screen per step with all its items."""

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory

from partners.models import Organisatie

from .models import TOELICHTING_MAX, Beoordeling


class BeoordelingForm(forms.ModelForm):
    """Stand, explanation and responsible organisations of one item.

    `regio` limits the organisations to those that serve the region; anything else,
    forged or stale, is refused with a message.
    """

    class Meta:
        model = Beoordeling
        fields = ("stand", "toelichting", "organisaties")
        widgets = {
            "stand": forms.RadioSelect,
            "toelichting": forms.Textarea(attrs={"rows": 3, "maxlength": TOELICHTING_MAX}),
            "organisaties": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "stand": {
                "invalid_choice": "Kies geregeld, in ontwikkeling, niet geregeld of onbekend."
            },
            "toelichting": {
                "max_length": f"De toelichting is te lang: hoogstens {TOELICHTING_MAX} tekens."
            },
            "organisaties": {
                "invalid_choice": "Deze organisatie bedient de regio niet; kies uit de lijst.",
                "invalid_pk_value": "Onbekende organisatie.",
            },
        }

    def __init__(self, *args, regio=None, punten=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisaties"].queryset = (
            Organisatie.objects.published().for_regio(regio).order_by("naam")
            if regio is not None
            else Organisatie.objects.none()
        )
        self.fields["organisaties"].required = False
        self.punt = (punten or {}).get(self.instance.item_key) if self.instance.pk else None


class BaseBeoordelingFormSet(BaseModelFormSet):
    """Only the items of this step of this scan: Django's model formsets accept the id of
    any row of the table and would then save a new one, so a forged id is refused here."""

    def clean(self):
        super().clean()
        allowed = set(self.get_queryset().values_list("pk", flat=True))
        for form in self.forms:
            chosen = form.cleaned_data.get("id") if hasattr(form, "cleaned_data") else None
            if chosen is None or chosen.pk not in allowed or form.instance._state.adding:
                raise forms.ValidationError(
                    "Een punt hoort niet bij deze stap van deze zelfscan; er is niets opgeslagen.",
                    code="foreign",
                )


BeoordelingFormSet = modelformset_factory(
    Beoordeling,
    form=BeoordelingForm,
    formset=BaseBeoordelingFormSet,
    extra=0,
    can_delete=False,
    max_num=200,
    validate_max=True,
)
