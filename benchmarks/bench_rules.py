"""Rules benchmark: ``cadretrain.rules.check`` with the default rule set on
``examples/co-quan-mau/`` replicated to many people.

Run on demand (not collected by pytest)::

    python benchmarks/bench_rules.py              # 100 copies: 30,000 people
    python benchmarks/bench_rules.py --copies 10

Each copy renames the people (and their enrollments) so that every copy is a
separate set of people with the same posts and classes. Prints the time of one
check and the number of findings, which must be the copies times the findings
of one copy (the check is per person, so it grows linearly).
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

import attrs

from cadretrain import load
from cadretrain.rules import check

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--on", type=date.fromisoformat, default=date(2025, 12, 31))
    args = parser.parse_args()
    base = load(ROOT / "examples" / "co-quan-mau" / "dataset.json")
    one = check(base, args.on)
    people = []
    classes = list(base.classes)
    for k in range(args.copies):
        people += [attrs.evolve(p, id=f"{p.id}~{k}") for p in base.people]
        if k:
            classes += [attrs.evolve(c, id=f"{c.id}~{k}", enrollments=tuple(
                attrs.evolve(e, person=f"{e.person}~{k}") for e in c.enrollments or ()))
                for c in base.classes if c.enrollments]
    first = [attrs.evolve(c, enrollments=tuple(attrs.evolve(e, person=f"{e.person}~0")
                                               for e in c.enrollments or ()))
             if c.enrollments else c for c in base.classes]
    big = attrs.evolve(base, people=tuple(people),
                       classes=tuple(first + classes[len(base.classes):]))
    start = time.perf_counter()
    result = check(big, args.on)
    elapsed = time.perf_counter() - start
    print(f"| people | findings | check time |\n|---|---|---|\n"
          f"| {len(big.people):,} | {len(result.findings):,} | {elapsed:.2f} s |")
    assert len(result.findings) == args.copies * len(one.findings)


if __name__ == "__main__":
    main()
