"""``cadretrain figures PATH``: every printed figure against the data (đối chiếu số liệu)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cadretrain import i18n
from cadretrain.cli._common import CommandFailed, add_period_options, load_dataset, period_of
from cadretrain.figures import FigureCheck, FigureStatus, check_figures, figure_data, status_label
from cadretrain.i18n import Language, _, ngettext, number, pgettext
from cadretrain.periods import bounds, period_label

EXIT_AGREE, EXIT_DIFFERS, EXIT_BAD_INPUT = 0, 1, 2


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "figures",
        help=_("check every figure a report printed against the data: agrees, differs, "
               "unachievable, not computable"),
        description=_("List every printed figure of the dataset with its kind (count, "
                      "attainment, progress, share, distribution, change; bound when a bound is "
                      "printed), what was printed, what the data gives and its status: agrees, "
                      "differs, unachievable (no whole count gives the printed percentage) or "
                      "not computable, with the reason. For a percentage of a plan, the whole "
                      "plans that give the printed percentage, in classes and in learners. "
                      "Exit status: 0 when no figure differs, 1 when a figure differs or is "
                      "unachievable, 2 for bad input (unreadable or invalid dataset, wrong "
                      "usage)."),
    )
    parser.add_argument("path", metavar="PATH",
                        help=_("the dataset file (.json, .toml or .xlsx)"))
    add_period_options(parser, year_help=_("only figures of periods within this year"))
    parser.add_argument("--json", action="store_true", help=_("print JSON for machines"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_dataset(args.path, quiet_warnings=args.json)
    except CommandFailed:
        return EXIT_BAD_INPUT
    ds = loaded.dataset
    period = period_of(args)
    checks = check_figures(ds, period=period)
    if args.json:
        span = bounds(period)
        print(json.dumps({
            "period": None if span is None else [d.isoformat() for d in span],
            "figures": [figure_data(c) for c in checks],
        }, ensure_ascii=False, indent=2))
    else:
        for line in render(checks, title=ds.title or args.path, period=period,
                           locale="en" if i18n.current_language() == "en" else "vi"):
            print(line)
    sys.stdout.flush()
    failed = any(c.status in (FigureStatus.DIFFERS, FigureStatus.UNACHIEVABLE) for c in checks)
    return EXIT_DIFFERS if failed else EXIT_AGREE


def render(checks: tuple[FigureCheck, ...], *, title: str, period: Any,
           locale: str = "vi") -> list[str]:
    """The checks as lines of text: one block per figure."""
    lang: Language = "en" if locale == "en" else "vi"
    with i18n.language(lang):
        return _render(checks, title=title, period=period, locale=lang)


def _render(checks: tuple[FigureCheck, ...], *, title: str, period: Any,
            locale: Language) -> list[str]:
    out = [title, _("Period: {period}").format(period=period_label(period, locale)), ""]
    if not checks:
        out.append(_("The dataset has no printed figure in this period."))
        return out
    for c in checks:
        kind = c.kind.value + (f", {c.figure.bound.value}" if c.figure.bound else "")
        out.append(f"[{status_label(c.status, locale)}] {c.figure.id} ({kind}; "
                   f"{c.figure.source}): “{c.figure.quote}”")
        out.append(f"    {c.describe(locale, plans=False)}")
        if c.consistent:
            label = _("plans that give the printed percentage")
            out.append(f"    {label}: " + "; ".join(
                x.plans.describe(_unit(x.unit, locale), locale) for x in c.consistent))
    counts = {s: sum(c.status is s for c in checks) for s in FigureStatus}
    out += ["", ngettext(
        "{n} printed figure: {agree} agree, {differ} differ, {unach} unachievable, {nc} not "
        "computable", "{n} printed figures: {agree} agree, {differ} differ, {unach} "
        "unachievable, {nc} not computable", len(checks)).format(
        n=number(len(checks)), agree=number(counts[FigureStatus.AGREES]),
        differ=number(counts[FigureStatus.DIFFERS]),
        unach=number(counts[FigureStatus.UNACHIEVABLE]),
        nc=number(counts[FigureStatus.NOT_COMPUTABLE]))]
    return out


def _unit(unit: str, locale: str) -> str:
    return pgettext("unit", "classes") if unit == "classes" else pgettext("unit", "learners")
