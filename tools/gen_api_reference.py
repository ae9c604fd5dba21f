"""Write the API reference pages (docs/api/) and their nav from the package itself.

One page per public module, each public name on the page of the module it is
imported from: ``Dataset`` is ``cadretrain.Dataset`` (on the page of
``cadretrain``), not ``cadretrain.model.Dataset`` where it happens to be
defined; the module that defines it lists it with a link. Run ``python
tools/gen_api_reference.py`` after adding, moving or renaming a module or a
name in an ``__all__``; a test fails while the pages or the nav in mkdocs.yml
differ from what this writes (``--check`` says the same).

Public module: every module of the package whose dotted path has no part
starting with an underscore, except the command line (``cadretrain.cli``,
documented on cli.md from its own help), the modules in ``INTERNAL`` and the
old paths of moved modules (they warn that they are deprecated and define
nothing of their own).
Public names of a module: its ``__all__``; without one, the names it defines
that do not start with an underscore. The package is read by griffe without
being imported, as mkdocstrings reads it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import griffe

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "cadretrain"
API = ROOT / "docs" / "api"
MKDOCS = ROOT / "mkdocs.yml"
NAV_START = "    # The API pages, one per public module: written by tools/gen_api_reference.py"
NAV_END = "    # End of the API pages."

#: Modules that are parts of others, not an interface: each with the reason.
INTERNAL = {
    "cadretrain.hostile": "workbooks built part by part for the reader's own tests and fuzzing",
    "cadretrain.readers.archive": "the Excel reader's first pass over the raw file",
    "cadretrain.exporters.docx.building": "python-docx helpers of the Word exporter",
    "cadretrain.exporters.xlsx.writing": "openpyxl streaming helpers of the Excel exporter",
    **{f"cadretrain.validation.{piece}": "one part of validate()'s checks; its names are private"
       for piece in ("collector", "references", "people", "classes", "figures")},
}

INTRO = """# API reference

Generated from the code's docstrings by
[mkdocstrings](https://mkdocstrings.github.io/), so it says what the installed
version does: one page per public module, with each constructor's signature
(the records take keyword arguments only). A name is documented under the
module you import it from: `cadretrain.Dataset`, not the module that happens
to define it (that module's page links to it). A module or name starting with
an underscore is private and may change without notice; so are the modules not
listed here. The guides say how the pieces fit together: [the data
model](../model.md), [the dataset format](../dataset-format.md),
[attainment](../attainment.md), [certification rules](../rules.md),
[exporters](../exporters.md) and [property testing](../testing.md).

This page and the module pages are written by `tools/gen_api_reference.py`.
"""


def _modules(module: griffe.Module) -> list[griffe.Module]:
    found = [module]
    for sub in module.modules.values():
        if not sub.is_alias and isinstance(sub, griffe.Module):
            found += _modules(sub)
    return found


def is_public(path: str) -> bool:
    parts = path.split(".")
    return (not any(p.startswith("_") for p in parts)
            and parts[:2] != [PACKAGE, "cli"] and path not in INTERNAL
            and not is_deprecated_shim(path))


def is_deprecated_shim(path: str) -> bool:
    """An old module path kept for a release, re-exporting the new one with a
    ``DeprecationWarning``: documented at the new path only."""
    base = ROOT / "src" / Path(*path.split("."))
    source = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        return False
    return "DeprecationWarning" in text and re.search(r"^\s*(?:warnings\.)?warn\(", text, re.M) \
        is not None and not re.search(r"^(?:class|def) ", text, re.M)


def load() -> griffe.Module:
    package = griffe.load(PACKAGE, search_paths=[str(ROOT / "src")], resolve_aliases=False)
    assert isinstance(package, griffe.Module)
    return package


def public_modules(package: griffe.Module) -> list[griffe.Module]:
    """The public modules: each package before its modules, then by name."""
    modules = [m for m in _modules(package) if is_public(m.path)]
    return sorted(modules, key=lambda m: m.path.split("."))


def public_names(module: griffe.Module) -> list[str]:
    if module.exports is not None:
        return [str(name) for name in module.exports]
    return [name for name, member in module.members.items()
            if not name.startswith("_") and not member.is_alias
            and not isinstance(member, griffe.Module)]


def _target(module: griffe.Module, name: str) -> str:
    """The path of the object ``module.name`` stands for (where it is defined)."""
    if name in module.imports:  # a name imported over a submodule's is the import
        return _resolve(module.imports[name], module)
    member = module.members.get(name)
    if member is None:
        raise SystemExit(f"{module.path}.__all__ names {name!r}, which the module lacks")
    seen = set()
    while member.is_alias and member.target_path not in seen:
        seen.add(member.target_path)
        try:
            member = member.target
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            return member.target_path
    return member.path


def _resolve(path: str, module: griffe.Module) -> str:
    """Follow ``path`` through re-exports to where the object is defined."""
    try:
        obj = module.modules_collection[path]
    except KeyError:
        return path
    if obj.is_alias and isinstance(obj.parent, griffe.Module) and obj.parent is not module:
        return _target(obj.parent, obj.name)
    return str(obj.path)


def shadowed(module: griffe.Module, name: str) -> bool:
    """``name`` is both a submodule and a name imported over it (``cadretrain.rules.check``,
    the function, hides the module of that name): the reference can only render the
    module under that path, so the object is documented in the module defining it."""
    member = module.members.get(name)
    return (isinstance(member, griffe.Module) and not member.is_alias
            and module.imports.get(name, member.path) != member.path)


def homes(modules: list[griffe.Module]) -> dict[str, str]:
    """Each public object's path -> the public module it is documented under: the
    shallowest one that exports it (``cadretrain`` before ``cadretrain.model``); of
    two as shallow, the one it is defined in or under."""
    found: dict[str, str] = {}
    for module in sorted(modules, key=lambda m: m.path.count(".")):  # the first claim wins
        for name in public_names(module):
            if shadowed(module, name):
                continue
            target = _target(module, name)
            current = found.get(target)
            if current is None or (current.count(".") == module.path.count(".")
                                   and target.startswith(module.path + ".")
                                   and not target.startswith(current + ".")):
                found[target] = module.path
    return found


def _summary(module: griffe.Module) -> str:
    doc = module.docstring.value.strip() if module.docstring else ""
    first = doc.split("\n\n")[0].replace("\n", " ")
    first = re.sub(r":\w+:`[~!]?([\w.]+)(?:\(\))?`", r"`\1`", first)
    return first.replace("``", "`").replace("|", "\\|")


def pages() -> dict[str, str]:
    """File name under docs/api/ -> its text."""
    package = load()
    modules = public_modules(package)
    home = homes(modules)
    out: dict[str, str] = {}
    rows = []
    for module in modules:
        documented, elsewhere = [], []
        for name in public_names(module):
            target = _target(module, name)
            if home[target] == module.path and not shadowed(module, name):
                documented.append(name)
            else:
                there = home[target]
                elsewhere.append(f"[`{name}`][{there}.{name_at(there, target, modules)}]")
        members = "[" + ", ".join(documented) + "]" if documented else "false"
        text = [f"# `{module.path}`", "", f"::: {module.path}", "    options:",
                "      show_root_heading: false", "      heading_level: 2",
                f"      members: {members}", ""]
        if elsewhere:
            text += ["Also in this module, documented where they are imported from: "
                     + ", ".join(elsewhere) + ".", ""]
        out[f"{module.path}.md"] = "\n".join(text)
        rows.append(f"| [`{module.path}`]({module.path}.md) | {_summary(module)} |")
    table = ["| Module | What it holds |", "| --- | --- |", *rows]
    out["index.md"] = INTRO + "\n" + "\n".join(table) + "\n"
    return out


def name_at(module_path: str, target: str, modules: list[griffe.Module]) -> str:
    """The name under which ``module_path`` exports the object at ``target``."""
    module = next(m for m in modules if m.path == module_path)
    return next(n for n in public_names(module) if _target(module, n) == target)


def nav(files: dict[str, str]) -> str:
    lines = [NAV_START, "    - api/index.md"]
    lines += [f"    - {name.removesuffix('.md')}: api/{name}"
              for name in files if name != "index.md"]
    return "\n".join([*lines, NAV_END])


def mkdocs_text(files: dict[str, str]) -> str:
    text = MKDOCS.read_text(encoding="utf-8")
    start, end = text.find(NAV_START), text.find(NAV_END)
    if start < 0 or end < 0:
        raise SystemExit(f"{MKDOCS}: the markers of the API pages are missing:\n{NAV_START}\n"
                         f"{NAV_END}")
    return text[:start] + nav(files) + text[end + len(NAV_END):]


def stale(files: dict[str, str]) -> list[str]:
    """What differs between the files on disk and ``files`` (empty: up to date)."""
    problems = []
    on_disk = {p.name for p in API.glob("*.md")}
    for name in sorted(on_disk - set(files)):
        problems.append(f"docs/api/{name}: no such public module any more")
    for name, text in files.items():
        path = API / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            problems.append(f"docs/api/{name}: differs")
    if MKDOCS.read_text(encoding="utf-8") != mkdocs_text(files):
        problems.append("mkdocs.yml: the nav of the API pages differs")
    return problems


def main(argv: list[str]) -> int:
    files = pages()
    if "--check" in argv:
        problems = stale(files)
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    API.mkdir(exist_ok=True)
    for path in API.glob("*.md"):
        if path.name not in files:
            path.unlink()
    for name, text in files.items():
        (API / name).write_text(text, encoding="utf-8")
    MKDOCS.write_text(mkdocs_text(files), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
