"""The Excel exporter as a plugin: ``cadretrain export PATH --to xlsx``.

Registered as the entry point ``xlsx`` of the group ``cadretrain.exporters``.
Documents: ``workbook`` (the default: plan against actual with live
formulas, the data sheets, the rule findings and the source sheet; see
:mod:`cadretrain.exporters.xlsx.workbook`) and ``template`` (the empty workbook
to fill in; see :mod:`cadretrain.exporters.xlsx.template`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import BinaryIO

from cadretrain._collector import paused
from cadretrain.exporters.api import ExportContext, Exporter, ExportError, ExportOption
from cadretrain.i18n import N_

__all__ = ["EXPORTER"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export(context: ExportContext, document: str, options: Mapping[str, str],
            out: BinaryIO) -> None:
    # openpyxl is imported only when a workbook is written.
    from cadretrain.exporters.xlsx.template import build_template
    from cadretrain.exporters.xlsx.workbook import SourceInfo, build_workbook, findings_from_check

    unknown = sorted(set(options) - {"source", "findings"})
    if unknown:
        raise ExportError(f"unknown option {unknown[0]!r} (options: source, findings)")
    if document == "template":
        build_template().save(out)
        return
    if document != "workbook":
        raise ExportError(f"unknown document {document!r} (documents: workbook, template)")
    with_findings = options.get("findings", "yes").lower()
    if with_findings not in ("yes", "no"):
        raise ExportError(f"option findings: expected yes or no, got {with_findings!r}")
    result = context.findings if with_findings == "yes" else None
    # Millions of rows and cells, no cycles: see cadretrain._collector.
    with paused():
        workbook = build_workbook(
            context.dataset,
            findings=findings_from_check(result) if result is not None else (),
            info=SourceInfo(
                source=options.get("source"),
                rule_set=result.ruleset_version if result is not None else None,
                period=context.period,
            ),
        )
        workbook.save(out)


EXPORTER = Exporter(
    name="xlsx",
    description=N_("Excel workbook: plan against actual with live formulas and a chart, "
                   "classes, rosters with results, qualifications, rule findings; or the "
                   "template to fill in"),
    extension=".xlsx",
    media_type=MEDIA_TYPE,
    documents=("workbook", "template"),
    export=_export,
    options=(
        ExportOption(name="source", help=N_("where the data came from, for the source sheet")),
        ExportOption(name="findings", help=N_("include the rule findings (yes/no)"),
                     default="yes"),
    ),
)
