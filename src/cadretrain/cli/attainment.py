"""``cadretrain attainment PATH``: classes and learners against plan (kết quả so với kế hoạch)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from fractions import Fraction
from typing import Any

from cadretrain import i18n
from cadretrain.attainment import (
    Attainment,
    AttainmentLine,
    AttainmentTable,
    Status,
    _language,
    attainment,
)
from cadretrain.catalog import course_catalog, course_names
from cadretrain.cli._common import CommandFailed, add_period_options, load_dataset, period_of
from cadretrain.formatting import format_count, format_date, format_percent, round_half_up
from cadretrain.i18n import _, pgettext
from cadretrain.model import Dataset, Measure
from cadretrain.periods import period_label
from cadretrain.reconciliation import Discrepancy, figure_decimals, reconcile
from cadretrain.year_on_year import Comparison, YearOnYear, year_on_year

#: Decimals of a percentage that no printed figure of the dataset fixes.
DEFAULT_DECIMALS = 1

def _words() -> dict[object, str]:
    """The table's words in the current language (from the catalog)."""
    return {
        "course": _("Course type"), "org": _("Organization"), "total": _("Total"),
        "plan": _("Plan"), "done": _("Held"), "rate": _("Attained"),
        "classes": pgettext("unit", "classes"), "learners": pgettext("unit", "learners"),
        "period": _("Period"), "all": _("all data"), "to": _("to"),
        Status.NO_PLAN: Status.NO_PLAN.label(), Status.PLAN_OF_ZERO: Status.PLAN_OF_ZERO.label(),
        Status.OUTSIDE_PLAN: Status.OUTSIDE_PLAN.label(),
        "recon": _("Reconciliation of printed figures"),
        "agree": _("Every printed figure agrees with the data."),
        "against": _("Rates against the plan of a longer period:"),
        "now": _("This period"), "then": _("A year earlier"),
        "compare": _("Against the same period a year earlier"),
        "left_out": _("Plans only partly within this period, not counted"),
    }


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "attainment",
        help=_("classes and learners against plan, with reconciliation"),
        description=_("Print how far each plan was met (classes and learners held against "
                      "plan), per course type or per organization, rolled up, and compare every "
                      "printed figure of the dataset with the data."),
    )
    parser.add_argument("path", metavar="PATH", help=_("the dataset file (.json, .toml or .xlsx)"))
    add_period_options(parser, year_help=_("only plans of this year and classes starting in "
                                           "it (default: all)"))
    parser.add_argument("--by", choices=("course-type", "organization"), default="course-type",
                        help=_("one row per course type (default) or per organization and "
                               "course type, with the tree's roll-up"))
    parser.add_argument("--compare", action="store_true",
                        help=_("also the same period a year earlier, and the change; needs "
                               "--year or --period"))
    parser.add_argument("--json", action="store_true", help=_("print JSON for machines"))
    parser.add_argument("--decimals", type=int, metavar="N",
                        help=_("decimals of every percentage (default: as the source report "
                               "printed the figure, else {n})").format(n=DEFAULT_DECIMALS))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.decimals is not None and not 0 <= args.decimals <= 10:
        print("cadretrain attainment: " + _("--decimals must be between 0 and 10"),
              file=sys.stderr)
        return 2
    try:
        loaded = load_dataset(args.path, quiet_warnings=args.json)
    except CommandFailed as failed:
        return failed.status
    ds = loaded.dataset
    period = period_of(args)
    if args.compare and period is None:
        print(_("cadretrain attainment: --compare needs --year or --period"), file=sys.stderr)
        return 2
    table = attainment(ds, period=period, by=args.by)
    discrepancies = reconcile(ds)
    compared = year_on_year(ds, period, by=args.by) if args.compare and period else None
    if args.json:
        data = _as_json(table, discrepancies)
        if compared is not None:
            data["year_on_year"] = _compare_json(compared)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in render(ds, table, discrepancies, decimals=args.decimals):
            print(line)
        if compared is not None:
            print()
            for line in render_comparison(ds, compared, decimals=args.decimals):
                print(line)
    return 0


def render_comparison(ds: Dataset, compared: YearOnYear, *, locale: str | None = None,
                      decimals: int | None = None) -> list[str]:
    """This period beside the same period a year earlier, as lines of text
    (in ``locale``'s language; default: the current one)."""
    locale = _language(locale)
    with i18n.language(locale):
        words = _words()
    catalog = course_catalog(ds)
    names = {o.id: o.short_name or o.name for o in ds.organizations}
    places = DEFAULT_DECIMALS if decimals is None else decimals

    def label(row: Comparison) -> str:
        parts = [names.get(row.organization, row.organization)] if row.organization else []
        if row.course_types:
            parts.append(course_names(catalog, row.course_types, locale))
        text = ": ".join(parts) or str(words["total"])
        return text if len(text) <= 56 else text[:55] + "…"

    c, lr = words["classes"], words["learners"]
    columns = [f"{words['now']} ({c})", f"{words['then']} ({c})", "%",
               f"{words['now']} ({lr})", f"{words['then']} ({lr})", "%"]
    rows = []
    for row in (*compared.rows, compared.total):
        cells = []
        for measure in (Measure.CLASSES_ATTAINMENT, Measure.LEARNERS_ATTAINMENT):
            change = row.change(measure)
            cells += [format_count(row.current.of(measure).actual, locale),
                      format_count(row.previous.of(measure).actual, locale),
                      "–" if change is None else format_percent(change, places, locale)]
        rows.append((label(row) if row is not compared.total else str(words["total"]), cells))
    width = max(len(str(words["course"])), *(len(r[0]) for r in rows))
    widths = [max(len(col), *(len(r[1][i]) for r in rows)) for i, col in enumerate(columns)]

    def fmt(first: str, cells: list[str]) -> str:
        padded = (f"{x:>{w}}" for x, w in zip(cells, widths, strict=True))
        return "  ".join([f"{first:<{width}}", *padded])

    rule = fmt("-" * width, ["-" * w for w in widths])
    out = [f"{words['compare']}: {period_label(compared.period, locale)} / "
           f"{period_label(compared.previous_period, locale)}", "",
           fmt(str(words["course"]), columns), rule]
    for i, (first, cells) in enumerate(rows):
        if i == len(rows) - 1:
            out.append(rule)
        out.append(fmt(first, cells))
    return out


def _compare_json(compared: YearOnYear) -> dict[str, Any]:
    def row(item: Comparison) -> dict[str, Any]:
        data: dict[str, Any] = {"organization": item.organization,
                                "course_types": list(item.course_types)}
        for name, measure in (("classes", Measure.CLASSES_ATTAINMENT),
                              ("learners", Measure.LEARNERS_ATTAINMENT)):
            change = item.change(measure)
            data[name] = {"current": item.current.of(measure).actual,
                          "previous": item.previous.of(measure).actual,
                          "change": None if change is None else
                          [change.numerator, change.denominator]}
        return data

    return {"period": [d.isoformat() for d in compared.period],
            "previous_period": [d.isoformat() for d in compared.previous_period],
            "rows": [row(r) for r in compared.rows], "total": row(compared.total)}


# ----------------------------------------------------------------- text


def render(ds: Dataset, table: AttainmentTable, discrepancies: tuple[Discrepancy, ...], *,
           locale: str | None = None, decimals: int | None = None) -> list[str]:
    """The table and the reconciliation as lines of text, in ``locale``'s
    language (default: the current one)."""
    lang = _language(locale)
    with i18n.language(lang):
        return _render(ds, table, discrepancies, lang, decimals)


def _render(ds: Dataset, table: AttainmentTable, discrepancies: tuple[Discrepancy, ...],
            locale: str, decimals: int | None) -> list[str]:
    words = _words()
    catalog = course_catalog(ds)
    names = {o.id: o.short_name or o.name for o in ds.organizations}

    def label(line: AttainmentLine) -> str:
        parts = []
        across = table.by == "organization" or not line.course_types
        if line.organization is not None and across:
            parts.append(names.get(line.organization, line.organization))
        if line.course_types:
            parts.append(course_names(catalog, line.course_types, locale))
        text = ": ".join(parts) or words["total"]
        return text if len(text) <= 56 else text[:55] + "…"

    def rate(line: AttainmentLine, measure: Measure) -> str:
        value = line.of(measure)
        if value.ratio is None:
            return str(words[value.status])
        places = decimals
        if places is None:
            places = figure_decimals(ds, table, line, measure)
        shown = format_percent(value.ratio, DEFAULT_DECIMALS if places is None else places,
                               locale)
        if value.partly_outside_plan:
            unit = words["classes"] if measure is Measure.CLASSES_ATTAINMENT else words["learners"]
            name = label(line) if line is not table.total else words["total"]
            notes.append(f"{'*' * (len(notes) + 1)} {name}: {value.basis(str(unit), locale)}")
            return shown + "*" * len(notes)
        return shown

    def plan(value: Attainment) -> str:
        return "–" if value.planned is None else format_count(value.planned, locale)

    notes: list[str] = []  # what a rate marked * counts

    head = (words["course"] if table.by == "course-type" else words["org"])
    c, lr = words["classes"], words["learners"]
    columns = [f"{words['plan']} ({c})", f"{words['done']} ({c})", f"{words['rate']} ({c})",
               f"{words['plan']} ({lr})", f"{words['done']} ({lr})", f"{words['rate']} ({lr})"]
    rows: list[tuple[str, list[str]]] = []
    shown = list(table.rows)
    if table.by == "organization":
        shown += list(table.by_organization)
    for line in [*shown, table.total]:
        rows.append((label(line) if line is not table.total else words["total"], [
            plan(line.classes), format_count(line.classes.actual, locale),
            rate(line, Measure.CLASSES_ATTAINMENT),
            plan(line.learners), format_count(line.learners.actual, locale),
            rate(line, Measure.LEARNERS_ATTAINMENT),
        ]))
    width = max(len(head), *(len(r[0]) for r in rows))
    widths = [max(len(col), *(len(r[1][i]) for r in rows)) for i, col in enumerate(columns)]

    def fmt(first: str, cells: list[str]) -> str:
        padded = (f"{x:>{w}}" for x, w in zip(cells, widths, strict=True))
        return "  ".join([f"{first:<{width}}", *padded])

    if table.period is None:
        period = words["all"]
    else:
        period = " ".join([format_date(table.period[0], locale, "short"), words["to"],
                           format_date(table.period[1], locale, "short")])
    out = [ds.title or "", f"{words['period']}: {period}"]
    if table.total.plan_period is not None:
        out.append(f"{words['against']} {period_label(table.total.plan_period, locale)}")
    if table.plans_left_out:
        out.append(f"{words['left_out']}: {', '.join(table.plans_left_out)}")
    out += ["", fmt(head, columns), fmt("-" * width, ["-" * w for w in widths])]
    body = len(table.rows)
    for i, (first, cells) in enumerate(rows):
        if i == body or i == len(rows) - 1:
            out.append(fmt("-" * width, ["-" * w for w in widths]))
        out.append(fmt(first, cells))
    out += notes
    out += ["", words["recon"] + ":"]
    if not discrepancies:
        out.append("  " + words["agree"])
    for d in discrepancies:
        out.append(f"  {d.figure} ({d.source}): “{d.quote}”")
        out.append(f"    {d.describe(locale)}")
    return out


# ----------------------------------------------------------------- JSON


def _attainment_json(value: Attainment) -> dict[str, Any]:
    ratio = value.ratio
    return {
        "planned": value.planned,
        "actual": value.actual,
        "actual_planned": value.actual_planned,
        "status": value.status.value,
        "ratio": None if ratio is None else [ratio.numerator, ratio.denominator],
        "percent": None if ratio is None else str(round_half_up(ratio * 100, 4)),
    }


def _line_json(line: AttainmentLine) -> dict[str, Any]:
    return {
        "organization": line.organization,
        "course_type": line.course_type,
        "classes": _attainment_json(line.classes),
        "learners": _attainment_json(line.learners),
    }


def _iso(d: date) -> str:
    return d.isoformat()


def _as_json(table: AttainmentTable, discrepancies: tuple[Discrepancy, ...]) -> dict[str, Any]:
    return {
        "period": None if table.period is None else [_iso(d) for d in table.period],
        "by": table.by,
        "rows": [_line_json(ln) for ln in table.rows],
        "by_organization": [_line_json(ln) for ln in table.by_organization],
        "total": _line_json(table.total),
        "discrepancies": [
            {
                "figure": d.figure, "source": d.source, "quote": d.quote,
                "measure": d.measure.value, "printed": str(d.printed),
                "computed": (None if d.computed is None else
                             [d.computed.numerator, d.computed.denominator]
                             if isinstance(d.computed, Fraction) else d.computed),
                "unachievable": d.unachievable,
            }
            for d in discrepancies
        ],
    }
