"""Building blocks of the public GET filter forms.

Django renders a <select> through a template and then every <option> through a template
of its own. The directory's filter form has about sixty options, and rendering them cost
about a third of a fresh directory page (docs/benchmarks.md). `Select` writes the same
HTML in Python; `tests/test_filtering.py` compares it with Django's own output.
"""

import django_filters
from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _attributes(attrs):
    """HTML attributes as django/forms/widgets/attrs.html writes them: True as a bare
    name, False left out, anything else as name="value"."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """forms.Select, rendered without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', name), mark_safe(_attributes(widget["attrs"]))]
        parts.append(">")
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in group_choices:
                # The newline after </option> is the one that ends Django's option template.
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        mark_safe(_attributes(option["attrs"])),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class ChoiceFilter(django_filters.ChoiceFilter):
    """django-filter's ChoiceFilter with the Select above."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", Select)
        super().__init__(*args, **kwargs)
