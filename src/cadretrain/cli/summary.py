"""``cadretrain summary PATH``: what a dataset holds, in a few lines."""

from __future__ import annotations

import argparse
from collections import defaultdict
from typing import Any

from babel.numbers import format_decimal

from cadretrain.catalog import course_catalog
from cadretrain.cli._common import CommandFailed, load_dataset


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "summary",
        help="validate a dataset and print what it holds (tóm tắt)",
        description="Validate a dataset and print its organizations, people, and the classes "
        "and learners per course type.",
    )
    parser.add_argument("path", metavar="PATH", help="the dataset file (.json, .toml or .xlsx)")
    parser.add_argument("--english", action="store_true", help="English number format")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_dataset(args.path)
    except CommandFailed as failed:
        return failed.status
    ds = loaded.dataset
    locale = "en" if args.english else "vi"

    def n(value: int) -> str:
        return format_decimal(value, locale=locale)

    classes: dict[str, int] = defaultdict(int)
    learners: dict[str, int] = defaultdict(int)
    for cls in ds.classes:
        if cls.group is None:  # grouped classes are counted through their group
            classes[cls.course_type] += 1
            learners[cls.course_type] += cls.learners
    for group in ds.class_groups:
        classes[group.course_type] += group.classes
        learners[group.course_type] += group.learners
    catalog = course_catalog(ds)
    print(ds.title or args.path)
    print(
        f"  {n(len(ds.organizations))} organizations, {n(len(ds.people))} people, "
        f"{n(len(ds.posts))} posts, {n(len(ds.plans))} plans, "
        f"{n(len(ds.figures))} printed figures"
    )
    def label(course: str) -> str:
        name = catalog[course].name
        return name if len(name) <= 48 else name[:47] + "…"

    width = max((len(label(c)) for c in classes), default=len("Tổng cộng"))
    for course in sorted(classes, key=lambda c: (-learners[c], c)):
        name = label(course)
        print(f"  {name:<{width}}  {n(classes[course]):>5} lớp  {n(learners[course]):>7} học viên")
    total_c, total_l = sum(classes.values()), sum(learners.values())
    print(f"  {'Tổng cộng':<{width}}  {n(total_c):>5} lớp  {n(total_l):>7} học viên")
    print(f"  valid, {len(loaded.warnings)} warning(s)")
    return 0
