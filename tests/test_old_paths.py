"""The module paths of cadretrain 0.1 keep working for one release (issue 19).

Each moved module left a small module at its old path that re-exports its names
(the very same objects) and warns with a DeprecationWarning naming the new path;
nothing in the package itself imports an old path.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "cadretrain"

#: old path -> new path (where a module was split later: its pieces)
MOVED: dict[str, str | tuple[str, ...]] = {
    "cadretrain.dataset": ("cadretrain.readers.json_toml", "cadretrain.readers.plain",
                           "cadretrain.readers"),
    "cadretrain.xlsx_import": "cadretrain.readers.xlsx",
    "cadretrain.xlsx_check": "cadretrain.readers.archive",
    "cadretrain.exporters.docx_export": (
        "cadretrain.exporters.docx.documents", "cadretrain.exporters.docx.frame",
        "cadretrain.exporters.docx.roster", "cadretrain.exporters.docx.result_notice"),
    "cadretrain.exporters.docx_build": "cadretrain.exporters.docx.building",
    "cadretrain.exporters.docx_layout": "cadretrain.exporters.docx.layout",
    "cadretrain.exporters.docx_template": "cadretrain.exporters.docx.template",
    "cadretrain.exporters.docx_text": "cadretrain.exporters.docx.text",
    "cadretrain.exporters.docx_plugin": "cadretrain.exporters.docx.plugin",
    "cadretrain.exporters.xlsx_export": (
        "cadretrain.exporters.xlsx.workbook", "cadretrain.exporters.xlsx.plan_sheet",
        "cadretrain.exporters.xlsx.report_sheets", "cadretrain.exporters.xlsx.data_sheets",
        "cadretrain.exporters.xlsx.findings_sheet"),
    "cadretrain.exporters.xlsx_layout": "cadretrain.exporters.xlsx.layout",
    "cadretrain.exporters.xlsx_write": "cadretrain.exporters.xlsx.writing",
    "cadretrain.exporters.xlsx_template": "cadretrain.exporters.xlsx.template",
    "cadretrain.exporters.xlsx_plugin": "cadretrain.exporters.xlsx.plugin",
    "cadretrain.exporters.json_export": "cadretrain.exporters.json",
    "cadretrain.exporters.export_schema": "cadretrain.exporters.json_schema",
}


def _homes(new: str | tuple[str, ...]) -> list[object]:
    return [importlib.import_module(n) for n in ((new,) if isinstance(new, str) else new)]


def _fresh_import(name: str) -> object:
    sys.modules.pop(name, None)
    return importlib.import_module(name)


@pytest.mark.parametrize("old, new", sorted(MOVED.items()))
def test_an_old_path_warns_and_gives_the_same_objects(
        old: str, new: str | tuple[str, ...]) -> None:
    first = new if isinstance(new, str) else new[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        shim = _fresh_import(old)
    # one warning, the old path's: a deprecated alias it re-exports (DocumentMeta,
    # Finding) does not warn a second time at import
    assert [str(w.message).split(" (")[0] for w in caught] == [
        f"{old} is deprecated: import {first} instead"], old
    names = shim.__all__  # type: ignore[attr-defined]
    assert names, old
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the aliases' own, on access
        for name in names:
            home = next((h for h in _homes(new) if hasattr(h, name)), None)
            if home is None:  # imported into the old module from elsewhere in cadretrain
                assert getattr(shim, name).__module__.startswith("cadretrain."), (old, name)
            else:
                assert getattr(shim, name) is getattr(home, name), (old, name)


@pytest.mark.parametrize("old, new", sorted(MOVED.items()))
def test_an_old_path_offers_every_public_name_of_its_module(
        old: str, new: str | tuple[str, ...]) -> None:
    # What the module defines (and its __all__) is what callers may have imported
    # from the old path.
    defined: set[str] = set()
    for home in _homes(new):
        tree = ast.parse(Path(home.__file__ or "").read_text(encoding="utf-8"))
        defined |= {n.name for n in tree.body
                    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        defined |= set(getattr(home, "__all__", ()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        shim = _fresh_import(old)
    assert {n for n in defined if not n.startswith("_")} <= set(shim.__all__), old  # type: ignore[attr-defined]


def test_the_warning_names_the_line_that_imports_the_old_path(tmp_path: Path) -> None:
    # Python's default filter shows a DeprecationWarning only when it is attributed
    # to __main__: the warning points past the import machinery, at the user's line.
    script = tmp_path / "uses_old_path.py"
    script.write_text("import cadretrain.exporters.docx_export\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          check=True)
    assert f"{script}:1: DeprecationWarning: cadretrain.exporters.docx_export is deprecated" \
        in done.stderr


def test_the_old_entry_points_still_load() -> None:
    # An installation whose metadata still names the 0.1 entry points (a stale editable
    # install, or a plugin list written down elsewhere) keeps loading the exporters.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for old, name in [("cadretrain.exporters.json_export", "json"),
                          ("cadretrain.exporters.xlsx_plugin", "xlsx"),
                          ("cadretrain.exporters.docx_plugin", "docx")]:
            assert _fresh_import(old).EXPORTER.name == name  # type: ignore[attr-defined]


def test_nothing_in_the_package_imports_an_old_path() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        if rel in MOVED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {n}"
                      for n in names if n in MOVED]
    assert not found, "\n".join(found)


#: names that moved out of a module that stays (issue 19: attainment.py had grown to
#: 823 lines): old module.name -> new module.name
MOVED_NAMES = {
    **{f"cadretrain.attainment.{n}": f"cadretrain.reconciliation.{n}"
       for n in ("Discrepancy", "computed_figure", "figure_decimals", "printed_precision",
                 "reconcile")},
    **{f"cadretrain.attainment.{n}": f"cadretrain.year_on_year.{n}"
       for n in ("Comparison", "YearOnYear", "year_on_year")},
    "cadretrain.attainment.share_reached": "cadretrain.population.share_reached",
    "cadretrain.attainment.Reached": "cadretrain.population.MemberShare",
    # plain data got its own module after the readers' move (ad4dfd7)
    "cadretrain.readers.json_toml.load": "cadretrain.readers.load",
    "cadretrain.readers.json_toml.read": "cadretrain.readers.read",
    "cadretrain.readers.json_toml.from_dict": "cadretrain.readers.plain.from_dict",
}


@pytest.mark.parametrize("old, new", sorted(MOVED_NAMES.items()))
def test_a_moved_name_warns_once_and_is_the_same_object(old: str, new: str) -> None:
    old_module, old_name = old.rsplit(".", 1)
    new_module, new_name = new.rsplit(".", 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = getattr(importlib.import_module(old_module), old_name)
    assert [str(w.message) for w in caught if w.category is DeprecationWarning] == [
        f"{old} is deprecated: import {new_name} from {new_module}"]
    assert value is getattr(importlib.import_module(new_module), new_name)


def test_nothing_in_the_package_uses_a_moved_name_at_its_old_place() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found += [f"{path.relative_to(ROOT)}:{node.lineno}: {node.module}.{a.name}"
                          for a in node.names if f"{node.module}.{a.name}" in MOVED_NAMES]
    assert not found, "\n".join(found)
