"""The floors of the house: which code may import which.

Every Python module of the apps is parsed (with `ast`, nothing is imported) and
each import of project code is checked against the layer matrix below. Lower
layers never import higher ones; higher layers contribute to lower pages through
template tags and registries instead (see README, Layout).

    site        routekaart.site_views, urls, settings, admin site, backup commands
      ↓         (may import everything)
    features    vermoeden, zelfscan, opendata: each imports the layers below, never
      ↓         another feature; nothing below imports a feature
    partners    core, praktijken, stappen          inhoud (routekaart content)
      ↓                                              core, praktijken, stappen
    stappen     core, praktijken
      ↓
    praktijken  core
      ↓
    core        routekaart.publicatie, versioning, caching, search … (no app)
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Feature apps of the later rounds sit on top of partners and content; they do not
# import each other, and nothing below imports them.
FEATURES = ("vermoeden", "zelfscan", "opendata")
APPS = ("routekaart", "praktijken", "stappen", "partners", *FEATURES)

# Modules of the routekaart package that every app may use; they import no app.
CORE = {
    "routekaart.admin_base",
    "routekaart.backup",
    "routekaart.caching",
    "routekaart.changes",
    "routekaart.conf",
    "routekaart.context_processors",
    "routekaart.core_models",
    "routekaart.filtering",
    "routekaart.markup",
    "routekaart.middleware",
    "routekaart.navigation",
    "routekaart.pagination",
    "routekaart.publicatie",
    "routekaart.rendered",
    "routekaart.restore",
    "routekaart.search",
    "routekaart.search_registry",
    "routekaart.search_words",
    "routekaart.versioning",
}
# The top of the house: pages and commands that combine every app.
SITE = {
    "routekaart.admin_apps",
    "routekaart.admin_otp",
    "routekaart.admin_users",
    "routekaart.admin_site",
    "routekaart.management",
    "routekaart.settings",
    "routekaart.site_views",
    "routekaart.urls",
    "routekaart.wsgi",
}

ALLOWED = {
    "core": {"core"},
    "praktijken": {"core", "praktijken"},
    "stappen": {"core", "praktijken", "stappen"},
    "inhoud": {"core", "praktijken", "stappen", "inhoud"},
    "partners": {"core", "praktijken", "stappen", "partners"},
    **{
        feature: {"core", "praktijken", "stappen", "inhoud", "partners", feature}
        for feature in FEATURES
    },
    "site": {"core", "praktijken", "stappen", "inhoud", "partners", *FEATURES, "site"},
}


def _within(module, prefixes):
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def layer_of(module: str) -> str | None:
    """The layer of a dotted module name, or None for code outside the apps."""
    top = module.split(".")[0]
    if top not in APPS:
        return None
    if top != "routekaart":
        return top
    if _within(module, CORE):
        return "core"
    if _within(module, SITE):
        return "site"
    return "inhoud"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.AST, module: str, is_package: bool):
    """(line, dotted name) of every import in a module, relative ones resolved."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            yield node.lineno, target
            for alias in node.names:  # `from routekaart import search` imports a module
                yield node.lineno, f"{target}.{alias.name}"


def forbidden_imports(path: Path, source: str | None = None) -> list[str]:
    module = module_name(path)
    layer = layer_of(module)
    if layer is None:
        return []
    tree = ast.parse(source if source is not None else path.read_text(), filename=str(path))
    problems = []
    for line, target in imported_modules(tree, module, path.name == "__init__.py"):
        target_layer = layer_of(target)
        if target_layer is None or target == target.split(".")[0]:
            continue
        if target_layer not in ALLOWED[layer]:
            problems.append(f"{path.relative_to(ROOT)}:{line}: {layer} imports {target}")
    return problems


def app_modules():
    for app in APPS:
        if not (ROOT / app).is_dir():
            continue
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_every_module_imports_only_downwards():
    problems = [p for path in app_modules() for p in forbidden_imports(path)]
    assert problems == []


@pytest.mark.parametrize(
    "path, line",
    [
        ("praktijken/views.py", "from stappen.models import Ketenstap"),
        ("praktijken/models.py", "from partners.models import Organisatie"),
        ("stappen/views.py", "from partners.models import Organisatietype"),
        ("stappen/views.py", "from routekaart.models import Hoofdstuk"),
        ("partners/views.py", "from routekaart.models import Kader"),
        ("routekaart/search.py", "from partners.models import Gemeente"),
        ("routekaart/versioning.py", "from routekaart.models import DataVersie"),
        ("routekaart/models.py", "from partners import models"),
        ("routekaart/caching.py", "from .views import home"),
        ("partners/views.py", "from zelfscan.models import Zelfscan"),
        ("routekaart/views.py", "from vermoeden.views import route"),
    ],
)
def test_the_guard_catches_a_forbidden_import(path, line):
    """Adding one forbidden import to a real module makes the guard fail."""
    file = ROOT / path
    assert forbidden_imports(file, file.read_text() + f"\n{line}\n")


def test_the_guard_allows_the_directions_of_the_matrix():
    file = ROOT / "partners/views.py"
    allowed = "from praktijken.models import Praktijk\nfrom routekaart.publicatie import Status\n"
    assert forbidden_imports(file, file.read_text() + allowed) == []


def test_every_core_module_exists():
    for module in sorted(CORE):
        path = ROOT / (module.replace(".", "/") + ".py")
        assert path.exists(), f"{module} is listed as core but does not exist"


def test_python_files_stay_short():
    """No module outside migrations is longer than about 400 lines."""
    long = {
        str(path.relative_to(ROOT)): n
        for path in [
            *app_modules(),
            *(ROOT / "tests").rglob("*.py"),
            *(ROOT / "scripts").glob("*.py"),
        ]
        if (n := len(path.read_text().splitlines())) > 420
    }
    assert long == {}
