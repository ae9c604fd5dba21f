"""The report pack: a year's documents in one step (``cadretrain report``).

:func:`build_pack` computes attainment, reconciles the printed figures and
checks the rules, and lists the documents: the Word summary report
(``docx``), the Excel workbook (``xlsx``), the JSON export (``json``) and,
for every class of the year that has a roster, the result notices, one Word
file per sending organization. :meth:`ReportPack.write` then makes them one
at a time, each straight into its file in a staging directory, which takes
the place of the target directory once every document is there: memory stays
bounded by the largest document, and a failure or a kill leaves the earlier
pack whole (see :mod:`cadretrain.staging`).

The exporters are found through the entry-point group like any other (only
cadretrain's own are used: a broken third-party plugin cannot spoil the pack).

Why one module of over 500 lines: a pack is one all-or-nothing job (choose
the documents, say how many notices before starting, write each into the
staging directory, in processes when there are many notices, move the whole
into place); its functions are the steps of that job, read in order.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import re
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO, overload

import attrs
from attrs import field, frozen

from cadretrain.attainment import AttainmentTable
from cadretrain.exporters.api import ExportContext, ExportError, ReportMeta, default_meta
from cadretrain.exporters.registry import Discovery, discover
from cadretrain.exporters.run import export_to
from cadretrain.i18n import N_, _, current_language, language, number
from cadretrain.lookups import DatasetIndex, index_of
from cadretrain.model import Dataset
from cadretrain.reconciliation import Discrepancy
from cadretrain.rules.findings import CheckResult
from cadretrain.rules.ruleset import RuleSet
from cadretrain.staging import Staging, staged_directory

__all__ = [
    "NOTICE_WARNING",
    "PackFile",
    "ReportPack",
    "SelectionError",
    "Step",
    "build_pack",
    "default_year",
    "empty_period_warning",
    "subtree",
]

#: Called before each step of :func:`build_pack` with the step's label (an
#: English message id of the catalog: :func:`cadretrain.i18n.translate` gives it
#: in the current language), its number (from 1) and the number of steps.
Step = Callable[[str, int, int], None]

REPORT_FILE = "report.docx"
WORKBOOK_FILE = "workbook.xlsx"
DATA_FILE = "data.json"
NOTICES_DIR = "notices"

#: A pack with more result notices than this says so before it starts
#: (``cadretrain report``), with how to narrow it: at a few hundred notices a
#: second, ten thousand take about a minute.
NOTICE_WARNING = 10_000


class SelectionError(ExportError):
    """``classes`` or ``notices_for`` of :func:`build_pack` names a class or
    an organization the dataset does not have."""


@frozen(kw_only=True)
class PackFile:
    """One document of the pack: where it goes (a relative path with ``/``),
    which exporter and document kind made it, what it is (``description``, in
    the language current when the pack was built), and how to make it. Documents
    are made when the pack is written (:meth:`ReportPack.write`), one at a
    time, straight into their file; :attr:`content` makes one in memory."""

    name: str
    exporter: str
    document: str
    description: str
    options: Mapping[str, str] = field(factory=dict, repr=False)
    _context: ExportContext = field(repr=False, eq=False, alias="context")
    _found: Discovery = field(repr=False, eq=False, alias="found")

    def write_to(self, out: BinaryIO) -> None:
        """Make the document into the binary stream ``out``
        (:class:`~cadretrain.exporters.ExportError` when its exporter fails)."""
        export_to(self._found.get(self.exporter), self._context, out, self.document,
                  self.options)

    @property
    def content(self) -> bytes:
        """The document's bytes (made on each access)."""
        buffer = io.BytesIO()
        self.write_to(buffer)
        return buffer.getvalue()


@frozen(kw_only=True)
class ReportPack:
    """The documents of a report and the figures behind them.

    ``year`` is the year reported on (None: all the data), ``on`` the day the
    rules were checked on, ``meta`` the report metadata the documents carry.
    ``discrepancies`` are the printed figures the data does not reproduce;
    ``findings`` the rule findings (with the rule set's version).
    ``notices`` lists, for each class whose result notices are in the pack,
    the sending organizations one notice goes to.
    """

    documents: tuple[PackFile, ...]
    notices: tuple[tuple[str, tuple[str, ...]], ...]
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
    _context: ExportContext = field(repr=False, eq=False, alias="context")
    _found: Discovery = field(repr=False, eq=False, alias="found")
    _docx_options: Mapping[str, str] = field(factory=dict, repr=False, alias="docx_options")

    @property
    def notice_count(self) -> int:
        """How many result notices the pack holds."""
        return sum(len(orgs) for _class, orgs in self.notices)

    @property
    def files(self) -> tuple[PackFile, ...]:
        """Every document of the pack, in the order written: the report, the
        workbook, the JSON export, then the notices class by class."""
        return tuple(self.iter_files())

    def iter_files(self) -> Iterator[PackFile]:
        """The documents one at a time, as :attr:`files` (without holding a
        national pack's million notices in a tuple)."""
        yield from self.documents
        for class_id, organizations in self.notices:
            for org in organizations:
                yield self._notice(class_id, org)

    def _notice(self, class_id: str, org: str) -> PackFile:
        return PackFile(
            name=f"{NOTICES_DIR}/{_safe_name(class_id)}/{_safe_name(org)}.docx",
            exporter="docx", document="notices",
            description=_("result notice of class {class_id} to {organization}").format(
                class_id=class_id, organization=org),
            # The template is the report's (docxtpl); notices are built in code.
            options={**{k: v for k, v in self._docx_options.items() if k != "template"},
                     "class": class_id, "organization": org},
            context=self._context, found=self._found)

    def write(self, directory: str | os.PathLike[str], *, step: Step | None = None,
              processes: int | None = None) -> Sequence[Path]:
        """Write the pack into ``directory`` and return the paths written.

        All or nothing: the documents are made one at a time into a staging
        directory beside ``directory``, flushed to disk, and the staging
        directory then takes ``directory``'s place; until then an earlier
        pack there is left whole, and a failure (an exporter, a full disk, the
        process killed) leaves it as it was. ``directory`` then holds this pack
        only. A directory that holds files other than a pack's is refused
        (:class:`~cadretrain.exporters.ExportError`), so nobody's files are
        swept away. Leftovers of an interrupted earlier run are cleaned first.

        The notices are made by ``processes`` worker processes (default: one
        per core) where the system can fork them (Linux and other POSIX
        systems), in this process otherwise or with ``processes=1``.
        ``step`` is called for each document (label, number, count): before
        it is made, or, for notices made by workers, when it is done.
        """
        root = Path(directory)
        _refuse_foreign_files(root)
        names = [f.name for f in self.documents]
        total = len(names) + self.notice_count
        workers = _workers(processes, self.notice_count)
        with staged_directory(root, stamp=self.meta.date or self.on) as staging:
            for done, item in enumerate(self.documents, start=1):
                if step is not None:
                    step(_label(item), done, total)
                _write_file(staging, item)
            done = len(names)
            if workers > 1:
                for name in _in_processes(self, staging, workers):
                    done += 1
                    if step is not None:
                        step(NOTICES_STEP, done, total)
                    names.append(name)
            else:
                for class_id, organizations in self.notices:
                    for org in organizations:
                        done += 1
                        if step is not None:
                            step(NOTICES_STEP, done, total)
                        names.append(_write_file(staging, self._notice(class_id, org)))
        return _Paths(root, names)

    def warnings(self, *, english: bool | None = None) -> tuple[str, ...]:
        """One line per thing a report writer should look at: each printed
        figure the data does not reproduce, then each rule finding, in the
        current language (:func:`cadretrain.i18n.current_language`).

        ``english`` is deprecated (it goes in the next release): choose the
        language with ``with i18n.language("en"):`` instead."""
        with _deprecated_english("ReportPack.warnings", english):
            lines = []
            if self.empty_period and self.dataset is not None:
                lines.append(empty_period_warning(self.dataset, self.period) or "")
            locale = current_language()
            lines += [_("printed figure {figure} ({source}): {description}").format(
                figure=d.figure, source=d.source, description=d.describe(locale))
                for d in self.discrepancies]
            lines += [f"{f.severity.label()}: {f.person_name} ({f.person}): {f.message()} "
                      f"[{f.rule_id}, {f.regulation}]" for f in self.findings.findings]
            return tuple(lines)


@contextlib.contextmanager
def _deprecated_english(name: str, english: bool | None) -> Iterator[None]:
    """The block in English or Vietnamese when a caller still passes the
    ``english`` flag of earlier versions (with a DeprecationWarning), else in
    the current language."""
    if english is None:
        yield
        return
    warnings.warn(f"{name}(english=...) is deprecated: it follows "
                  "cadretrain.i18n.current_language(); use `with i18n.language(\"en\"):`",
                  DeprecationWarning, stacklevel=3)
    with language("en" if english else "vi"):
        yield


def _write_file(staging: Staging, item: PackFile) -> str:
    """Make ``item`` into its file under ``staging``; its name."""
    target = staging.joinpath(*item.name.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    with staging.create(target) as out:
        item.write_to(out)
    return item.name


#: Notices a worker process makes per task: enough to make the hand-over
#: cheap, few enough that both cores stay busy to the end.
_CHUNK = 20


def _workers(processes: int | None, notices: int) -> int:
    if processes is None:
        processes = os.cpu_count() or 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # a spawned worker would have to load the dataset again
    return max(1, min(processes, notices // _CHUNK))


#: What the worker processes work on: set before they are forked, so that
#: each has the dataset, its lookups and the staging directory without
#: pickling a national dataset.
_work: tuple[ReportPack, Staging] | None = None


def _make_notices(chunk: list[tuple[str, str]]) -> list[str]:
    assert _work is not None, "set before the workers were forked"
    pack, staging = _work
    return [_write_file(staging, pack._notice(class_id, org)) for class_id, org in chunk]


def _in_processes(pack: ReportPack, staging: Staging, workers: int) -> Iterator[str]:
    """Make the notices of ``pack`` in ``workers`` forked processes; their
    names in the pack's order, as they are done."""
    global _work
    index_of(pack._context.dataset)  # built here once, inherited by every worker
    tasks = [(c, o) for c, orgs in pack.notices for o in orgs]
    chunks = [tasks[i:i + _CHUNK] for i in range(0, len(tasks), _CHUNK)]
    _work = (pack, staging)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # Leaving the block (an error, an interrupt) terminates the workers.
            for names in pool.imap(_make_notices, chunks):
                yield from names
    finally:
        _work = None


#: What a pack directory may hold: anything else there is someone's file.
_PACK_ENTRIES = frozenset({REPORT_FILE, WORKBOOK_FILE, DATA_FILE, NOTICES_DIR})

def _refuse_foreign_files(root: Path) -> None:
    # The pack replaces its directory as a whole: files that are not a
    # pack's (someone's notes, another program's output) would go with it.
    if not root.is_dir():
        return
    foreign = sorted(entry.name for entry in root.iterdir() if entry.name not in _PACK_ENTRIES
                     and not _TEMPORARY.match(entry.name))
    if foreign:
        shown = ", ".join(foreign[:5])
        if len(foreign) > 5:
            shown = _("{names} and {n} more").format(names=shown, n=number(len(foreign) - 5))
        raise ExportError(_("{path}: holds files that are not a report pack's ({names}); the "
                            "pack replaces its directory as a whole: write it into a new or "
                            "empty directory, or move those files away").format(
            path=root, names=shown))


#: Temporary files an earlier version's interrupted write left (.NAME.XXXX.tmp).
_TEMPORARY = re.compile(r"^\..+\.tmp$")

# Step labels are message ids of the catalog: the progress line translates them.
_LABELS = {REPORT_FILE: N_("the Word summary report"), WORKBOOK_FILE: N_("the Excel workbook"),
           DATA_FILE: N_("the JSON export")}
NOTICES_STEP = N_("the result notices")


def _label(item: PackFile) -> str:
    if item.document == "notices":
        return NOTICES_STEP
    return _LABELS.get(item.name, item.name)


class _Paths(Sequence[Path]):
    """The paths of a written pack, made when asked for (a million Path
    objects would take hundreds of megabytes)."""

    def __init__(self, root: Path, names: list[str]) -> None:
        self._root = root
        self._names = names

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Path]: ...

    def __getitem__(self, index: int | slice) -> Path | Sequence[Path]:
        if isinstance(index, slice):
            return _Paths(self._root, self._names[index])
        return self._root.joinpath(*self._names[index].split("/"))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{len(self)} paths under {self._root}>"


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
                         english: bool | None = None) -> str | None:
    """A warning when ``period`` holds no class while the dataset has some, in
    the current language (``english`` is deprecated, as in
    :meth:`ReportPack.warnings`)."""
    if period is None:
        return None
    starts = [c.start for c in dataset.classes] + [g.period_start for g in dataset.class_groups]
    if not starts or any(period[0] <= d <= period[1] for d in starts):
        return None
    first, last = min(starts), max(starts)
    from cadretrain.formatting import format_date
    from cadretrain.periods import period_label

    with _deprecated_english("empty_period_warning", english):
        lang = current_language()
        return _("no class starts in {period}; the dataset's classes start from {first} "
                 "to {last}").format(period=period_label(period, lang),
                                     first=format_date(first, lang),
                                     last=format_date(last, lang))


def _safe_name(text: str) -> str:
    # Ids come from data: keep letters, digits, '-', '_' and '.', never a path.
    name = re.sub(r"[^\w.-]+", "_", text).strip("._")
    return name or "_"


def subtree(index: DatasetIndex, organization: str) -> set[str]:
    """``organization`` and the ids of every organization under it."""
    found = {organization}
    todo = [organization]
    while todo:
        for child in index.children(todo.pop()):
            if child.id not in found:  # a cycle is a validation error; never loop on one
                found.add(child.id)
                todo.append(child.id)
    return found


def _notice_plan(context: ExportContext, classes: Sequence[str] | None,
                 notices_for: str | None) -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    """The notices to write, class by class (the sending organizations in the
    order their learners first appear), and the classes of the year without a
    roster. Raises :class:`ExportError` for an unknown class or organization."""
    found = index_of(context.dataset)
    if classes is None:
        chosen = list(context.classes)
    else:
        chosen = []
        for class_id in dict.fromkeys(classes):
            record = found.classes.get(class_id)
            if record is None:
                known = ", ".join(c.id for c in context.dataset.classes[:10])
                known += ", …" if len(context.dataset.classes) > 10 else ""
                raise SelectionError(
                    _("--class {id}: no such class (classes: {known})").format(
                        id=class_id, known=known) if known else
                    _("--class {id}: no such class (the dataset has none)").format(id=class_id))
            chosen.append(record)
    wanted: set[str] | None = None
    if notices_for is not None:
        if notices_for not in found.organizations:
            raise SelectionError(_("--notices-for {id}: no such organization").format(
                id=notices_for))
        wanted = subtree(found, notices_for)
    plan: list[tuple[str, tuple[str, ...]]] = []
    without: list[str] = []
    for record in chosen:
        if not record.enrollments:
            without.append(record.id)
            continue
        organizations = tuple(dict.fromkeys(e.sending_organization for e in record.enrollments))
        if wanted is not None:
            organizations = tuple(o for o in organizations if o in wanted)
        if organizations:
            plan.append((record.id, organizations))
    return plan, without


def _complete(meta: ReportMeta, dataset: Dataset, year: int | None, on: date) -> ReportMeta:
    """``meta`` with its empty issuer, date and year taken from the data (an
    empty title stays empty: the report then states its subject and period)."""
    base = default_meta(dataset, year=year, on=on)
    return attrs.evolve(
        meta,
        issuer=meta.issuer or base.issuer,
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
    notices: bool = True,
    classes: Sequence[str] | None = None,
    notices_for: str | None = None,
) -> ReportPack:
    """The report on ``year``: its figures now, its documents when written.

    ``year`` defaults to the metadata's year, then to :func:`default_year`;
    ``period`` (first and last day) reports on another period instead (six
    months, a school year), and ``year`` is then the year it ends in unless
    given. ``on`` (the day the rules are checked on) defaults to the last day
    of the period. When the period holds no class while the dataset has
    some, :meth:`ReportPack.warnings` says so first.
    Empty fields of ``meta`` (issuer, date, year) are taken from the
    dataset as :func:`~cadretrain.exporters.default_meta` does. ``source``
    names where the data came from (the workbook's source sheet).
    ``docx_options`` go to the Word exporter (layout, ``template``).
    ``exporters`` defaults to cadretrain's own (third-party plugins off).
    ``rules`` is the rule set the findings are checked with (the default
    rules when None); every document carries its findings and version.

    The result notices: one per class of the year with a roster and sending
    organization; none with ``notices=False``; ``classes`` (ids) the notices
    of those classes only (of any year); ``notices_for`` (an organization id)
    only the notices to that organization and the organizations under it.
    An unknown class or organization is an
    :class:`~cadretrain.exporters.ExportError`.

    The documents are made by :meth:`ReportPack.write`, which raises
    :class:`~cadretrain.exporters.ExportError` naming the exporter when one
    of them fails (the directory is then left as it was).
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
    if step is not None:
        step(N_("attainment against plan"), 1, 2)
    table = context.attainment
    if step is not None:
        step(N_("printed figures and rule findings"), 2, 2)
    discrepancies = tuple(Discrepancy.of(c) for c in context.figures if not c.reproduced)
    findings = context.findings
    docx = dict(docx_options or {})

    def document(name: str, exporter: str, kind: str, description: str,
                 options: Mapping[str, str] | None = None) -> PackFile:
        return PackFile(name=name, exporter=exporter, document=kind, description=description,
                        options=dict(options or {}), context=context, found=found)

    documents = (
        document(REPORT_FILE, "docx", "report", _("Word summary report"), docx),
        document(WORKBOOK_FILE, "xlsx", "workbook", _("Excel workbook"),
                 {"source": source} if source else None),
        document(DATA_FILE, "json", "full", _("JSON export")),
    )
    plan, without_roster = _notice_plan(context, classes, notices_for)
    if not notices:
        plan = []
    _check_names(plan)
    return ReportPack(documents=documents, notices=tuple(plan), meta=full_meta, year=year,
                      on=on, attainment=table, findings=findings, discrepancies=discrepancies,
                      classes_without_roster=tuple(without_roster), period=context.period,
                      empty_period=empty_period_warning(dataset, context.period) is not None,
                      dataset=dataset, context=context,
                      found=found, docx_options=docx)


def _check_names(plan: Sequence[tuple[str, tuple[str, ...]]]) -> None:
    """Two documents must never be written to one file name."""
    clashes: set[str] = set()
    folders: dict[str, str] = {}
    for class_id, organizations in plan:
        folder = _safe_name(class_id)
        if folders.setdefault(folder, class_id) != class_id:
            clashes.add(f"{NOTICES_DIR}/{folder}/")
        files = [_safe_name(o) for o in organizations]
        if len(set(files)) != len(files):
            clashes.update(f"{NOTICES_DIR}/{folder}/{n}.docx" for n in files
                           if files.count(n) > 1)
    if clashes:
        raise ExportError(_("two documents would be written to {names}: class or "
                            "organization ids differ only in characters that cannot be in a "
                            "file name").format(names=", ".join(sorted(clashes))))
