"""Markdown rendered when a record is saved, so that a page view does not render it.

A model names its Markdown fields in `markdown_fields`; each field `x` has a companion
`x_html` (made by `rendered_field()`) that holds the sanitised HTML. A pre_save
receiver fills them on every path that saves a single record: `save()`, the admin,
`loaddata` (fixtures, `load_content`) and restores. Bulk writes (`bulk_create`,
`bulk_update`, `QuerySet.update()`) send no signal: call `fill_rendered()` on the
objects first.

The stored HTML is the Markdown without the glossary's <abbr> markup: the glossary
changes on its own, so templates add it at render time with the `glossary_abbr`
filter (a single regular-expression pass). Together they give exactly what the
`markdown` filter gives. Part of the core: it imports no app.
"""

from django.db import models
from django.db.models.signals import pre_save

from routekaart.markup import render_markdown


def rendered_field(source: str) -> models.TextField:
    """The companion field that stores the rendered HTML of the Markdown field `source`."""
    return models.TextField(
        f"{source} (HTML)",
        blank=True,
        default="",
        editable=False,
        help_text=f"De weergave van '{source}', bijgewerkt bij elke opslag.",
    )


def fill_rendered(*objects) -> None:
    """Render the Markdown fields of each object into their `_html` companions."""
    for obj in objects:
        for name in getattr(type(obj), "markdown_fields", ()):
            setattr(obj, f"{name}_html", render_markdown(getattr(obj, name) or ""))


def with_rendered(model, update_fields) -> set[str]:
    """`update_fields` plus the `_html` companion of each Markdown field among them, for a
    `save(update_fields=...)` that must store the HTML the pre_save receiver renders."""
    fields = set(update_fields)
    markdown = set(getattr(model, "markdown_fields", ())) & fields
    return fields | {f"{name}_html" for name in markdown}


def filler(app_label: str, fields_by_model: dict[str, tuple[str, ...]]):
    """A data migration's function that renders the Markdown of existing records.

    Usage: `migrations.RunPython(filler("partners", {"Voorziening": ("beschrijving",)}))`
    after the AddField operations of the `_html` companions. It works on the migration's
    historical models, so it names the fields itself rather than read `markdown_fields`.
    """

    def fill(apps, schema_editor):
        for name, fields in fields_by_model.items():
            model = apps.get_model(app_label, name)
            records = list(model.objects.all())
            for record in records:
                for field in fields:
                    html = render_markdown(getattr(record, field) or "")
                    setattr(record, f"{field}_html", html)
            model.objects.bulk_update(
                records, [f"{field}_html" for field in fields], batch_size=500
            )

    return fill


def _on_pre_save(sender, instance, **kwargs):
    if getattr(sender, "markdown_fields", None):
        fill_rendered(instance)


def connect() -> None:
    pre_save.connect(_on_pre_save, dispatch_uid="portal-render-markdown")
