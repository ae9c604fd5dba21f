"""The exporter interface: what a plugin receives and what it must do.

An exporter is plain data plus one function (:class:`Exporter`). cadretrain
finds exporters through the entry-point group ``cadretrain.exporters``; each
entry point names an :class:`Exporter` object (or a no-argument function
returning one). The built-in exporters register the same way, in cadretrain's
own ``pyproject.toml``.

Requirements on every exporter:

- ``export(context, document_kind, options, out)`` writes the whole document
  to the binary stream ``out`` and returns None. It must not open the target
  path itself: cadretrain writes ``out`` to a temporary file and moves it into
  place only when ``export`` returns, so a failure leaves nothing behind.
- Every file written records the cadretrain version that produced it
  (:data:`cadretrain.__version__`, also ``context.library_version``) and, when
  rule findings are in it, the rule set's version
  (``context.findings.ruleset_version``): in a metadata field, document
  properties, a sheet or a comment, as the format allows.
- Bad options or data raise :class:`ExportError` with a message naming the
  option or record; cadretrain prints it with the exporter's name.
- ``interface_version`` is :data:`INTERFACE_VERSION` at the time of writing;
  cadretrain refuses an exporter written for another version, and says so.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs
from attrs import field, frozen

from cadretrain._version import __version__
from cadretrain.i18n import _

# The one metadata type and its parts live in the core (cadretrain.metadata);
# they are the interface's too, under these names.
from cadretrain.metadata import SECTION_NAMES as SECTION_NAMES
from cadretrain.metadata import DocumentFields as DocumentFields
from cadretrain.metadata import ReportMeta as ReportMeta
from cadretrain.metadata import ReportSections as ReportSections
from cadretrain.model import ClassRecord, Dataset, Enrollment

if TYPE_CHECKING:
    from cadretrain.attainment import AttainmentTable
    from cadretrain.figures import FigureCheck
    from cadretrain.report import ReportDocument
    from cadretrain.rules.findings import CheckResult
    from cadretrain.rules.ruleset import RuleSet

#: Bumped whenever :class:`Exporter` or :class:`ExportContext` change in a way
#: an exporter written for the previous version could notice.
INTERFACE_VERSION = 1


class ExportError(ValueError):
    """An export cannot be made: bad option, missing class, bad metadata."""


@frozen(kw_only=True)
class ExportOption:
    """An option an exporter accepts (``--option NAME=VALUE``).

    ``help`` is what ``cadretrain exporters`` shows of it; a plugin gives it in
    other languages too with ``help_by_language`` (``{"vi": "...", "en": "..."}``,
    see :meth:`Exporter.describe`)."""

    name: str
    help: str
    default: str | None = None
    help_by_language: Mapping[str, str] = field(factory=dict, hash=False)

    def describe(self, lang: str | None = None) -> str:
        """``help`` in ``lang`` (default: the current language), chosen as
        :meth:`Exporter.describe` chooses a description."""
        return _in_language(self.help, self.help_by_language, lang)


def _in_language(text: str, by_language: Mapping[str, str], lang: str | None) -> str:
    from cadretrain.i18n import LANGUAGES, current_language, translate

    chosen = lang or current_language()
    if chosen in by_language:
        return by_language[chosen]
    # cadretrain's own exporters write their words in English as messages of
    # its catalog; a plugin's text that is no message comes back unchanged.
    for known in LANGUAGES:
        if chosen == known:
            return translate(text, known)
    return text


def default_meta(dataset: Dataset, *, year: int | None = None,
                 on: date | None = None) -> ReportMeta:
    """Metadata derived from the dataset when no ``--meta`` file says otherwise:
    the issuer is the root organization (the first without a parent), its
    parent-less peers aside. The title is left empty: the dataset's title
    names the data, not the period reported on, so the report states its
    subject and period itself ("Báo cáo kết quả công tác đào tạo, bồi dưỡng
    6 tháng đầu năm 2025"); a metadata title, the office's own words, wins."""
    roots = [o for o in dataset.organizations if o.parent is None]
    issuer = roots[0].name if roots else ""
    return ReportMeta(issuer=issuer, title="", date=on, year=year)


def meta_from_data(data: Mapping[str, Any], *, base: ReportMeta | None = None,
                   source: str = "meta") -> ReportMeta:
    """A :class:`ReportMeta` from parsed TOML/JSON through the project converter;
    fields absent from ``data`` come from ``base``. Every problem at once, each
    naming ``source`` and the field."""
    from attrs import fields

    from cadretrain.converter import from_data, structure_errors, to_data

    known = {f.name for f in fields(ReportMeta)}
    errors = [_("{source}: {field}: unknown field (expected one of {fields})").format(
        source=source, field=k, fields=", ".join(sorted(known))) for k in data if k not in known]
    merged: dict[str, Any] = dict(to_data(base)) if base is not None else {}
    merged.update({k: v for k, v in data.items() if k in known})
    for table in (merged, merged.get("notice"), merged.get("roster")):
        if isinstance(table, dict) and hasattr(table.get("date"), "isoformat"):
            table["date"] = table["date"].isoformat()
    meta = ReportMeta()
    try:
        meta = from_data(merged, ReportMeta)
    except Exception as exc:  # noqa: BLE001 - cattrs raises groups; all are reported
        errors.extend(f"{source}: {path or 'meta'}: {message}"
                      for path, message in structure_errors(exc))
    if errors:
        raise ExportError("\n".join(errors))
    return meta


def read_meta_data(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The table of fields of a metadata file, TOML (``.toml``) or JSON
    (``.json``), not yet checked; :class:`ExportError` naming the file when it
    cannot be read or parsed."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(_("{path}: cannot read: {error}").format(path=file, error=exc)) \
            from None
    try:
        if file.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            if sys.version_info >= (3, 11):
                import tomllib
            else:  # pragma: no cover
                import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
            data = tomllib.loads(text)
    except ValueError as exc:
        kind = "JSON" if file.suffix.lower() == ".json" else "TOML"
        raise ExportError(_("{path}: not valid {format}: {error}").format(
            path=file, format=kind, error=exc)) from None
    if not isinstance(data, dict):
        raise ExportError(_("{path}: expected a table of fields").format(path=file))
    return data


def read_meta(path: str | os.PathLike[str], *, base: ReportMeta | None = None) -> ReportMeta:
    """Report metadata from a TOML or JSON file (:func:`read_meta_data`, then
    :func:`meta_from_data`): fields the file leaves out come from ``base``.
    Every problem is an :class:`ExportError` naming the file and the field."""
    return meta_from_data(read_meta_data(path), base=base, source=str(path))


def notice_groups(
    dataset: Dataset, record: ClassRecord
) -> tuple[tuple[str, tuple[Enrollment, ...]], ...]:
    """The result notices of one class: its enrollments grouped by sending
    organization (each notice goes to one party organization), organizations
    in the dataset's order, then any unknown ids in order of first appearance;
    learners keep their roster order."""
    groups: dict[str, list[Enrollment]] = {}
    for enrollment in record.enrollments or ():
        groups.setdefault(enrollment.sending_organization, []).append(enrollment)
    order = {o.id: i for i, o in enumerate(dataset.organizations)}
    first = {org: i for i, org in enumerate(groups)}
    keys = sorted(groups, key=lambda org: (org not in order, order.get(org, 0), first[org]))
    return tuple((org, tuple(groups[org])) for org in keys)


@frozen(kw_only=True)
class ExportContext:
    """What an exporter receives: the dataset, the report metadata, the period
    and the check date, and the computed documents (computed on first use).

    ``year`` selects the plans and classes of that year (all when None);
    ``dates``, when set, is the period reported on instead (first and last
    day: six months, a school year, a campaign), and ``year`` is then the
    year it ends in unless given. A class belongs to the period by its start
    date. ``on`` is the day rule findings are checked on (the end of the
    period, or today when no period is given, unless set); ``rules`` the rule
    set they are checked with (the default rules when None).

    ``dates`` came after the first release of interface version 1; it
    defaults to None, so exporters that only read ``year`` still work.
    """

    dataset: Dataset
    meta: ReportMeta
    year: int | None = None
    dates: tuple[date, date] | None = None
    on: date = field()
    library_version: str = __version__
    rules: RuleSet | None = None
    _cache: dict[str, Any] = field(factory=dict, init=False, repr=False, eq=False)

    @on.default
    def _on_default(self) -> date:
        if self.dates is not None:
            return self.dates[1]
        return date(self.year, 12, 31) if self.year is not None else date.today()

    def _memo(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def period(self) -> tuple[date, date] | None:
        """The first and last day covered (None: everything)."""
        if self.dates is not None:
            return self.dates
        return None if self.year is None else (date(self.year, 1, 1), date(self.year, 12, 31))

    @property
    def figures(self) -> tuple[FigureCheck, ...]:
        """Every printed figure of the period checked against the data
        (:func:`cadretrain.figures.check_figures`)."""
        def compute() -> tuple[FigureCheck, ...]:
            from cadretrain.figures import check_figures

            return check_figures(self.dataset, period=self.period)
        result: tuple[FigureCheck, ...] = self._memo("figures", compute)
        return result

    @property
    def attainment(self) -> AttainmentTable:
        """Attainment against plan for the period, by course type."""
        def compute() -> AttainmentTable:
            from cadretrain.attainment import attainment

            return attainment(self.dataset, period=self.period)
        result: AttainmentTable = self._memo("attainment", compute)
        return result

    def attainment_by(self, by: str) -> AttainmentTable:
        """Attainment grouped ``by`` (see :func:`cadretrain.attainment.attainment`)."""
        def compute() -> AttainmentTable:
            from cadretrain.attainment import attainment

            return attainment(self.dataset, period=self.period, by=by)  # type: ignore[arg-type]
        result: AttainmentTable = self._memo(f"attainment:{by}", compute)
        return result

    @property
    def findings(self) -> CheckResult:
        """The findings of ``rules`` (the default rules when None) on ``on``
        (carries the rule-set version)."""
        def compute() -> CheckResult:
            from cadretrain.rules.check import check

            return check(self.dataset, self.on, self.rules)
        result: CheckResult = self._memo("findings", compute)
        return result

    @property
    def report(self) -> ReportDocument:
        """The computed report (:class:`cadretrain.report.ReportDocument`):
        sections, sentences with their figures, the appendix table, notes,
        signature; the same content the Word report and the JSON export
        render. Rule findings are in it when the period has any."""
        def compute() -> ReportDocument:
            from cadretrain.report import compute_report

            meta = self.meta if self.meta.year is not None or self.year is None \
                else attrs.evolve(self.meta, year=self.year)
            return compute_report(self.dataset, meta, findings=self.findings,
                                  period=self.period)
        result: ReportDocument = self._memo("report", compute)
        return result

    @property
    def classes(self) -> tuple[ClassRecord, ...]:
        """The classes of the period (starting in it, as everywhere), in dataset order."""
        period = self.period
        if period is None:
            return self.dataset.classes
        return tuple(c for c in self.dataset.classes if period[0] <= c.start <= period[1])

    def find_class(self, class_id: str) -> ClassRecord:
        """The class ``class_id``, or :class:`ExportError` naming the known ids."""
        for record in self.dataset.classes:
            if record.id == class_id:
                return record
        known = ", ".join(c.id for c in self.dataset.classes[:10]) or "-"
        raise ExportError(_("class {id}: no such class (classes: {known})").format(
            id=repr(class_id), known=known))

    def roster(self, class_id: str) -> tuple[Enrollment, ...]:
        """The learners of one class, in the dataset's order (none when only a count is known)."""
        return self.find_class(class_id).enrollments or ()

    def notices(self, class_id: str) -> tuple[tuple[str, tuple[Enrollment, ...]], ...]:
        """Result notices of one class, one per sending organization."""
        return notice_groups(self.dataset, self.find_class(class_id))


ExportFunction = Callable[[ExportContext, str, Mapping[str, str], BinaryIO], None]


@frozen(kw_only=True)
class Exporter:
    """One exporter: plain data plus the function that writes.

    ``name`` is what ``--to`` selects; ``extension`` (with the dot) and
    ``media_type`` describe the file; ``documents`` are the document kinds
    (``--document``) it writes, the first being the default; ``options`` are
    the ``--option`` keys it accepts.

    ``description`` says what it writes; ``description_by_language`` gives
    the same in the languages cadretrain speaks (``{"vi": "...", "en":
    "..."}``), so that ``cadretrain exporters`` lists the plugin in the
    language of the rest of its output (:meth:`describe`).
    """

    name: str
    description: str
    extension: str
    media_type: str
    documents: tuple[str, ...]
    export: ExportFunction
    options: tuple[ExportOption, ...] = ()
    interface_version: int = INTERFACE_VERSION
    description_by_language: Mapping[str, str] = field(factory=dict, hash=False)

    def describe(self, lang: str | None = None) -> str:
        """The description in ``lang`` (default: the current language,
        :func:`cadretrain.i18n.current_language`): its entry in
        ``description_by_language``, else ``description`` translated by
        cadretrain's catalog when it is one of its messages (the built-in
        exporters'), else ``description`` as it is."""
        return _in_language(self.description, self.description_by_language, lang)
