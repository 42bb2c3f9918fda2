"""The served OpenAPI description: HSDS 3.0's, with this profile's additions.

Built in memory from the vendored, unchanged `hsds/schema/openapi.json`:
- the HSDS object schemas are bundled into `components.schemas`, so the document is
  self-contained and works offline (upstream refers to raw.githubusercontent.com);
- the filters `gemeente` and `regio`, the JSON 400/404 answers and `/download.json`
  are added; parameters this API does not offer (postcode, proximity, minimal,
  full, top_only, parent_id) are removed;
- `info` names this API and the data licence.
As an adaptation of HSDS material it is CC BY-SA 4.0 (see hsds/README.md).
"""

import copy
import json
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds" / "schema"
UPSTREAM = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
UNSUPPORTED = {"postcode", "proximity", "minimal", "full", "top_only", "parent_id"}
AREA_FILTERED = ("/services", "/organizations", "/service_at_locations")


def _local_ref(ref: str) -> str:
    if ref.startswith("#"):
        return ref
    name = ref.removeprefix(UPSTREAM).removeprefix("compiled/").removesuffix(".json")
    name = name.removesuffix("_list")
    return f"#/components/schemas/{name}"


def _rewrite(node):
    if isinstance(node, dict):
        return {
            k: (_local_ref(v) if k == "$ref" and isinstance(v, str) else _rewrite(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(v) for v in node]
    return node


def _param_name(param, components):
    if "$ref" in param:
        return components["parameters"][param["$ref"].rsplit("/", 1)[1]]["name"]
    return param.get("name")


ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "message"],
            "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
        }
    },
}


def _error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


@cache
def _document(api_path: str, licence_name: str, licence_url: str, page_url: str) -> str:
    doc = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    doc["info"] = {
        "title": "Routekaart schadelijke praktijken: sociale kaart (HSDS 3.0)",
        "version": "3.0-nl.1",
        "summary": "De sociale kaart van het portaal als Open Referral HSDS 3.0.",
        "description": f"Profiel en uitleg: {page_url}. Gebaseerd op de HSDS 3.0 "
        "OpenAPI-beschrijving van Open Referral (CC BY-SA 4.0), aangepast: schema's "
        "gebundeld, filters gemeente en regio, foutantwoorden en /download.json toegevoegd.",
        "contact": {"name": "Redactie sociale kaart", "url": page_url},
        "license": {"name": licence_name, "url": licence_url},
    }
    doc["servers"] = [{"url": api_path.rstrip("/")}]
    components = doc["components"]
    components["parameters"]["gemeente"] = {
        "name": "gemeente",
        "in": "query",
        "description": "CBS-code van een gemeente, zoals GM0363 (profiel NL).",
        "schema": {"type": "string", "pattern": "^GM[0-9]{4}$"},
    }
    components["parameters"]["regio"] = {
        "name": "regio",
        "in": "query",
        "description": "Code van een Veilig Thuis-regio, zoals VT13 (profiel NL).",
        "schema": {"type": "string", "pattern": "^VT[0-9]{2}$"},
    }
    for path, item in doc["paths"].items():
        operation = item["get"]
        operation["parameters"] = [
            p
            for p in operation.get("parameters", [])
            if _param_name(p, components) not in UNSUPPORTED
        ]
        if path in AREA_FILTERED:
            operation["parameters"] += [
                {"$ref": "#/components/parameters/gemeente"},
                {"$ref": "#/components/parameters/regio"},
            ]
        operation["responses"]["400"] = _error_response("Verkeerde parameter / bad parameter.")
        if "{id}" in path:
            operation["responses"]["404"] = _error_response("Onbekend id / unknown id.")
    doc["paths"]["/download.json"] = {
        "get": {
            "summary": "Alle diensten met hun organisatie in één bestand (profiel NL).",
            "operationId": "getDownload",
            "responses": {
                "200": {
                    "description": "Elke dienst, volledig; opnieuw gemaakt bij nieuwe gegevens.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "services": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/service"},
                                    }
                                },
                            }
                        }
                    },
                }
            },
        }
    }
    for file in sorted(SCHEMA_DIR.glob("*.json")):
        if file.name != "openapi.json":
            components["schemas"][file.stem] = json.loads(file.read_text())
    components["schemas"]["Error"] = copy.deepcopy(ERROR)
    return json.dumps(_rewrite(doc), ensure_ascii=False)


def document(api_path, licence_name, licence_url, page_url) -> str:
    return _document(api_path, licence_name, licence_url, page_url)
