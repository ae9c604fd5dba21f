"""The import direction of the package's layers, as docs/architecture.md draws them.

Every ``import`` in ``src/cadretrain`` counts: at the top, inside a function (a lazy
import) or under ``TYPE_CHECKING``, since each says which layer knows which. The core
(foundations, model, validation, figures, rules, report) never imports the readers, the
exporters, the report pack or the command line; readers never import exporters (one
named exception), exporters never import the command line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "cadretrain"

# The layer of each top-level module of the core (readers/, exporters/, rules/, cli/ are
# folders and are their own layers).
CORE = {
    "foundations": {"_version", "i18n", "formatting", "collation", "atomic", "staging",
                    "problems", "progress", "_collector"},
    "model": {"model", "converter", "record_checks", "lookups", "catalog", "schema"},
    "validation": {"validation"},
    "figures": {"periods", "selection", "attainment", "figures", "inference", "population",
                "distribution", "partners", "reconciliation", "year_on_year"},
    "report": {"report", "metadata"},
}

BELOW_REPORT = {"foundations", "model", "figures", "rules", "report"}
# What each layer may import (itself included).
MAY_IMPORT: dict[str, set[str]] = {
    "foundations": {"foundations"},
    "model": {"foundations", "model"},
    "validation": {"foundations", "model", "validation"},
    "figures": {"foundations", "model", "figures"},
    "rules": {"foundations", "model", "rules"},
    "report": BELOW_REPORT,
    "readers": {"foundations", "model", "validation", "readers"},
    "exporters": BELOW_REPORT | {"validation", "readers", "exporters"},
    "pack": BELOW_REPORT | {"validation", "readers", "exporters", "pack"},
    "cli": BELOW_REPORT | {"validation", "readers", "exporters", "pack", "cli", "package"},
    # The package's own namespace re-exports the model, reading and validation.
    "package": {"foundations", "model", "validation", "readers", "package"},
    # Hypothesis strategies and hostile workbooks, for the tests of every layer.
    "testing": {"foundations", "model", "validation", "readers", "testing"},
    # The old paths of moved modules, kept for a release: each re-exports its new home.
    "deprecated": BELOW_REPORT | {"validation", "readers", "exporters"},
}

# The one import across readers and exporters: the workbook's layout (which sheet holds
# which records, which column which field) is what the xlsx exporter writes and the
# xlsx reader reads back, kept in one place.
EXCEPTIONS = {("cadretrain.readers.xlsx", "cadretrain.exporters.xlsx.layout")}


def is_old_path(module: str) -> bool:
    """A module left at an old path: it warns and defines nothing of its own (the
    rule tools/gen_api_reference.py uses too)."""
    path = SRC.parent.joinpath(*module.split(".")).with_suffix(".py")
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    return "DeprecationWarning" in text and not re.search(r"^(?:class|def) ", text, re.M)


def layer(module: str) -> str:
    if is_old_path(module):
        return "deprecated"
    parts = module.split(".")
    if parts == ["cadretrain"]:
        return "package"
    head = parts[1]
    if head in ("readers", "exporters", "rules", "cli", "pack"):
        return head
    if head == "__main__":
        return "cli"
    if head in ("testing", "hostile"):
        return "testing"
    for name, members in CORE.items():
        if head in members:
            return name
    raise AssertionError(f"{module}: not placed in a layer (add it to tests/test_architecture.py"
                         " and docs/architecture.md)")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(module: str, path: Path, known: set[str]) -> set[str]:
    """The cadretrain modules ``module`` imports, lazily or not."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for a in node.names:  # `from cadretrain import i18n` imports cadretrain.i18n
                names.add(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
    return {n for n in names if n == "cadretrain" or n.startswith("cadretrain.")}


def test_every_module_is_in_a_layer() -> None:
    for module in modules():
        assert layer(module) in MAY_IMPORT


def test_the_layers_import_only_downwards() -> None:
    known = set(modules())
    wrong = []
    for module, path in modules().items():
        mine = layer(module)
        for target in sorted(imported(module, path, known)):
            if target not in known:
                wrong.append(f"{module} imports {target}, which does not exist")
            elif layer(target) not in MAY_IMPORT[mine] and (module, target) not in EXCEPTIONS:
                wrong.append(f"{module} ({mine}) imports {target} ({layer(target)})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("source, target, allowed", [
    ("cadretrain.report", "cadretrain.exporters.api", False),
    ("cadretrain.model", "cadretrain.readers.json_toml", False),
    ("cadretrain.figures", "cadretrain.rules.check", False),
    ("cadretrain.exporters.docx.documents", "cadretrain.report", True),
    ("cadretrain.readers.xlsx", "cadretrain.cli", False),
])
def test_the_rule_itself(source: str, target: str, allowed: bool) -> None:
    # The check above would pass on a rule that allowed everything: pin a few cases.
    assert (layer(target) in MAY_IMPORT[layer(source)]) is allowed
