"""Migration 0007 gives every existing organisation and facility its own UUID."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("partners", "0006_indelingen_woonplaatsen_postcodes")]
AFTER = [("partners", "0007_open_data_uuid_bereikbaarheid")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_rows_distinct_uuids():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    Organisatietype = old.get_model("partners", "Organisatietype")
    Organisatie = old.get_model("partners", "Organisatie")
    Voorziening = old.get_model("partners", "Voorziening")
    assert "uuid" not in {f.name for f in Organisatie._meta.fields}
    org_type = Organisatietype.objects.create(slug="t", naam="T", niveau="lokaal")
    for i in range(5):
        org = Organisatie.objects.create(slug=f"o{i}", naam=f"O{i}", type=org_type, niveau="lokaal")
        Voorziening.objects.create(organisatie=org, naam=f"V{i}")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    for name in ("Organisatie", "Voorziening"):
        values = list(new.get_model("partners", name).objects.values_list("uuid", flat=True))
        assert len(values) == 5 and len(set(values)) == 5 and None not in values
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
