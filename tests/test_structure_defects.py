"""Defects found in the structure review (issue 11), one test each."""

import ast
import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import override_settings

from partners.models import Niveau, Organisatie, Organisatietype
from praktijken.models import Praktijk, Verschijningsvorm
from routekaart.models import Begrip, Hoofdstuk
from routekaart.publicatie import Status
from routekaart.search import rebuild_index, search
from stappen.models import Ketenstap
from tests.factories_curation import make_org

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("content")


def urls_of(query):
    return [r.url for r in search(query)]


@pytest.mark.parametrize("status", [Status.CONCEPT, Status.GEARCHIVEERD])
def test_1_unpublished_forms_stay_out_of_search_text(status):
    vgv = Praktijk.objects.get(slug="vgv")
    Verschijningsvorm.objects.create(
        praktijk=vgv,
        slug="geheim-concept",
        naam="Conceptvorm",
        beschrijving="Zwijgwoordxyz.",
        status=status,
    )
    rebuild_index()
    assert urls_of("zwijgwoordxyz") == []


def test_2_renaming_an_organisation_type_reaches_the_index_at_once():
    org = Organisatie.objects.published().select_related("type").first()
    org_type = org.type
    org_type.naam = "Hernoemdtypexyz"
    org_type.save()
    assert org.get_absolute_url() in urls_of("hernoemdtypexyz")


def test_2_a_published_form_reaches_the_index_at_once():
    vgv = Praktijk.objects.get(slug="vgv")
    vorm = Verschijningsvorm.objects.create(
        praktijk=vgv,
        slug="nieuwe-vorm",
        naam="Nieuwe vorm",
        beschrijving="Vormwoordxyz.",
        status=Status.CONCEPT,
    )
    assert urls_of("vormwoordxyz") == []
    vorm.status = Status.GEPUBLICEERD
    vorm.save()
    assert vgv.get_absolute_url() in urls_of("vormwoordxyz")
    vorm.delete()
    assert urls_of("vormwoordxyz") == []


def test_2_renaming_a_chapter_reaches_its_sections_at_once():
    chapter = Hoofdstuk.objects.get(slug="rol-en-kader")
    chapter.titel = "Hoofdstukwoordxyz"
    chapter.save()
    assert any(url.startswith(chapter.get_absolute_url()) for url in urls_of("hoofdstukwoordxyz"))


def test_3_a_regional_organisation_is_never_shown_as_national_expert(client):
    vgv = Praktijk.objects.get(slug="vgv")
    regional = make_org("regionaal-vgv-team", naam="Regionaal VGV-team", niveau=Niveau.REGIONAAL)
    regional.expert_voor.add(vgv)
    html = client.get(vgv.get_absolute_url()).content.decode()
    assert "Pharos" in html
    assert "Regionaal VGV-team" not in html


def test_4_the_step_filter_offers_only_published_steps(client):
    Ketenstap.objects.filter(nummer=7).update(status=Status.CONCEPT)
    html = client.get("/partners/").content.decode()
    options = re.findall(
        r'<option value="(\d)"', html.split('name="stap"')[1].split("</select>")[0]
    )
    assert options == ["1", "2", "3", "4", "5", "6"]


def test_6_every_template_filter_and_tag_is_used():
    """A filter or tag that no template uses is dead code (get_item was)."""
    from django.template import engines

    templates = "\n".join(p.read_text() for p in (ROOT / "templates").rglob("*.html"))
    libraries = engines["django"].engine.template_libraries
    unused = []
    for name in ("portal", "inhoud", "sociale_kaart", "ketenstappen"):
        library = libraries[name]
        for used in [*library.filters, *library.tags]:
            if not re.search(rf"(\|{used}\b|{{% {used}\b)", templates):
                unused.append(f"{name}.{used}")
    assert unused == []


@pytest.mark.parametrize("literal", ["landelijk", "algemeen", "lokaal", "regionaal"])
def test_7_no_domain_literals_in_templates_and_views(literal):
    """Templates and views use the models' choices, never the stored values."""
    files = [*(ROOT / "templates").rglob("*.html"), *ROOT.glob("*/views.py")]
    offenders = [
        str(f.relative_to(ROOT)) for f in files if re.search(rf"[\"']{literal}[\"']", f.read_text())
    ]
    assert offenders == []


@override_settings(ROOT_URLCONF="tests.urls_prefixed")
def test_8_search_links_follow_the_url_configuration():
    """Behind a proxy on a sub-path, glossary hits link under that path too."""
    begrip = Begrip.objects.published().first()
    rebuild_index()
    assert f"/portaal/begrippen/#{begrip.slug}" in urls_of(begrip.term)


def test_9_no_empty_contact_list_when_the_website_is_hidden():
    org = Organisatie(naam="Alleen een website", website="https://example.org/")
    html = render_to_string("partners/includes/_contact.html", {"org": org, "show_website": False})
    assert "<ul" not in html
    html = render_to_string("partners/includes/_contact.html", {"org": org, "show_website": True})
    assert "https://example.org/" in html


def test_10_test_modules_import_no_other_test_module():
    """Shared helpers live in conftest.py or a helper module, never in a test module."""
    offenders = []
    for path in (ROOT / "tests").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.split(".")[-1].startswith("test_"):
                    offenders.append(f"{path.name}: {node.module}")
    assert offenders == []


def test_national_experts_have_one_home():
    """Every page that names the national expert of a practice agrees with the others."""
    from partners.experts import experts_for, practices_with_experts

    for praktijk in practices_with_experts():
        assert praktijk.eerste_experts == experts_for(praktijk)
        assert all(o.niveau == Niveau.LANDELIJK for o in praktijk.eerste_experts)
    assert Organisatietype.objects.exists()
