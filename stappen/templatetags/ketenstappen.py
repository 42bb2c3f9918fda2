"""The chain steps for pages of apps below `stappen`: `{% load ketenstappen %}`."""

from django import template

from stappen.models import published_steps

register = template.Library()


@register.simple_tag
def ketenstappen():
    """The published steps in order. Usage: {% ketenstappen as stappen %} (cached per
    data version: no query on a warm cache)."""
    return published_steps()
