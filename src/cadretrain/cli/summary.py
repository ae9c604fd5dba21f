"""``cadretrain summary PATH``: what a dataset holds, in a few lines."""

from __future__ import annotations

import argparse
from collections import defaultdict
from typing import Any

from cadretrain.catalog import course_catalog
from cadretrain.cli._common import (
    CommandFailed,
    add_json_option,
    add_period_options,
    load_dataset,
    period_of,
    print_json,
)
from cadretrain.i18n import _, ngettext, number
from cadretrain.periods import bounds
from cadretrain.selection import Selection, select


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "summary",
        help=_("validate a dataset and print what it holds"),
        description=_("Validate a dataset and print its organizations, people, and the classes "
                      "and learners per course type."),
    )
    parser.add_argument("path", metavar="PATH", help=_("the dataset file (.json, .toml or .xlsx)"))
    add_period_options(parser, year_help=_("count only the classes starting in this year "
                                           "(default: all)"))
    add_json_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_dataset(args.path, quiet_warnings=args.json, json_errors=args.json)
    except CommandFailed as failed:
        return failed.status
    ds = loaded.dataset
    n = number

    classes: dict[str, int] = defaultdict(int)
    learners: dict[str, int] = defaultdict(int)
    # Grouped classes are counted through their group, each class once.
    for act in select(ds, Selection(period=bounds(period_of(args)))):
        classes[act.course_type] += act.classes
        learners[act.course_type] += act.learners
    catalog = course_catalog(ds)
    if args.json:
        print_json({
            "path": str(args.path), "title": ds.title,
            "organizations": len(ds.organizations), "people": len(ds.people),
            "posts": len(ds.posts), "plans": len(ds.plans), "printed_figures": len(ds.figures),
            "course_types": [
                {"course_type": c, "name": catalog[c].name, "classes": classes[c],
                 "learners": learners[c]}
                for c in sorted(classes, key=lambda c: (-learners[c], c))],
            "total": {"classes": sum(classes.values()), "learners": sum(learners.values())},
            "warnings": [str(w) for w in loaded.warnings],
        })
        return 0
    print(ds.title or args.path)
    counts = [
        ngettext("{n} organization", "{n} organizations", len(ds.organizations))
        .format(n=n(len(ds.organizations))),
        ngettext("{n} person", "{n} people", len(ds.people)).format(n=n(len(ds.people))),
        ngettext("{n} post", "{n} posts", len(ds.posts)).format(n=n(len(ds.posts))),
        ngettext("{n} plan", "{n} plans", len(ds.plans)).format(n=n(len(ds.plans))),
        ngettext("{n} printed figure", "{n} printed figures", len(ds.figures))
        .format(n=n(len(ds.figures))),
    ]
    print("  " + ", ".join(counts))

    def label(course: str) -> str:
        name = catalog[course].name
        return name if len(name) <= 48 else name[:47] + "…"

    total = _("Total")
    width = max((len(label(c)) for c in classes), default=len(total))
    width = max(width, len(total))

    def line(name: str, c: int, learn: int) -> str:
        # The counts are right-aligned in columns; the words after them follow
        # the number (lớp / học viên, class(es) / learner(s)).
        classes_word = ngettext("class", "classes", c)
        learners_word = ngettext("learner", "learners", learn)
        return (f"  {name:<{width}}  {n(c):>7} {classes_word:<7}"
                f"  {n(learn):>9} {learners_word}")

    for course in sorted(classes, key=lambda c: (-learners[c], c)):
        print(line(label(course), classes[course], learners[course]))
    print(line(total, sum(classes.values()), sum(learners.values())))
    w = len(loaded.warnings)
    print("  " + _("valid, {warnings}").format(
        warnings=ngettext("{n} warning", "{n} warnings", w).format(n=n(w))))
    return 0
