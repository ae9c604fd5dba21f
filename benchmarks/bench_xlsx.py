"""Excel benchmark: streaming a large roster out, reading a large workbook in.

Run on demand (not collected by pytest; needs the ``bench`` extra)::

    pip install -e ".[bench]"
    python benchmarks/bench_xlsx.py            # 1,000,000-row write, 200,000-row read
    python benchmarks/bench_xlsx.py --rows 100000 --read-rows 20000   # quicker
    python benchmarks/bench_xlsx.py --read-only --repeat 5   # the read against calamine, CPU too
    python benchmarks/bench_xlsx.py --read-only --repeat 5 --baseline ../old/src  # and before

Each measurement runs in its own subprocess, and its peak memory is that
process's peak resident set size (``os.wait4`` of the child), so one
measurement cannot inflate another. It prints a Markdown table; the figures
in ``docs/benchmarks.md`` come from it.

Write: the roster sheet (``Kết quả học tập``) written by cadretrain's
write-only table writer, beside XlsxWriter in constant-memory mode writing the
same rows with the same formats. Target: cadretrain within 1.5 times
XlsxWriter's time, peak under 200 MB for the whole process.

Read: a workbook of a 200,000-learner dataset (people, classes, roster with
results) loaded by ``cadretrain.read`` (python-calamine, then the converter
and validation), beside python-calamine reading every sheet of the same file
(every row of every sheet, as values; target: cadretrain within 2.5x) and
openpyxl's read-only mode reading the roster rows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROSTER = "Kết quả học tập"
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long",
         "Minh", "Nam", "Ngọc", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân"]
GRADES = ["giỏi", "khá", "trung bình", "không đạt"]
ATTITUDES = ["tốt", "khá", "trung bình", "yếu"]


def name(i: int) -> str:
    return f"{FAMILY[i % 16]} {MIDDLE[(i // 16) % 10]} {GIVEN[(i // 160) % 22]}"


def roster_rows(n: int) -> Iterator[list[Any]]:
    """Rows of the roster sheet, in its column order, made on the fly."""
    for i in range(n):
        yield [
            f"lop-{i // 100:05d}", f"hv-{i:07d}", name(i), f"dv-{i % 37:02d}",
            date(2017, 3, 1 + i % 28), None,
            round(0.8 + (i % 21) / 100, 2), round(5 + (i % 51) / 10, 1),
            GRADES[i % 4], ATTITUDES[(i // 4) % 4], "có", f"CN-{i:07d}", None,
        ]


# ------------------------------------------------------------------ children


def child_write_cadretrain(n: int, out: str) -> None:
    from openpyxl import Workbook

    from cadretrain.exporters.xlsx.data_sheets import write_data_sheet
    from cadretrain.exporters.xlsx.layout import sheet_named
    from cadretrain.exporters.xlsx.workbook import save_atomically

    wb = Workbook(write_only=True)
    write_data_sheet(wb, sheet_named(ROSTER), roster_rows(n))
    save_atomically(wb, out)


def child_write_xlsxwriter(n: int, out: str) -> None:
    import xlsxwriter

    from cadretrain.exporters.xlsx.layout import sheet_named

    layout = sheet_named(ROSTER)
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet(ROSTER)
    header = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#9C1C1C",
                            "text_wrap": True})
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.freeze_panes(1, 0)
    for j, column in enumerate(layout.columns):
        ws.set_column(j, j, column.width or 12)
    ws.write_row(0, 0, [c.header for c in layout.columns], header)
    kinds = [c.kind for c in layout.columns]
    for i, row in enumerate(roster_rows(n), 1):
        for j, value in enumerate(row):
            if value is None:
                continue
            if kinds[j] == "date":
                ws.write_datetime(i, j, value, day)
            elif isinstance(value, str):
                ws.write_string(i, j, value)  # never a formula, like cadretrain
            else:
                ws.write_number(i, j, value)
    ws.autofilter(0, 0, n, len(kinds) - 1)
    wb.close()


def _dataset(n: int) -> Any:
    from cadretrain.model import (
        ClassRecord,
        Dataset,
        Enrollment,
        Organization,
        OrganizationKind,
        Person,
        Result,
    )

    orgs = [Organization(id="duk", name="Đảng ủy Khối", kind=OrganizationKind.PARTY_COMMITTEE)]
    orgs += [Organization(id=f"dv-{k:02d}", name=f"Đảng bộ {k}", parent="duk",
                          kind=OrganizationKind.PARTY_COMMITTEE) for k in range(37)]
    people = tuple(Person(id=f"hv-{i:07d}", full_name=name(i), organization=f"dv-{i % 37:02d}",
                          birth_date=date(1970 + i % 30, 1 + i % 12, 1 + i % 28))
                   for i in range(n))
    classes = []
    for c in range(0, n, 100):
        classes.append(ClassRecord(
            id=f"lop-{c // 100:05d}", course_type="dang-vien-moi", start=date(2017, 3, 1),
            end=date(2017, 3, 31), host="duk",
            enrollments=tuple(Enrollment(
                person=f"hv-{i:07d}", sending_organization=f"dv-{i % 37:02d}",
                result=Result(attendance=Decimal("0.95"), essay_grade=Decimal("8.5"),
                              certificate_issued=True))
                for i in range(c, min(c + 100, n)))))
    return Dataset(organizations=tuple(orgs), people=people, classes=tuple(classes))


def child_write_dataset(n: int, out: str) -> None:
    from cadretrain.exporters.xlsx.workbook import write_workbook

    write_workbook(_dataset(n), out)


def child_read_dataset(n: int, path: str) -> None:
    import cadretrain

    loaded = cadretrain.read(path)
    enrolled = sum(c.learners for c in loaded.dataset.classes)
    assert enrolled == n, (enrolled, n)


def child_read_calamine(n: int, path: str) -> None:
    # Every sheet, as cadretrain.read reads every sheet (issue 17: like for like).
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(path)
    counts = {name: sum(1 for _ in book.get_sheet_by_name(name).iter_rows()) - 1
              for name in book.sheet_names}
    assert counts[ROSTER] == n, (counts[ROSTER], n)


def child_read_openpyxl(n: int, path: str) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in wb[ROSTER].iter_rows(values_only=True)) - 1
    assert count == n, (count, n)


CHILDREN = {f.__name__[6:]: f for f in (
    child_write_cadretrain, child_write_xlsxwriter, child_write_dataset,
    child_read_dataset, child_read_calamine, child_read_openpyxl)}


# -------------------------------------------------------------------- parent


def measure(task: str, n: int, path: Path,
            source: str | None = None) -> tuple[float, float, float]:
    """Run ``task`` in a subprocess: its wall time (s), peak RSS (MB) and CPU
    time (s, user + system: on a shared machine the wall time is mostly the
    wait for a core). ``source``: import cadretrain from that source tree."""
    env = dict(os.environ)
    if source:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (source, env.get("PYTHONPATH")) if p)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", task, str(n), str(path)],
                            env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{task} failed (status {status})")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # maxrss in KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--read-rows", type=int, default=200_000)
    parser.add_argument("--child", nargs=3, metavar=("TASK", "N", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each measurement N times, alternating, and keep the "
                             "fastest time and the largest peak (a busy machine is noisy)")
    parser.add_argument("--read-only", action="store_true",
                        help="only the reads (the workbook is written once first), with "
                             "min/median/max of CPU and wall seconds over the --repeat rounds")
    parser.add_argument("--baseline", metavar="SRC",
                        help="with --read-only: also cadretrain.read from another source "
                             "tree (before and after a change), in the same rounds")
    args = parser.parse_args()
    if args.child:
        task, n, path = args.child
        CHILDREN[task](int(n), path)
        return
    if args.read_only:
        read_rounds(args.read_rows, max(args.repeat, 1), args.baseline)
        return
    results: dict[str, dict[str, float]] = {}
    tasks = (
        ("write_cadretrain", args.rows, "roster-cadretrain.xlsx"),
        ("write_xlsxwriter", args.rows, "roster-xlsxwriter.xlsx"),
        ("write_dataset", args.read_rows, "dataset.xlsx"),
        ("read_dataset", args.read_rows, "dataset.xlsx"),
        ("read_calamine", args.read_rows, "dataset.xlsx"),
        ("read_openpyxl", args.read_rows, "dataset.xlsx"),
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for _ in range(max(args.repeat, 1)):
            for task, n, file in tasks:
                seconds, peak, _cpu = measure(task, n, out / file)
                size = (out / file).stat().st_size / 1e6
                best = results.get(task)
                if best is not None:
                    seconds, peak = min(seconds, best["seconds"]), max(peak, best["peak_mb"])
                results[task] = {"rows": n, "seconds": round(seconds, 2),
                                 "peak_mb": round(peak, 1), "file_mb": round(size, 1)}
                print(f"{task}: {results[task]}", file=sys.stderr, flush=True)
    ratio = results["write_cadretrain"]["seconds"] / results["write_xlsxwriter"]["seconds"]
    print("| task | rows | time (s) | peak RSS (MB) | file (MB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for task, r in results.items():
        print(f"| {task} | {int(r['rows']):,} | {r['seconds']} | {r['peak_mb']} | {r['file_mb']} |")
    print(f"\ncadretrain / XlsxWriter write time: {ratio:.2f} (target ≤ 1.5); "
          f"cadretrain write peak: {results['write_cadretrain']['peak_mb']} MB (target < 200)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def read_rounds(n: int, rounds: int, baseline: str | None = None) -> None:
    """``cadretrain.read`` beside python-calamine reading every sheet of the
    same workbook (and ``cadretrain.read`` from the ``baseline`` source tree),
    each in a fresh process, in turn (the order rotates); CPU and wall seconds."""
    import statistics

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dataset.xlsx"
        measure("write_dataset", n, path)
        runs: dict[str, list[tuple[float, float, float]]] = {"read_dataset": [],
                                                              "read_calamine": []}
        if baseline:
            runs["read_baseline"] = []
        for i in range(rounds):
            order = list(runs)
            for task in order[i % len(order):] + order[:i % len(order)]:
                runs[task].append(measure("read_dataset" if task == "read_baseline" else task,
                                          n, path, baseline if task == "read_baseline" else None))
                print(f"{task}: {runs[task][-1]}", file=sys.stderr, flush=True)
        size = path.stat().st_size / 1e6
    print(f"{n:,} learners, workbook {size:.1f} MB, {rounds} rounds in turn, load average "
          f"at the end {', '.join(f'{x:.1f}' for x in os.getloadavg())}:")
    print()
    print("| task | CPU min (s) | CPU median (s) | CPU max (s) | wall min (s) | "
          "wall median (s) | wall max (s) | peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    medians = {}
    for task, values in runs.items():
        cpu = sorted(v[2] for v in values)
        wall = sorted(v[0] for v in values)
        medians[task] = (statistics.median(cpu), statistics.median(wall))
        print(f"| {task} | {cpu[0]:.2f} | {medians[task][0]:.2f} | {cpu[-1]:.2f} | "
              f"{wall[0]:.2f} | {medians[task][1]:.2f} | {wall[-1]:.2f} | "
              f"{max(v[1] for v in values):.1f} |")
    ratios = sorted(a[2] / b[2] for a, b in zip(runs["read_dataset"], runs["read_calamine"],
                                               strict=True))
    print()
    if baseline:
        before = sorted(a[2] / b[2] for a, b in zip(runs["read_baseline"],
                                                   runs["read_calamine"], strict=True))
        print(f"baseline ({baseline}) / python-calamine every sheet: {before[0]:.2f} / "
              f"{statistics.median(before):.2f} / {before[-1]:.2f}x CPU per round")
    print(f"cadretrain.read / python-calamine every sheet: {ratios[0]:.2f} / "
          f"{statistics.median(ratios):.2f} / {ratios[-1]:.2f}x CPU per round (min / median / "
          f"max), {medians['read_dataset'][1] / medians['read_calamine'][1]:.2f}x wall at the "
          "median (target <= 2.5x)")


if __name__ == "__main__":
    main()
