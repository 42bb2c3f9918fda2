"""The case form on other pages: `{% load vermoeden %}{% vermoeden_form "home" %}`."""

from django import template

from vermoeden.case import PRAKTIJK_KEUZES, Case
from vermoeden.models import Situatie

register = template.Library()


@register.inclusion_tag("vermoeden/_form.html")
def vermoeden_form(form_id="vermoeden"):
    """An empty case form that GETs /vermoeden/. No queries."""
    return {
        "case": Case(),
        "form_id": form_id,
        "praktijk_keuzes": PRAKTIJK_KEUZES,
        "situatie_keuzes": Situatie.choices,
    }
