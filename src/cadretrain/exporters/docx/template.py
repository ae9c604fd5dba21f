"""The Word report from a template office staff edit in Word (docxtpl).

The layout of the báo cáo is a .docx file with Jinja tags in its text, as
docxtpl reads them: ``{{ title }}``, ``{%p for section in sections %}``,
``{%tr for row in appendix.rows[:-1] %}``, ``{{r para.rich }}``. The built-in
one is the data file ``cadretrain/data/report-template.docx`` (written by
``cadretrain template docx -o FILE``); ``--template FILE`` renders with the
office's copy. The content comes from the computed report
(:class:`cadretrain.report.ReportDocument`, as :func:`cadretrain.report.report_data`
gives it): the names a template may use are that document's fields,
documented in docs/word.md, with a JSON Schema (:func:`context_schema`).

Before rendering, :func:`check_template` reads every tag and reports, with
where it is (paragraph, or table, row and cell; header or footer) and in
Vietnamese:

* a name the report does not have (``{{ tilte }}``, ``{{ para.txt }}``);
* a tag Word has broken: one cut by a paragraph break, one spread over runs
  of different formatting or through a tracked change, field or hyperlink,
  an expression Jinja cannot read, a block left open or closed twice;
* a missing section: a template that never uses one of
  :data:`REQUIRED_NAMES`.

Any of these is an error, and nothing is written. Two things Word does to a
tag all the time are repaired, as docxtpl does: a tag split over runs of the
same formatting (spell-check marks and editing sessions cut runs) is joined,
and curly quotes in a tag (“ ” ‘ ’, Word's AutoFormat) are read as straight
ones; the second is reported as a warning with its place.

Why one module of over 450 lines: reading the template, checking every tag
staff may have edited (each problem with its place) and filling it share one
parse of the template's XML; the check must see exactly what the fill will.
"""

from __future__ import annotations

import io
import re
import types
import typing
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from cadretrain.exporters.api import ExportError
from cadretrain.i18n import _, ngettext, number
from cadretrain.problems import Severity

__all__ = [
    "REQUIRED_NAMES",
    "TemplateError",
    "TemplateProblem",
    "builtin_template",
    "check_template",
    "context_schema",
    "render_report_template",
]

#: The parts of the report every template must place somewhere.
REQUIRED_NAMES = ("opening", "sections", "appendix", "notes", "signature", "recipients")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPEN = re.compile(r"\{[{%#]")
_CLOSE = re.compile(r"[}%#]\}")
_PREFIX = re.compile(r"^\{([{%])(?:p|tr|tc|r)?\s")
_CURLY = "“”‘’"


@frozen(kw_only=True)
class TemplateProblem:
    """One thing wrong with a template: ``place`` (``đoạn 12``, ``bảng 2,
    hàng 3, ô 1``, ``đầu trang, đoạn 1``; in English ``paragraph 12``...), the
    ``tag`` as written, the ``message``, and ``severity`` (``error`` stops the
    render). Place and message are in the language current when the template
    was checked (:func:`cadretrain.i18n.current_language`)."""

    place: str
    tag: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.place}: " if self.place else ""
        tag = f" «{self.tag}»" if self.tag else ""
        word = Severity(self.severity).label()
        return f"{where}{word}:{tag} {self.message}"


class TemplateError(ExportError):
    """A template has errors; ``problems`` lists each with its place."""

    def __init__(self, source: str, problems: list[TemplateProblem]) -> None:
        self.problems = problems
        lines = [f"{source}: {p}" for p in problems]
        errors = sum(p.severity == "error" for p in problems)
        lines.append(ngettext("{source}: the template has {n} error; no file was written",
                              "{source}: the template has {n} errors; no file was written",
                              errors).format(source=source, n=number(errors)))
        super().__init__("\n".join(lines))


def builtin_template() -> bytes:
    """The built-in report template (a .docx with docxtpl tags)."""
    return resources.files("cadretrain").joinpath("data/report-template.docx").read_bytes()


# ---------------------------------------------------------------- reading


@frozen
class _Run:
    text: str
    format: str  # the run's properties, as XML without revision ids
    container: str  # "" in the paragraph itself, else the wrapper (ins, hyperlink, ...)


@frozen
class _Para:
    place: str
    runs: tuple[_Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _paragraphs(data: bytes) -> Iterator[_Para]:
    """Every paragraph of the document's body, headers and footers, with its place."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        parts = ["word/document.xml",
                 *sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n))]
        for part in parts:
            if part not in names:
                continue
            root = etree.fromstring(archive.read(part))
            label = "" if part == "word/document.xml" else (
                _("header ({part})") if "header" in part else _("footer ({part})")).format(
                part=part[5:])
            yield from _part_paragraphs(root, label)


def _part_paragraphs(root: Any, label: str) -> Iterator[_Para]:
    body = root.find(f"{_W}body")
    top = body if body is not None else root
    number = tables = 0
    for child in top:
        if child.tag == f"{_W}p":
            number += 1
            yield _para(child, _where(label, _("paragraph {n}").format(n=number)))
        elif child.tag == f"{_W}tbl":
            tables += 1
            for r, row in enumerate(child.iter(f"{_W}tr"), start=1):
                for c, cell in enumerate(row.iter(f"{_W}tc"), start=1):
                    for k, p in enumerate(cell.iter(f"{_W}p"), start=1):
                        yield _para(p, _where(label, _(
                            "table {table}, row {row}, cell {cell}, paragraph {n}").format(
                            table=tables, row=r, cell=c, n=k)))


def _where(label: str, place: str) -> str:
    return f"{label}, {place}" if label else place


def _para(p: Any, place: str) -> _Para:
    from lxml import etree

    runs = []
    for run in p.iter(f"{_W}r"):
        parent = run.getparent()
        container = "" if parent is p else etree.QName(parent).localname
        text = "".join(t.text or "" for t in run.iter(f"{_W}t"))
        if not text:
            continue
        rpr = run.find(f"{_W}rPr")
        fmt = "" if rpr is None else re.sub(r'\s+w:rsid\w*="[^"]*"', "",
                                            etree.tostring(rpr, encoding="unicode"))
        runs.append(_Run(text, fmt, container))
    return _Para(place, tuple(runs))


# ---------------------------------------------------------------- names


def _element(tp: Any) -> Any:
    """The item type of ``tuple[X, ...]``, else None."""
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        return args[0] if args else None
    return None


def _unoptional(tp: Any) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return tp


_ANY = object()
_EXTRA = {"Paragraph": {"rich"}}  # names a template sees beyond the document's fields


def _field_type(tp: Any, name: str) -> Any:
    """The type of attribute ``name`` of ``tp``, _ANY when unknown to us,
    None when ``tp`` has no such attribute."""
    tp = _unoptional(tp)
    if tp is _ANY:
        return _ANY
    if isinstance(tp, type) and attrs.has(tp):
        if name in _EXTRA.get(tp.__name__, ()):
            return _ANY
        hints = typing.get_type_hints(tp)
        return hints.get(name)
    if _element(tp) is not None:
        return None  # a list has no named parts: use an index or a loop
    return _ANY  # text and numbers: Jinja's own methods


class _Names:
    """Resolves the names of a tag's expression against the report's types."""

    def __init__(self) -> None:
        from cadretrain.report import ReportDocument

        self.root = ReportDocument
        self.scopes: list[dict[str, Any]] = []
        self.used: set[str] = set()

    def lookup(self, name: str) -> Any:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        if name == "loop":
            return _ANY
        self.used.add(name)
        return typing.get_type_hints(self.root).get(name)

    def type_of(self, node: Any, problems: list[str]) -> Any:
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            found = self.lookup(node.name)
            if found is None:
                problems.append(_("the name “{name}” is not in the report's data").format(
                    name=node.name))
            return found
        if isinstance(node, nodes.Getattr):
            base = self.type_of(node.node, problems)
            if base is None:
                return None
            found = _field_type(base, node.attr)
            if found is None:
                owner = getattr(_unoptional(base), "__name__", None)
                problems.append((_("“{path}”: “{name}” is not in {owner}") if owner else
                                 _("“{path}”: “{name}” is not in this value")).format(
                    path=_dotted(node), name=node.attr, owner=owner))
            return found
        if isinstance(node, nodes.Getitem):
            base = self.type_of(node.node, problems)
            for child in node.arg.iter_child_nodes():
                self.type_of(child, problems)
            if base is None or base is _ANY:
                return base
            if isinstance(node.arg, nodes.Slice):
                return base
            return _element(_unoptional(base)) or _ANY
        for child in node.iter_child_nodes():
            self.type_of(child, problems)
        return _ANY


def _dotted(node: Any) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return str(node.name)
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_dotted(node.node)}[…]"
    return "…"


# ---------------------------------------------------------------- checking


def _tag_runs(para: _Para, start: int, end: int) -> list[_Run]:
    runs, offset = [], 0
    for run in para.runs:
        if offset < end and offset + len(run.text) > start:
            runs.append(run)
        offset += len(run.text)
    return runs


def check_template(data: bytes) -> list[TemplateProblem]:
    """Every problem of a report template (a .docx as bytes), in document
    order; see the module docstring for what is checked. An empty list: the
    template renders."""
    from jinja2 import Environment, TemplateSyntaxError

    env = Environment()
    problems: list[TemplateProblem] = []
    try:
        paragraphs = list(_paragraphs(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        return [TemplateProblem(place="", tag="", message=_(
            "not a readable Word file (.docx): {error}").format(error=exc))]
    names = _Names()
    blocks: list[tuple[str, str, str]] = []  # (kind, place, tag)

    def problem(place: str, tag: str, message: str, severity: str = "error") -> None:
        problems.append(TemplateProblem(place=place, tag=tag, message=message,
                                        severity=severity))

    for para in paragraphs:
        text = para.text
        spans = [(m.start(), m.end()) for m in _TAG.finditer(text)]
        rest = _TAG.sub(lambda m: " " * len(m.group()), text)
        if _OPEN.search(rest) or _CLOSE.search(rest):
            bit = (_OPEN.search(rest) or _CLOSE.search(rest))
            assert bit is not None
            problem(para.place, text[bit.start():bit.start() + 40].strip(),
                    _("the tag does not open and close in one paragraph (Word split it "
                      "across paragraphs, or a “}}”/“%}” is missing): type the whole tag "
                      "again on one line"))
        for start, end in spans:
            raw = text[start:end]
            runs = _tag_runs(para, start, end)
            if len({r.format for r in runs}) > 1:
                problem(para.place, raw,
                        _("Word split the tag into {n} runs of different formatting (part "
                          "bold, italic or another font): select the whole tag and give it "
                          "one format, or type it again").format(n=len(runs)))
            if any(r.container not in ("", "smartTag") for r in runs):
                kinds = sorted({r.container for r in runs if r.container})
                problem(para.place, raw,
                        _("the tag is inside {kinds} (Word's tracked changes, fields or "
                          "links): accept the changes or remove the link, then type the tag "
                          "again").format(kinds=", ".join(kinds)))
            if any(q in raw for q in _CURLY):
                problem(para.place, raw,
                        _("the tag has curly quotes (“ ” ‘ ’) from Word's autocorrect; read "
                          "as straight quotes"), severity="warning")
            _check_tag(raw, para.place, env, names, blocks, problem, TemplateSyntaxError)
    for kind, place, tag in blocks:
        problem(place, tag, _("the “{kind}” block opened here has no “{end}” tag").format(
            kind=kind, end=f"end{kind}"))
    for name in REQUIRED_NAMES:
        if name not in names.used:
            problem("", "", _("the template lacks the part “{name}”: no tag uses this name "
                              "(the parts required: {names})").format(
                name=name, names=", ".join(REQUIRED_NAMES)))
    return problems


def _check_tag(raw: str, place: str, env: Any, names: _Names,
               blocks: list[tuple[str, str, str]], problem: Any,
               syntax_error: type[Exception]) -> None:
    body = raw
    for quote, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        body = body.replace(quote, straight)
    if body.startswith("{#"):
        return
    expression = body.startswith("{{")
    inner = _PREFIX.sub(lambda m: "{" + m.group(1) + " ", body)[2:-2].strip()
    try:
        if expression:
            template = env.parse("{{ " + inner + " }}")
            _names_of(template.body[0].nodes, names, place, raw, problem)
            return
        word = inner.split(None, 1)[0] if inner else ""
        if word == "for":
            template = env.parse("{% " + inner + " %}{% endfor %}")
            loop = template.body[0]
            found: list[str] = []
            iterable = names.type_of(loop.iter, found)
            for message in found:
                problem(place, raw, message)
            item = _element(_unoptional(iterable)) if iterable not in (None, _ANY) else _ANY
            targets = [loop.target] if hasattr(loop.target, "name") else list(
                loop.target.items)
            names.scopes.append({t.name: item if len(targets) == 1 else _ANY for t in targets})
            blocks.append(("for", place, raw))
        elif word in ("if", "elif"):
            template = env.parse("{% if " + inner.split(None, 1)[1] + " %}{% endif %}") \
                if len(inner.split(None, 1)) > 1 else env.parse("{% " + inner + " %}")
            _names_of([template.body[0].test], names, place, raw, problem)
            if word == "if":
                blocks.append(("if", place, raw))
            elif not blocks or blocks[-1][0] != "if":
                problem(place, raw, _("“elif” outside an “if” block"))
        elif word == "else":
            if not blocks:
                problem(place, raw, _("“else” outside an “if” or “for” block"))
        elif word in ("endfor", "endif"):
            kind = word[3:]
            if not blocks or blocks[-1][0] != kind:
                problem(place, raw, (
                    _("“{word}” closes no open block (open: “{open}” at {place})") if blocks
                    else _("“{word}” closes no open block")).format(
                    word=word, open=blocks[-1][0] if blocks else "",
                    place=blocks[-1][1] if blocks else ""))
            else:
                blocks.pop()
                if kind == "for" and names.scopes:
                    names.scopes.pop()
        else:
            problem(place, raw, _("the tag “{word}” is not supported in a report template "
                                  "(use for, if, elif, else, endfor, endif)").format(word=word))
    except syntax_error as exc:
        problem(place, raw, _("Jinja cannot read the tag: {error}").format(error=exc))


def _names_of(nodes_: Any, names: _Names, place: str, raw: str, problem: Any) -> None:
    found: list[str] = []
    for node in nodes_:
        names.type_of(node, found)
    for message in dict.fromkeys(found):
        problem(place, raw, message)


# ---------------------------------------------------------------- rendering


def _with_rich(data: Any) -> Any:
    """The report's data with, on every paragraph, ``rich``: its text as a
    docxtpl RichText of its spans (bold where Markdown said ``**…**``)."""
    from docxtpl import RichText

    if isinstance(data, dict):
        out = {k: _with_rich(v) for k, v in data.items()}
        if "spans" in data and "kind" in data:
            rich = RichText()
            for span in data["spans"]:
                rich.add(span["text"], bold=bool(span["bold"]))
            out["rich"] = rich
        return out
    if isinstance(data, list | tuple):
        return [_with_rich(v) for v in data]
    return data


def render_report_template(document: Any, template: bytes | None = None, *,
                           source: str | None = None) -> tuple[Any, list[TemplateProblem]]:
    """The python-docx document of ``document`` (a ReportDocument) rendered
    with ``template`` (the built-in one when None), and the template's
    warnings. A template with errors raises :class:`TemplateError` naming
    ``source`` and each problem's place."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    from cadretrain.report import report_data

    data = template if template is not None else builtin_template()
    problems = check_template(data)
    if any(p.severity == "error" for p in problems):
        raise TemplateError(source or _("the report template"), problems)
    tpl = DocxTemplate(io.BytesIO(data))
    tpl.render(_with_rich(report_data(document)), jinja_env=Environment(), autoescape=True)
    return tpl.docx, problems


def context_schema() -> dict[str, Any]:
    """The JSON Schema of what a report template sees: the report's data
    (:func:`cadretrain.report.report_data`), each paragraph with ``rich``
    besides (its text with its bold spans, for ``{{r para.rich }}``)."""
    from cadretrain.exporters.json_schema import _DRAFT
    from cadretrain.report import ReportDocument
    from cadretrain.schema import _define

    defs: dict[str, Any] = {}
    _define(ReportDocument, defs)
    defs["Paragraph"]["properties"]["rich"] = {
        "description": "the paragraph's text with its bold spans, for {{r para.rich }} "
                       "(a docxtpl RichText; in a template only)"}
    return {"$schema": _DRAFT, "$id": "https://github.com/cadretrain/cadretrain/raw/main/"
            "schema/report-context.schema.json",
            "title": "cadretrain report template context",
            "description": "The names a Word report template may use: the computed report.",
            **defs.pop("ReportDocument"), "$defs": dict(sorted(defs.items()))}


def read_template(path: str | Path) -> bytes:
    """A template file's bytes, or :class:`ExportError` naming it."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ExportError(_("{path}: cannot read the template: {error}").format(
            path=path, error=exc.strerror)) from None
