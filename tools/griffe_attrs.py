"""Griffe extension for the docs site: the constructors of attrs classes.

Griffe reads the code without running it, so it sees no ``__init__`` in a class
that ``@attrs.frozen`` equips with one, and the API reference would show
``Organization()`` where a caller writes ``Organization(id=..., name=..., kind=...)``.
Griffe knows dataclasses, not attrs; griffe-fieldz (the one extension on PyPI
that reads attrs) fills in the docstring's parameters, not the signature. So
this extension, loaded by the mkdocstrings handler (``extensions:`` in
``mkdocs.yml``), gives each attrs class of the package the ``__init__`` that
attrs generated: it imports the class and reads ``attrs.fields``, which knows
what the source alone does not say plainly (keyword-only fields, ``init=False``,
the ``alias`` of a private field, defaults made by a factory, fields inherited
from a base class). The annotations come from the source, so they stay links.
"""

from __future__ import annotations

from typing import Any

import attrs
import griffe

#: Decorators that make an attrs class (``attrs.frozen``, ``attr.s``, ...).
ATTRS_MODULES = ("attr.", "attrs.")


class AttrsSignatures(griffe.Extension):
    """Give each attrs class its generated ``__init__``, keyword-only where attrs made it so."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        for cls in _classes(pkg, set()):
            if "__init__" not in cls.members and _is_attrs(cls):
                _set_init(cls)


def _classes(obj: griffe.Module | griffe.Class, seen: set[str]) -> list[griffe.Class]:
    found: list[griffe.Class] = []
    if obj.path in seen:
        return found
    seen.add(obj.path)
    for member in obj.members.values():
        if member.is_alias:
            continue
        if isinstance(member, griffe.Class):
            found.append(member)
        if isinstance(member, griffe.Module | griffe.Class):
            found += _classes(member, seen)
    return found


def _is_attrs(cls: griffe.Class) -> bool:
    return any(
        str(getattr(decorator.value, "canonical_path", decorator.value)).startswith(ATTRS_MODULES)
        for decorator in cls.decorators
    )


def _set_init(cls: griffe.Class) -> None:
    try:
        runtime = griffe.dynamic_import(cls.path)
    except ImportError as exc:
        griffe.logger.warning("%s: cannot import the attrs class: %s", cls.path, exc)
        return
    if not attrs.has(runtime):
        return
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for field in attrs.fields(runtime):
        if not field.init:
            continue
        static = cls.all_members.get(field.name)
        annotation: str | griffe.Expr | None = (
            static.annotation if isinstance(static, griffe.Attribute) else None)
        if annotation is None and field.type is not None:
            annotation = field.type if isinstance(field.type, str) else repr(field.type)
        default = _default(field, static)
        parameters.append(griffe.Parameter(
            field.alias,
            annotation=annotation,
            kind=(griffe.ParameterKind.keyword_only if field.kw_only
                  else griffe.ParameterKind.positional_or_keyword),
            default=default,
            docstring=static.docstring if static is not None else None,
        ))
        if isinstance(static, griffe.Attribute) and "field(" in str(static.value):
            # The attribute shows its default, not how attrs is told about it.
            static.value = default
    parameters.sort(key=lambda p: p.kind is griffe.ParameterKind.keyword_only)  # stable
    cls.set_member("__init__", griffe.Function(
        "__init__", lineno=0, endlineno=0, parent=cls,
        parameters=griffe.Parameters(*parameters), returns="None"))


def _default(field: attrs.Attribute[Any], static: Any) -> str | griffe.Expr | None:
    """The default as the source writes it (``None``, ``()``), a factory as a call
    (``dict()``), a default computed from the other fields as ``...``."""
    default = field.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        name = getattr(default.factory, "__name__", "")
        if default.takes_self or not name or name.startswith("_"):
            return "..."
        return f"{name}()"
    value = getattr(static, "value", None)
    if value is not None and "field(" not in str(value):
        return value  # type: ignore[no-any-return]
    return repr(default)
