"""Regioprofiel en zelfscan (issue 15): editing scoped to the region, publication, the
national picture, expertise coverage, exports and bad input."""

import csv
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from partners.models import Niveau, Organisatie, VeiligThuisRegio
from praktijken.models import Praktijk
from tests.factories_curation import make_landelijk, make_org, make_regionaal
from zelfscan.items import alle_punten, stappen_met_punten
from zelfscan.models import TOELICHTING_MAX, Beoordeling, Stand, Zelfscan
from zelfscan.services import scan_for_editing

pytestmark = pytest.mark.usefixtures("content")

UTRECHT = "veilig-thuis-utrecht"
ADMIN = "/beheer/zelfscan/zelfscan/"


@pytest.fixture
def utrecht():
    return VeiligThuisRegio.objects.get(slug=UTRECHT)


@pytest.fixture
def editor(client, utrecht):
    client.force_login(make_regionaal([utrecht], "redactie-utrecht"))
    return client


def _step_url(scan, nummer):
    return f"{ADMIN}{scan.pk}/stap/{nummer}/"


def _post_data(client, url, **overrides):
    """The step's formset as the page renders it, with every item set to `stand`."""
    response = client.get(url)
    assert response.status_code == 200
    formset = response.context["formset"]
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(formset.total_form_count()),
        f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(formset.forms):
        data[f"{formset.prefix}-{i}-id"] = str(form.instance.pk)
        data[f"{formset.prefix}-{i}-stand"] = overrides.get("stand", Stand.GEREGELD)
        data[f"{formset.prefix}-{i}-toelichting"] = overrides.get("toelichting", "Afspraak staat.")
    data.update(overrides.get("extra", {}))
    return data


def test_items_follow_the_routekaart():
    steps = {s.nummer: s for s in stappen_met_punten()}
    assert len(steps) == 7
    # Steps 3 to 7 use their aandachtspunten; 1 and 2 the sections under "wat moet er geregeld".
    assert all(p.is_aandachtspunt for n in (3, 4, 5, 6, 7) for p in steps[n].punten)
    assert [p.titel for p in steps[1].punten][:2] == [
        "Het gesprek aangaan met gemeenschappen",
        "Inzetten op sleutelfiguren",
    ]
    assert len(alle_punten()) == 14 + len(steps[1].punten)


def test_a_region_without_a_published_scan_says_so(client, utrecht):
    html = client.get(f"/regios/{UTRECHT}/zelfscan/").content.decode()
    assert "nog niet ingevuld of nog niet gepubliceerd" in html
    scan = scan_for_editing(utrecht)
    scan.beoordelingen.update(stand=Stand.GEREGELD)
    cache.clear()
    html = client.get(f"/regios/{UTRECHT}/zelfscan/").content.decode()
    assert "nog niet ingevuld of nog niet gepubliceerd" in html  # a concept stays private
    assert client.get("/regios/bestaat-niet/zelfscan/").status_code == 404


def test_a_regional_editor_fills_in_the_whole_region_in_at_most_seven_submits(editor, utrecht):
    response = editor.get(ADMIN)
    assert response.status_code == 200
    scan = Zelfscan.objects.get(regio=utrecht)
    submits = 0
    for stap in stappen_met_punten():
        if not stap.punten:
            continue
        url = _step_url(scan, stap.nummer)
        response = editor.post(url, _post_data(editor, url))
        assert response.status_code == 302, response.content.decode()[:500]
        submits += 1
    assert submits <= 7
    stands = set(scan.beoordelingen.values_list("stand", flat=True))
    assert stands == {Stand.GEREGELD}
    beoordeling = scan.beoordelingen.first()
    assert beoordeling.beoordeeld_door == "Regionale redactie"
    assert beoordeling.beoordeeld_op is not None
    assert beoordeling.history.count() >= 2  # history, as for partners


def test_another_regions_scan_is_refused_on_get_and_on_a_forged_post(editor):
    other = scan_for_editing(VeiligThuisRegio.objects.get(slug="veilig-thuis-drenthe"))
    url = _step_url(other, 3)
    assert editor.get(url).status_code == 403
    ids = list(other.beoordelingen.values_list("pk", flat=True))[:1]
    forged = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(ids[0]),
        "form-0-stand": Stand.GEREGELD,
        "form-0-toelichting": "vervalst",
    }
    assert editor.post(url, forged).status_code == 403
    assert not Beoordeling.objects.filter(toelichting="vervalst").exists()
    assert editor.get(f"{ADMIN}{other.pk}/change/").status_code in (302, 403)


def test_a_forged_item_of_another_region_inside_an_own_step_saves_nothing(editor, utrecht):
    own = scan_for_editing(utrecht)
    other = scan_for_editing(VeiligThuisRegio.objects.get(slug="veilig-thuis-drenthe"))
    url = _step_url(own, 3)
    data = _post_data(editor, url)
    foreign = other.beoordelingen.filter(aandachtspunt__isnull=False).first()
    data["form-0-id"] = str(foreign.pk)
    response = editor.post(url, data)
    assert response.status_code == 200
    foreign.refresh_from_db()
    assert foreign.stand == Stand.ONBEKEND
    assert not own.beoordelingen.filter(stand=Stand.GEREGELD).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("stand", "half-geregeld", "Kies geregeld, in ontwikkeling"),
        ("toelichting", "x" * (TOELICHTING_MAX + 1), "te lang"),
        ("organisaties", "outside", "bedient de regio niet"),
    ],
)
def test_bad_input_is_refused_per_field_and_nothing_is_saved(
    editor, utrecht, field, value, message
):
    scan = scan_for_editing(utrecht)
    url = _step_url(scan, 5)
    if value == "outside":
        outside = make_org("voorbeeld-buiten-utrecht", niveau=Niveau.REGIONAAL)
        outside.veilig_thuis_regios.set([VeiligThuisRegio.objects.get(slug="veilig-thuis-drenthe")])
        data = _post_data(editor, url, extra={"form-1-organisaties": str(outside.pk)})
    else:
        data = _post_data(editor, url, **{field: value})
    response = editor.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not scan.beoordelingen.exclude(stand=Stand.ONBEKEND).exists()


def test_publishing_shows_the_scan_with_its_date_and_the_gemeente_links_to_it(client, utrecht):
    scan = scan_for_editing(utrecht)
    b = scan.beoordelingen.filter(aandachtspunt__isnull=False).first()
    b.stand, b.toelichting = Stand.GEREGELD, "Zie **convenant** <script>alert(1)</script>"
    archived = make_org("voorbeeld-gearchiveerd", status="gearchiveerd")
    b.organisaties.set([Organisatie.objects.get(slug=UTRECHT), archived])
    b.save()
    national = make_landelijk("landelijk")
    client.force_login(national)
    response = client.post(f"{ADMIN}{scan.pk}/change/", {"status": "gepubliceerd"})
    assert response.status_code == 302
    scan.refresh_from_db()
    assert scan.is_published and scan.gepubliceerd_op is not None
    client.logout()
    cache.clear()
    html = client.get(f"/regios/{UTRECHT}/zelfscan/").content.decode()
    assert "Gepubliceerd op" in html
    assert "<strong>convenant</strong>" in html and "<script>alert" not in html
    assert f'href="/partners/{UTRECHT}/"' in html
    assert "voorbeeld-gearchiveerd" not in html  # no dead links to archived partners
    gemeente = client.get("/gemeenten/utrecht/").content.decode()
    assert f'href="/regios/{UTRECHT}/zelfscan/"' in gemeente


def _fill_all(seed=7):
    call_command("generate_fictitious_partners", count=60, seed=seed, verbosity=0)
    call_command("generate_fictitious_zelfscan", seed=seed, stdout=io.StringIO())
    cache.clear()


def test_the_national_table_map_and_items_show_the_published_scans(client):
    _fill_all()
    html = client.get("/zelfscan/").content.decode()
    scan = Zelfscan.objects.get(regio__slug=UTRECHT)
    step3 = next(s for s in stappen_met_punten() if s.nummer == 3)
    keys = {p.key for p in step3.punten}
    rows = [b for b in scan.beoordelingen.all() if b.item_key in keys]
    share = round(100 * sum(b.stand == Stand.GEREGELD for b in rows) / len(rows))
    row = html[html.index(f'href="/regios/{UTRECHT}/zelfscan/"') :]
    row = row[: row.index("</tr>")]
    cells = row.split("<td>")
    assert cells[3].startswith(f"{share}%")
    svg = html[html.index('class="vt-map__svg"') : html.index("</svg>")]
    assert svg.count("zelfscan-kaart__regio--") == 25
    assert svg.count("<text ") == 25  # the share as a number, not colour alone
    arranged = (
        Beoordeling.objects.filter(stand=Stand.GEREGELD, aandachtspunt__isnull=False)
        .select_related("scan__regio", "aandachtspunt")
        .first()
    )
    assert f"#punt-{arranged.item_key}-" in html


def test_an_unpublished_region_reads_not_filled_in_in_the_national_table(client):
    _fill_all()
    Zelfscan.objects.filter(regio__slug=UTRECHT).update(status=Zelfscan.Status.CONCEPT)
    cache.clear()
    html = client.get("/zelfscan/").content.decode()
    row = html[html.index(f'href="/regios/{UTRECHT}/zelfscan/"') :]
    assert "Nog niet ingevuld" in row[: row.index("</tr>")]


def test_expertise_coverage_counts_the_partners_and_names_blind_spots(client, utrecht):
    vgv = Praktijk.objects.get(slug="vgv")
    for i in range(2):
        org = make_org(f"voorbeeld-vgv-utrecht-{i}", niveau=Niveau.REGIONAAL)
        org.veilig_thuis_regios.set([utrecht])
        org.praktijken.set([vgv])
    cache.clear()
    expected = (
        Organisatie.objects.published()
        .for_regio(utrecht)
        .exclude(niveau=Niveau.LANDELIJK)
        .filter(praktijken=vgv)
        .count()
    )
    html = client.get("/zelfscan/").content.decode()
    table = html[html.index('id="dekking-tabel-titel"') :]
    row = table[table.index(f'<th scope="row">{utrecht.organisatie_naam}</th>') :]
    row = row[: row.index("</tr>")]
    assert f'praktijk=vgv">{expected}</a>' in row
    assert "blinde vlek" in table
    region = client.get(f"/regios/{UTRECHT}/").content.decode()
    assert f"{expected} partners" in region


def test_csv_exports_every_item_of_the_published_scans(client):
    _fill_all()
    content = client.get("/zelfscan/zelfscans.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:4] == ["regio", "stap", "punt", "stand"]
    per_region = sum(len(s.punten) for s in stappen_met_punten())
    assert len(rows) - 1 == 25 * per_region
    assert all(r[4].startswith("FICTIEF") for r in rows[1:])
    one = client.get(f"/regios/{UTRECHT}/zelfscan/zelfscan.csv")
    assert one["Content-Type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(one.content.decode("utf-8-sig"))))) == per_region + 1


def test_a_formula_in_an_explanation_stays_text_in_the_csv(client, utrecht):
    scan = scan_for_editing(utrecht)
    scan.beoordelingen.update(toelichting="=HYPERLINK(1)")
    scan.status = Zelfscan.Status.GEPUBLICEERD
    scan.save()
    content = client.get(f"/regios/{UTRECHT}/zelfscan/zelfscan.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in content


@pytest.mark.parametrize(
    ("url", "expected"), [("/zelfscan/", 5), (f"/regios/{UTRECHT}/zelfscan/", 5)]
)
def test_query_counts_are_pinned_with_every_region_filled(
    client, django_assert_num_queries, url, expected
):
    _fill_all()
    client.get(f"{url}?warm=1")
    with django_assert_num_queries(expected):
        assert client.get(f"{url}?uncached=1").status_code == 200


def test_a_review_older_than_a_year_shows_as_due(client, utrecht):
    from datetime import timedelta

    from django.utils import timezone

    scan = scan_for_editing(utrecht)
    old = scan.beoordelingen.filter(aandachtspunt__isnull=False).first()
    old.stand, old.beoordeeld_door = Stand.GEREGELD, "Regionale redactie"
    old.beoordeeld_op = timezone.localdate() - timedelta(days=400)
    old.save()
    recent = scan.beoordelingen.exclude(pk=old.pk).filter(aandachtspunt__isnull=False).first()
    recent.beoordeeld_op = timezone.localdate() - timedelta(days=30)
    recent.save()
    scan.status = Zelfscan.Status.GEPUBLICEERD
    scan.save()
    html = client.get(f"/regios/{UTRECHT}/zelfscan/").content.decode()
    assert html.count("opnieuw te beoordelen") == len(old.aandachtspunt.stappen.all())


def test_history_of_another_regions_item_is_closed_to_a_regional_editor(editor):
    other = scan_for_editing(VeiligThuisRegio.objects.get(slug="veilig-thuis-drenthe"))
    item = other.beoordelingen.first()
    for suffix in ("change/", "history/"):
        response = editor.get(f"/beheer/zelfscan/beoordeling/{item.pk}/{suffix}")
        assert response.status_code in (302, 403, 404), suffix
        assert "Drenthe" not in response.content.decode() or response.status_code != 200
