"""Markdown rendered at save time (routekaart.rendered) gives what rendering it now gives."""

import pytest
from django.apps import apps
from django.core.management import call_command

from routekaart.glossary import glossary
from routekaart.markup import render_markdown
from routekaart.models import Hoofdstuk
from routekaart.templatetags.portal import glossary_abbr


def models_with_markdown():
    return [m for m in apps.get_models() if getattr(m, "markdown_fields", None)]


def test_the_content_models_declare_their_markdown_fields():
    names = {m.__name__ for m in models_with_markdown()}
    assert {
        "Hoofdstuk",
        "Sectie",
        "Kader",
        "Praktijk",
        "Aandachtspunt",
        "Organisatie",
        "Voorziening",
        "Routeregel",
        "Beoordeling",
    } <= names
    for model in models_with_markdown():
        for name in model.markdown_fields:
            assert model._meta.get_field(f"{name}_html").editable is False


@pytest.mark.usefixtures("content")
def test_stored_html_of_all_content_equals_rendering_it_now():
    """load_content (loaddata) fills the fields; with the glossary they match byte for byte."""
    checked = 0
    for model in models_with_markdown():
        for record in model.objects.all():
            for name in model.markdown_fields:
                stored = glossary_abbr(getattr(record, f"{name}_html"))
                fresh = render_markdown(getattr(record, name) or "", glossary())
                assert stored == fresh, (record, name)
                checked += 1
    assert checked > 250


@pytest.mark.django_db
def test_save_and_update_fields_render_the_markdown():
    chapter = Hoofdstuk.objects.create(slug="h", titel="H", samenvatting="Een *zin*.")
    assert chapter.samenvatting_html == "<p>Een <em>zin</em>.</p>"
    chapter.samenvatting = "Een **zin**."
    chapter.save(update_fields=["samenvatting"])
    chapter.refresh_from_db()
    assert chapter.samenvatting_html == "<p>Een <strong>zin</strong>.</p>"


@pytest.mark.usefixtures("content")
def test_an_organisation_saved_with_update_fields_stores_its_html():
    from partners.models import Organisatie

    org = Organisatie.objects.get(slug="lkha")
    org.beschrijving = "Een *nieuwe* zin."
    org.save(update_fields=["beschrijving"])
    org.refresh_from_db()
    assert org.beschrijving_html == "<p>Een <em>nieuwe</em> zin.</p>"


@pytest.mark.django_db
def test_the_stored_html_is_sanitised():
    chapter = Hoofdstuk.objects.create(
        slug="s", titel="S", samenvatting="<script>x()</script>[a](javascript:x)"
    )
    chapter.refresh_from_db()
    assert "<script" not in chapter.samenvatting_html
    assert "javascript:" not in chapter.samenvatting_html


def test_loaddata_fills_the_html(db, tmp_path):
    fixture = tmp_path / "h.json"
    fixture.write_text(
        '[{"model": "routekaart.hoofdstuk", "fields": '
        '{"slug": "f", "titel": "F", "samenvatting": "Een *zin*."}}]'
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert Hoofdstuk.objects.get(slug="f").samenvatting_html == "<p>Een <em>zin</em>.</p>"
