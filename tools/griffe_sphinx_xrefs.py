"""Griffe extension for the docs site: Sphinx markup in docstrings, rendered.

cadretrain's docstrings are written in the Sphinx style (``docstring_style:
sphinx`` in ``mkdocs.yml``), and mkdocstrings renders their ``:param:`` fields
but not the rest of the Sphinx markup. This extension, loaded by the
mkdocstrings handler (``extensions:`` in ``mkdocs.yml``), makes up for it:

- a cross-reference role (``:class:`Dataset```, ``:func:`~cadretrain.read```,
  ``:mod:`cadretrain.formatting```, ...) becomes a link to the object's entry
  in the API reference, or code when the reference does not render it. The
  target is resolved as Sphinx does: relative to the object the docstring
  belongs to (its members, then those of its class and module, including the
  names they import), else as a full dotted path. A target that resolves
  nowhere is reported as a warning, which fails the strict build, so a
  docstring cannot name an object that is not there; a target outside
  cadretrain (``datetime.date``) is shown as code;
- a ``#:`` comment after an attribute, or the ``#:`` lines right above it, is
  the attribute's docstring;
- a paragraph ending in ``::`` introduces a literal block, shown as code.
"""

from __future__ import annotations

import builtins
import functools
import importlib.util
import re
import textwrap
from typing import Any

import griffe

ROLE = re.compile(
    r":(?:py:)?(?:mod|func|class|data|attr|meth|exc|obj|const|type):`([~!]?)([\w.]+)(?:\(\))?`"
)
TRAILING = re.compile(r"\S\s+#:\s*(.*?)\s*$")
ROOT = "cadretrain"


class SphinxMarkup(griffe.Extension):
    """Rewrite the Sphinx markup of every docstring of the package into Markdown."""

    def on_attribute_instance(self, *, node: Any, attr: griffe.Attribute, agent: Any,
                              **kwargs: Any) -> None:
        """Take the ``#:`` comment after an attribute, or right above it, as its docstring."""
        if attr.docstring is not None or attr.lineno is None:
            return
        if isinstance(attr.filepath, list) or attr.filepath not in attr.lines_collection:
            return
        lines = attr.lines_collection[attr.filepath]
        trailing = TRAILING.search(lines[attr.lineno - 1])
        comment: list[str] = [trailing.group(1)] if trailing else []
        index = attr.lineno - 2
        while not trailing and index >= 0 and lines[index].strip().startswith("#:"):
            comment.insert(0, lines[index].strip()[2:].strip())
            index -= 1
        if comment:
            attr.docstring = griffe.Docstring(
                "\n".join(comment), lineno=index + 2, endlineno=attr.lineno - 1,
                parent=attr, parser=agent.docstring_parser,
                parser_options=agent.docstring_options,
            )

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Rewrite the docstrings once the whole package is loaded (targets may be anywhere)."""
        if pkg.path != ROOT:
            return
        for obj in _walk(pkg):
            if obj.docstring is not None:
                text = _literal_blocks(obj.docstring.value)
                obj.docstring.value = ROLE.sub(functools.partial(_xref, pkg, obj), text)


def _walk(obj: griffe.Object) -> Any:
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _walk(member)  # type: ignore[arg-type]


def _lookup(pkg: griffe.Module, path: str, depth: int = 0) -> str | None:
    """The canonical path of ``path`` (following imports), or None when nothing is there.

    A path leading outside the package is returned as it is.
    """
    parts = path.split(".")
    if parts[0] != ROOT:
        return path
    current: Any = pkg
    for i, part in enumerate(parts[1:], start=1):
        member = current.members.get(part)
        if member is None:
            return None
        if member.is_alias:
            if depth > 10:
                return None
            if any(p.startswith("_") and not p.startswith("__")
                   for p in member.target_path.split(".")):
                # Re-exported from a private module: the public name is the one to link.
                return ".".join(parts)
            rest = ".".join([member.target_path, *parts[i + 1:]])
            return _lookup(pkg, rest, depth + 1)
        current = member
    return str(current.path)


def _resolve(pkg: griffe.Module, obj: griffe.Object, target: str) -> str | None:
    first = target.split(".", 1)[0]
    scope: Any = obj
    while scope is not None:
        if not scope.is_function and not scope.is_attribute and first in scope.members:
            return _lookup(pkg, f"{scope.path}.{target}")
        scope = scope.parent
    if first == ROOT:
        return _lookup(pkg, target)
    return None


def _xref(pkg: griffe.Module, obj: griffe.Object, match: re.Match[str]) -> str:
    modifier, target = match.groups()
    shown = target.rsplit(".", 1)[-1] if modifier == "~" else target
    path = _resolve(pkg, obj, target)
    if path is None:
        first = target.split(".", 1)[0]
        if first == ROOT or not (hasattr(builtins, first) or importlib.util.find_spec(first)):
            griffe.logger.warning(
                f"{obj.relative_filepath}:{obj.lineno or 1}: {obj.path}: cross-reference "
                f"{match.group(0)} names nothing"
            )
        return f"`{shown}`"
    if modifier == "!" or not path.startswith(ROOT + "."):
        return f"`{shown}`"
    # Optional: a link when the API reference renders the target, code otherwise
    # (the built-in exporters' internals are not rendered).
    return f'<autoref identifier="{path}" optional><code>{shown}</code></autoref>'


def _literal_blocks(text: str) -> str:
    """A paragraph ending in ``::`` and the indented block after it: text and fenced code."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.rstrip().endswith("::") and i + 1 < len(lines) and not lines[i + 1].strip():
            head = line.rstrip()[:-2].rstrip()
            if head:
                out.append(head + ":")
            indent = len(line) - len(line.lstrip())
            j = i + 1
            block: list[str] = []
            while j < len(lines) and (
                not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent
            ):
                block.append(lines[j])
                j += 1
            while block and not block[-1].strip():
                block.pop()
            out += ["", "```", *textwrap.dedent("\n".join(block)).strip("\n").splitlines(),
                    "```", ""]
            i = j
            continue
        out.append(line)
        i += 1
    return "\n".join(out)
