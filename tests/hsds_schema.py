"""Offline validation against the official HSDS 3.0 JSON Schemas (opendata/hsds/schema).

Draft 2020-12, format checks on. Strict: in memory, every object schema gets
`additionalProperties: false`, so a key that HSDS does not define fails. The
vendored files are not changed. As in HSDS's compiled schemas, a full organization
may carry `services` and a full service_at_location a `service`.
"""

import copy
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
DIR = Path(__file__).resolve().parent.parent / "opendata" / "hsds" / "schema"


def _strict(node):
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _strict(value)
    elif isinstance(node, list):
        for value in node:
            _strict(value)
    return node


def _schemas():
    schemas = {
        p.name: json.loads(p.read_text()) for p in DIR.glob("*.json") if p.name != "openapi.json"
    }
    # The one-to-many additions of HSDS's compiled schemas (not in the canonical files).
    org_full = copy.deepcopy(schemas["organization.json"])
    org_full["properties"]["services"] = {"type": "array", "items": {"$ref": "service.json"}}
    schemas["organization_full.json"] = org_full
    sal_full = copy.deepcopy(schemas["service_at_location.json"])
    sal_full["properties"]["service"] = {"$ref": "service.json"}
    schemas["service_at_location_full.json"] = sal_full
    openapi = json.loads((DIR / "openapi.json").read_text())
    page = copy.deepcopy(openapi["components"]["schemas"]["Page"])
    page["properties"]["contents"] = {"type": "array"}
    page["required"] = [*page["properties"]]
    schemas["page.json"] = page
    root = openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]
    schemas["root.json"] = {**root["schema"], "required": ["version", "profile", "openapi_url"]}
    return schemas


@cache
def _registry(strict):
    schemas = _schemas()
    if strict:
        schemas = {name: _strict(copy.deepcopy(s)) for name, s in schemas.items()}
    return Registry().with_resources(
        (BASE + name, Resource.from_contents(s, default_specification=DRAFT202012))
        for name, s in schemas.items()
    )


@cache
def validator(name, strict=True):
    return Draft202012Validator(
        {"$ref": BASE + name},
        registry=_registry(strict),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def errors(instance, name, strict=True):
    """Every problem of `instance` against schema file `name`, as readable lines."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in sorted(validator(name, strict).iter_errors(instance), key=lambda e: e.path)
    ]


# Which schema every item of a list endpoint, and every detail answer, must meet.
LIST_ITEM = {
    "services": "service.json",
    "organizations": "organization.json",
    "service_at_locations": "service_at_location.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}
DETAIL = {
    "services": "service.json",
    "organizations": "organization_full.json",
    "service_at_locations": "service_at_location_full.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}
