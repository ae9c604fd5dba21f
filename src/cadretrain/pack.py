"""The report pack: a year's documents in one step (``cadretrain report``).

:func:`build_pack` computes attainment, reconciles the printed figures and
checks the rules, then has the exporters write, in memory, the Word summary
report (``docx``), the Excel workbook (``xlsx``), the JSON export (``json``)
and, for every class of the year that has a roster, the result notices, one
Word file per sending organization. Nothing touches the disk until
:meth:`ReportPack.write`, so a failing exporter leaves no file behind.

The exporters are found through the entry-point group like any other (only
cadretrain's own are used: a broken third-party plugin cannot spoil the pack).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

import attrs
from attrs import field, frozen

from cadretrain.atomic import write_atomically
from cadretrain.attainment import AttainmentTable, Discrepancy
from cadretrain.exporters.api import ExportContext, ExportError, ReportMeta, default_meta
from cadretrain.exporters.registry import Discovery, discover
from cadretrain.exporters.run import export_bytes
from cadretrain.model import Dataset
from cadretrain.rules.findings import CheckResult
from cadretrain.rules.ruleset import RuleSet

__all__ = [
    "PackFile",
    "ReportPack",
    "Step",
    "build_pack",
    "default_year",
    "empty_period_warning",
]

#: Called before each step of :func:`build_pack` with the step's label, its
#: number (from 1) and the number of steps.
Step = Callable[[str, int, int], None]

REPORT_FILE = "report.docx"
WORKBOOK_FILE = "workbook.xlsx"
DATA_FILE = "data.json"
NOTICES_DIR = "notices"


@frozen(kw_only=True)
class PackFile:
    """One document of the pack: where it goes (a relative path with ``/``),
    which exporter and document kind made it, and its bytes."""

    name: str
    exporter: str
    document: str
    description: str
    content: bytes = field(repr=False)


@frozen(kw_only=True)
class ReportPack:
    """The documents of a report and the figures behind them.

    ``year`` is the year reported on (None: all the data), ``on`` the day the
    rules were checked on, ``meta`` the report metadata the documents carry.
    ``discrepancies`` are the printed figures the data does not reproduce;
    ``findings`` the rule findings (with the rule set's version).
    """

    files: tuple[PackFile, ...]
    meta: ReportMeta
    year: int | None
    on: date
    attainment: AttainmentTable
    findings: CheckResult
    discrepancies: tuple[Discrepancy, ...]
    #: Classes of the year with only a learner count: no notices for them.
    classes_without_roster: tuple[str, ...] = ()
    #: The first and last day reported on (None: all the data).
    period: tuple[date, date] | None = None
    #: Set when the period holds no class while the dataset has some.
    empty_period: bool = False
    dataset: Dataset | None = field(default=None, repr=False, eq=False)

    def write(self, directory: str | os.PathLike[str]) -> tuple[Path, ...]:
        """Write every file under ``directory`` (created if need be) and return
        their paths. Each file appears whole or not at all; files of an earlier
        pack with the same names are replaced, others are left alone."""
        root = Path(directory)
        if root.exists() and not root.is_dir():
            raise NotADirectoryError(f"{root}: exists and is not a directory")
        written = []
        for item in self.files:
            target = root.joinpath(*item.name.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, item.content, stamp=self.meta.date or self.on)
            written.append(target)
        return tuple(written)

    def warnings(self, *, english: bool = False) -> tuple[str, ...]:
        """One line per thing a report writer should look at: each printed
        figure the data does not reproduce, then each rule finding, in
        Vietnamese (``english=False``) or English words and figures."""
        locale = "en" if english else "vi"
        figure = "printed figure" if english else "số liệu đã in"
        lines = []
        if self.empty_period and self.dataset is not None:
            lines.append(empty_period_warning(self.dataset, self.period, english) or "")
        lines += [f"{figure} {d.figure} ({d.source}): {d.describe(locale)}"
                  for d in self.discrepancies]
        lines += [f"{f.severity.value}: {f.person_name} ({f.person}): {f.message(english)} "
                  f"[{f.rule_id}, {f.regulation}]" for f in self.findings.findings]
        return tuple(lines)


def default_year(dataset: Dataset) -> int | None:
    """The latest year a class or class group of the dataset starts in; without
    any, the latest year a plan starts in (None when it has neither).

    A class belongs to a period by its start date, so a class running from
    December into January belongs to the year it starts in: that year is the
    default, never the following one, which would have no activity.
    """
    years = [c.start.year for c in dataset.classes]
    years += [g.period_start.year for g in dataset.class_groups]
    if not years:
        years = [p.period_start.year for p in dataset.plans]
    return max(years) if years else None


def empty_period_warning(dataset: Dataset, period: tuple[date, date] | None,
                         english: bool = False) -> str | None:
    """A warning when ``period`` holds no class while the dataset has some."""
    if period is None:
        return None
    starts = [c.start for c in dataset.classes] + [g.period_start for g in dataset.class_groups]
    if not starts or any(period[0] <= d <= period[1] for d in starts):
        return None
    first, last = min(starts), max(starts)
    from cadretrain.periods import period_label

    if english:
        return (f"no class starts in {period_label(period, 'en')}; the dataset's classes "
                f"start from {first.isoformat()} to {last.isoformat()}")
    return (f"không có lớp nào bắt đầu trong {period_label(period)}; các lớp của dữ liệu "
            f"bắt đầu từ {first.isoformat()} đến {last.isoformat()}")


def _safe_name(text: str) -> str:
    # Ids come from data: keep letters, digits, '-', '_' and '.', never a path.
    name = re.sub(r"[^\w.-]+", "_", text).strip("._")
    return name or "_"


def _notice_classes(context: ExportContext) -> tuple[list[str], list[str]]:
    with_roster: list[str] = []
    without: list[str] = []
    for record in context.classes:
        (with_roster if record.enrollments else without).append(record.id)
    return with_roster, without


def _complete(meta: ReportMeta, dataset: Dataset, year: int | None, on: date) -> ReportMeta:
    """``meta`` with its empty issuer, title, date and year taken from the data."""
    base = default_meta(dataset, year=year, on=on)
    return attrs.evolve(
        meta,
        issuer=meta.issuer or base.issuer,
        title=meta.title or base.title,
        date=meta.date or on,
        year=meta.year if meta.year is not None else year,
    )


def build_pack(
    dataset: Dataset,
    *,
    meta: ReportMeta | None = None,
    year: int | None = None,
    period: tuple[date, date] | None = None,
    on: date | None = None,
    source: str | None = None,
    docx_options: Mapping[str, str] | None = None,
    exporters: Discovery | None = None,
    step: Step | None = None,
    rules: RuleSet | None = None,
) -> ReportPack:
    """Every document of the report on ``year``, in memory.

    ``year`` defaults to the metadata's year, then to :func:`default_year`;
    ``period`` (first and last day) reports on another period instead (six
    months, a school year), and ``year`` is then the year it ends in unless
    given. ``on`` (the day the rules are checked on) defaults to the last day
    of the period. When the period holds no class while the dataset has
    some, :meth:`ReportPack.warnings` says so first.
    Empty fields of ``meta`` (issuer, title, date, year) are taken from the
    dataset as :func:`~cadretrain.exporters.default_meta` does. ``source``
    names where the data came from (the workbook's source sheet).
    ``docx_options`` go to the Word exporter (layout, ``template``).
    ``exporters`` defaults to cadretrain's own (third-party plugins off).
    ``rules`` is the rule set the findings are checked with (the default
    rules when None); every document carries its findings and version.

    Raises :class:`~cadretrain.exporters.ExportError` naming the exporter when
    one of them fails; nothing has been written then.
    """
    given = meta or ReportMeta()
    if year is None and period is not None:
        year = period[1].year
    if year is None:
        year = given.year if given.year is not None else default_year(dataset)
    if on is None:
        on = (period[1] if period is not None
              else date(year, 12, 31) if year is not None else date.today())
    full_meta = _complete(given, dataset, year, on)
    context = ExportContext(dataset=dataset, meta=full_meta, year=year, dates=period, on=on,
                            rules=rules)
    found = exporters if exporters is not None else discover(plugins=False)
    notice_classes, without_roster = _notice_classes(context)
    total = 5 + len(notice_classes)
    done = 0

    def begin(label: str) -> None:
        nonlocal done
        done += 1
        if step is not None:
            step(label, done, total)

    begin("attainment against plan")
    table = context.attainment
    begin("printed figures and rule findings")
    discrepancies = tuple(Discrepancy.of(c) for c in context.figures if not c.reproduced)
    findings = context.findings
    docx = dict(docx_options or {})
    files: list[PackFile] = []

    def make(name: str, exporter: str, document: str, description: str,
             options: Mapping[str, str] | None = None) -> None:
        content = export_bytes(found.get(exporter), context, document, options)
        files.append(PackFile(name=name, exporter=exporter, document=document,
                              description=description, content=content))

    begin("the Word summary report")
    make(REPORT_FILE, "docx", "report", "Word summary report (báo cáo tổng hợp)", docx)
    begin("the Excel workbook")
    make(WORKBOOK_FILE, "xlsx", "workbook", "Excel workbook (bảng tính)",
         {"source": source} if source else None)
    begin("the JSON export")
    make(DATA_FILE, "json", "full", "JSON export (dữ liệu)")
    for class_id in notice_classes:
        begin(f"result notices of class {class_id}")
        archive = export_bytes(found.get("docx"), context, "notices",
                               {**{k: v for k, v in docx.items() if k != "template"},
                                "class": class_id, "split": "true"})
        folder = f"{NOTICES_DIR}/{_safe_name(class_id)}"
        with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
            for entry in zipped.namelist():
                organization = entry.removesuffix(".docx")
                files.append(PackFile(
                    name=f"{folder}/{_safe_name(organization)}.docx", exporter="docx",
                    document="notices",
                    description=f"result notice (thông báo kết quả) of class {class_id} "
                    f"to {organization}",
                    content=zipped.read(entry)))
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        clashes = sorted({n for n in names if names.count(n) > 1})
        raise ExportError(f"two documents would be written to {', '.join(clashes)}: "
                          "class or organization ids differ only in characters that "
                          "cannot be in a file name")
    return ReportPack(files=tuple(files), meta=full_meta, year=year, on=on, attainment=table,
                      findings=findings, discrepancies=discrepancies,
                      classes_without_roster=tuple(without_roster), period=context.period,
                      empty_period=empty_period_warning(dataset, context.period) is not None,
                      dataset=dataset)
