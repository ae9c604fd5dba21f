"""The ``json`` exporter: the dataset with its computed tables and findings.

The output loads back to equal objects (:func:`load_export`), and its shape is
published as ``schema/export.schema.json`` (:mod:`~cadretrain.exporters.json_schema`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, TypeGuard, get_args

import attrs
from attrs import frozen

from cadretrain._collector import paused
from cadretrain.exporters.api import (
    INTERFACE_VERSION,
    ExportContext,
    Exporter,
    ExportError,
    ExportOption,
    ReportMeta,
)
from cadretrain.i18n import N_, _
from cadretrain.model import Dataset
from cadretrain.progress import tell

#: The version of this file format (not of cadretrain).
FORMAT_VERSION = 1
#: What a JSON export holds (``--document``): everything, or one part of it.
ExportDocument = Literal["full", "dataset", "attainment", "findings", "report"]
#: The document kinds, ``full`` (the default) first.
DOCUMENTS: tuple[ExportDocument, ...] = get_args(ExportDocument)


def is_export_document(name: str) -> TypeGuard[ExportDocument]:
    """Whether ``name`` is one of :data:`DOCUMENTS` (for a string from a command line)."""
    return name in DOCUMENTS
SCHEMA_ID = "https://github.com/cadretrain/cadretrain/raw/main/schema/export.schema.json"

if TYPE_CHECKING:  # imported lazily at run time: the exporter loads without them
    from cadretrain.attainment import AttainmentTable
    from cadretrain.report import ReportDocument
    from cadretrain.rules.findings import CheckResult


@frozen(kw_only=True)
class LoadedExport:
    """What a JSON export holds, as objects again (parts not written are None)."""

    cadretrain_version: str
    document: ExportDocument
    meta: ReportMeta
    year: int | None
    on: date
    dataset: Dataset | None
    attainment: AttainmentTable | None
    findings: CheckResult | None
    report: ReportDocument | None = None


def _attainment_data(table: AttainmentTable) -> dict[str, Any]:
    from cadretrain.converter import converter

    data: dict[str, Any] = converter.unstructure(table)
    data["period"] = None if table.period is None else [d.isoformat() for d in table.period]
    for line in (*data["lines"], *data["by_course_type"], *data["by_organization"],
                 data["total"]):
        if line.get("plan_period") is not None:
            line["plan_period"] = [str(d) for d in line["plan_period"]]
    return data


def _attainment_from(data: Any) -> AttainmentTable:
    from cadretrain.attainment import Attainment, AttainmentLine, AttainmentTable

    def measure(m: dict[str, Any]) -> Attainment:
        return Attainment(planned=m["planned"], actual=m["actual"],
                          actual_planned=m["actual_planned"],
                          outside_plan=m.get("outside_plan", False))

    def line(item: dict[str, Any]) -> AttainmentLine:
        span = item.get("plan_period")
        course = item.get("course_type")
        return AttainmentLine(organization=item.get("organization"), course_type=course,
                              classes=measure(item["classes"]), learners=measure(item["learners"]),
                              course_types=tuple(item.get("course_types",
                                                          () if course is None else (course,))),
                              plan_period=None if span is None else (
                                  date.fromisoformat(span[0]), date.fromisoformat(span[1])))

    period = data["period"]
    return AttainmentTable(
        period=None if period is None else (date.fromisoformat(period[0]),
                                            date.fromisoformat(period[1])),
        by=data["by"],
        lines=tuple(line(x) for x in data["lines"]),
        by_course_type=tuple(line(x) for x in data["by_course_type"]),
        by_organization=tuple(line(x) for x in data["by_organization"]),
        total=line(data["total"]),
        plans_left_out=tuple(data.get("plans_left_out", ())),
    )


def _findings_from(data: Any) -> CheckResult:
    from cadretrain.rules.findings import CheckResult, Evidence, Finding
    from cadretrain.rules.ruleset import Citation, Severity

    def citation(c: Any) -> Citation:
        return Citation(document=c["document"], article=c["article"], quote=c["quote"],
                        source=c["source"], official=c["official"], topic=c.get("topic"),
                        issued=date.fromisoformat(c["issued"]) if c.get("issued") else None)

    return CheckResult(
        on=date.fromisoformat(data["on"]),
        ruleset_version=data["ruleset_version"],
        library_version=data["library_version"],
        rules_applied=tuple(data["rules_applied"]),
        findings=tuple(
            Finding(severity=Severity(f["severity"]), rule_id=f["rule"],
                    regulation=f["regulation"], ruleset_version=f["ruleset_version"],
                    person=f["person"], person_name=f["person_name"],
                    organization=f["organization"], message_vi=f["message_vi"],
                    message_en=f["message_en"], needs_confirmation=f["needs_confirmation"],
                    evidence=tuple(Evidence(kind=e["kind"], ref=e["ref"],
                                            facts=tuple(e["facts"].items()))
                                   for e in f["evidence"]),
                    basis=tuple(citation(c) for c in f.get("basis", ())))
            for f in data["findings"]),
    )


def export_data(context: ExportContext, document: str = "full", *,
                dataset: bool = True) -> dict[str, Any]:
    """The JSON document as plain data (without the dataset when
    ``dataset=False``: the exporter writes it a batch of records at a time)."""
    from cadretrain.converter import to_data

    if not is_export_document(document):
        raise ExportError(_("document {document}: expected one of {kinds}").format(
            document=repr(document), kinds=", ".join(DOCUMENTS)))
    meta = to_data(context.meta)
    data: dict[str, Any] = {
        "format": "cadretrain-export",
        "format_version": FORMAT_VERSION,
        "cadretrain_version": context.library_version,
        "interface_version": INTERFACE_VERSION,
        "document": document,
        "year": context.year,
        "period": None if context.period is None else [d.isoformat() for d in context.period],
        "on": context.on.isoformat(),
        "meta": meta,
    }
    if document in ("full", "dataset") and dataset:
        data["dataset"] = to_data(context.dataset)
    if document in ("full", "attainment"):
        from cadretrain.figures import figure_data

        data["attainment"] = _attainment_data(context.attainment)
        checks = context.figures
        # Every printed figure of the period with its check, and those the data
        # does not reproduce (differs, unachievable, not computable) again as
        # the discrepancies, so a reader of the file sees them without the terminal.
        data["figures"] = [figure_data(c) for c in checks]
        data["discrepancies"] = [figure_data(c) for c in checks if not c.reproduced]
    if document in ("full", "findings"):
        findings = context.findings
        data["ruleset_version"] = findings.ruleset_version
        data["findings"] = findings.to_data()
    if document in ("full", "report"):
        from cadretrain.report import report_data

        data["report"] = report_data(context.report)
    return data


def load_export(data: Mapping[str, Any]) -> LoadedExport:
    """Objects from a JSON export's data (as :func:`json.loads` gives it)."""
    from cadretrain.converter import from_data

    document = data["document"]
    if not is_export_document(document):
        raise ValueError(f"document {document!r}: expected one of {', '.join(DOCUMENTS)}")
    return LoadedExport(
        cadretrain_version=data["cadretrain_version"],
        document=document,
        meta=from_data(data["meta"], ReportMeta),
        year=data["year"],
        on=date.fromisoformat(data["on"]),
        dataset=from_data(data["dataset"], Dataset) if "dataset" in data else None,
        attainment=_attainment_from(data["attainment"]) if "attainment" in data else None,
        findings=_findings_from(data["findings"]) if "findings" in data else None,
        report=_report_from(data["report"]) if "report" in data else None,
    )


def _report_from(data: Any) -> ReportDocument:
    from cadretrain.converter import from_data
    from cadretrain.report import ReportDocument

    return from_data(data, ReportDocument)


def export_json(context: ExportContext, document: str, options: Mapping[str, str],
                out: BinaryIO) -> None:
    """Write the JSON export (UTF-8, Vietnamese text as is)."""
    indent_text = options.get("indent", "2")
    try:
        indent = int(indent_text)
    except ValueError:
        raise ExportError(_("the indent option: {value} is not a whole number").format(
            value=repr(indent_text))) from None
    if indent < 0:
        raise ExportError(_("the indent option: {value} is less than 0").format(value=indent))
    # A record's plain data at a time, no cycles: see cadretrain._collector.
    with paused():
        data = export_data(context, document, dataset=False)
        if document in ("full", "dataset"):
            data = _with_dataset_streamed(data, context.dataset)
        for piece in _encode(data, indent or None, ""):
            out.write(piece.encode("utf-8"))
        out.write(b"\n")


class _Records:
    """A dataset's section, converted and encoded one record at a time: the
    export of a national dataset as one JSON tree and one text took over a
    gigabyte at once."""

    def __init__(self, records: tuple[Any, ...]) -> None:
        self.records = records


def _with_dataset_streamed(data: dict[str, Any], dataset: Dataset) -> dict[str, Any]:
    """``data`` with the dataset as ``to_data`` gives it, its sections left
    to :func:`_encode`, in the place :func:`export_data` puts it."""
    from cadretrain.converter import to_data

    sections = [a.name for a in attrs.fields(Dataset) if a.name not in ("schema_version",
                                                                          "title")]
    head = to_data(Dataset(schema_version=dataset.schema_version, title=dataset.title))
    streamed = {**head, **{name: _Records(getattr(dataset, name)) for name in sections
                           if getattr(dataset, name)}}
    order = ["schema_version", *[a.name for a in attrs.fields(Dataset)]]
    dataset_data = {k: streamed[k] for k in sorted(streamed, key=order.index)}
    keys = list(data)
    at = keys.index("meta") + 1  # as export_data places it
    return {**{k: data[k] for k in keys[:at]}, "dataset": dataset_data,
            **{k: data[k] for k in keys[at:]}}


def _encode(value: Any, indent: int | None, pad: str) -> Iterator[str]:
    """The text ``json.dumps(value, indent=indent, ensure_ascii=False)``
    gives, in pieces; :class:`_Records` are converted a record at a time."""
    from cadretrain.converter import to_data

    step, newline, comma = (" " * indent, "\n", ",") if indent else ("", "", ", ")
    inner = pad + step
    if isinstance(value, dict) and value:
        for n, (key, item) in enumerate(value.items()):
            yield ("{" if n == 0 else comma) + newline + inner \
                + json.dumps(key, ensure_ascii=False) + ": "
            yield from _encode(item, indent, inner)
        yield newline + pad + "}"
    elif isinstance(value, _Records) and value.records:
        # A batch's text is "[" + its records (each after newline + inner,
        # separated by commas) + newline + pad + "]": the lists are joined.
        end = len(newline + pad + "]")
        total = len(value.records)
        for start in range(0, total, _BATCH):
            tell(N_("records"), start, total)
            batch = to_data(list(value.records[start:start + _BATCH]))
            yield ("[" if start == 0 else comma) + _dumps(batch, indent, pad)[1:-end]
        tell(N_("records"), total, total)
        yield newline + pad + "]"
    else:
        yield _dumps(value if not isinstance(value, _Records) else [], indent, pad)


def _dumps(value: Any, indent: int | None, pad: str) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return text.replace("\n", "\n" + pad) if indent and pad else text


#: Records converted and encoded at a time.
_BATCH = 1000


EXPORTER = Exporter(
    name="json",
    description=N_("The dataset with its attainment tables and rule findings as JSON "
                   "(schema/export.schema.json)"),
    extension=".json",
    media_type="application/json",
    documents=DOCUMENTS,
    export=export_json,
    options=(ExportOption(name="indent", help=N_("spaces per level (0: one line)"),
                          default="2"),),
)
