"""The chain steps for pages of apps below `stappen`: `{% load ketenstappen %}`."""

from django import template

from stappen.models import Ketenstap

register = template.Library()


@register.simple_tag
def ketenstappen():
    """The published steps in order. Usage: {% ketenstappen as stappen %} (one query)."""
    return list(Ketenstap.objects.published())
