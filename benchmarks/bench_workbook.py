"""Workbook benchmark: the report pack's Excel workbook beside XlsxWriter writing the same sheets.

Run on demand (not collected by pytest; needs the ``bench`` extra: XlsxWriter)::

    pip install -e ".[bench]"
    python benchmarks/bench_workbook.py                  # national scale, 5 rounds
    python benchmarks/bench_workbook.py --scale 0.1 --rounds 3

The dataset is ``bench_attainment.py``'s (national: 10,000 organizations,
200,000 people, 20,000 classes, 1,000,000 enrollments). Each variant runs in
a fresh process that loads the dataset first (not timed) and then times only
the writing, in CPU seconds of the process (the machine is shared: wall time
is mostly other people's work); the variants alternate, in a rotated order
each round. Variants:

* ``cadretrain workbook``: :func:`cadretrain.exporters.xlsx.workbook.write_workbook`,
  the whole workbook as ``cadretrain report`` writes it (plan sheet, year-on-
  year and partner tables, every data sheet, findings, source sheet);
* ``cadretrain data sheets``: the data sheets only (the rows of
  ``data_sheet_rows`` through cadretrain's table writer, openpyxl write-only);
* ``XlsxWriter data sheets``: the same rows of the same sheets written by
  XlsxWriter in constant-memory mode with the same header, formats (date,
  count), column widths, frozen header and filter; text always as text.

Both data-sheet variants make their rows the same way (``to_dict`` and
``data_sheet_rows``, included in the time): the ratio is the writers'.
Target (issue 17): cadretrain within 1.5x of XlsxWriter.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

VARIANTS = {
    "cadretrain workbook": "workbook",
    "cadretrain data sheets": "cadretrain",
    "XlsxWriter data sheets": "xlsxwriter",
}


def _rows_by_sheet(dataset: Any) -> Any:
    """Each data sheet's layout and its rows, made as the workbook makes them."""
    from cadretrain.exporters.xlsx.data_sheets import _for_export
    from cadretrain.exporters.xlsx.workbook import (
        _data_sheets_in_order,
        data_sheet_rows,
        figure_statuses,
        name_sort_key,
    )
    from cadretrain.readers.json_toml import to_dict

    data = _for_export(to_dict(dataset))
    key = name_sort_key()
    statuses = figure_statuses(dataset)
    for layout in _data_sheets_in_order():
        yield layout, data_sheet_rows(layout, data, key, statuses)


def write_cadretrain(dataset: Any, out: str) -> None:
    from openpyxl import Workbook

    from cadretrain.exporters.xlsx.data_sheets import write_data_sheet

    wb = Workbook(write_only=True)
    for layout, rows in _rows_by_sheet(dataset):
        write_data_sheet(wb, layout, rows)
    wb.save(out)


def write_xlsxwriter(dataset: Any, out: str) -> None:
    import itertools
    from datetime import date, datetime
    from decimal import Decimal

    import xlsxwriter

    from cadretrain.exporters.xlsx.layout import DATE_FORMAT
    from cadretrain.exporters.xlsx.writing import COUNT_FORMAT, WIDTH_SAMPLE_ROWS, fitting_widths

    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    header = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#9C1C1C",
                            "text_wrap": True, "valign": "vcenter"})
    formats = {"date": wb.add_format({"num_format": DATE_FORMAT}),
               "int": wb.add_format({"num_format": COUNT_FORMAT})}
    for layout, rows in _rows_by_sheet(dataset):
        ws = wb.add_worksheet(layout.name)
        headers = [c.header for c in layout.columns]
        kinds = [c.kind for c in layout.columns]
        iterator = iter(rows)
        sample = list(itertools.islice(iterator, WIDTH_SAMPLE_ROWS))
        for i, width in enumerate(fitting_widths(headers, sample,
                                                 [c.width for c in layout.columns])):
            ws.set_column(i, i, width)
        ws.freeze_panes(1, 0)
        for j, text in enumerate(headers):
            ws.write_string(0, j, text, header)
        n = 0
        for n, row in enumerate(itertools.chain(sample, iterator), start=1):
            for j, value in enumerate(row):
                if value is None:
                    continue
                kind = type(value)
                if kind is str:
                    ws.write_string(n, j, value)  # never a formula, as cadretrain
                elif kind is date or kind is datetime:
                    ws.write_datetime(n, j, value, formats["date"])
                elif kind is Decimal:
                    ws.write_number(n, j, float(value))
                else:
                    ws.write_number(n, j, value, formats.get(kinds[j]))
        ws.autofilter(0, 0, n, len(headers) - 1)
    wb.close()


def write_workbook(dataset: Any, out: str) -> None:
    from cadretrain.exporters.xlsx.workbook import write_workbook as write

    write(dataset, out)


def child(variant: str, path: str) -> None:
    import cadretrain

    dataset = cadretrain.read(path).dataset
    task = {"workbook": write_workbook, "cadretrain": write_cadretrain,
            "xlsxwriter": write_xlsxwriter}[variant]
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.xlsx")
        began = time.process_time()
        task(dataset, out)
        cpu = time.process_time() - began
        size = os.path.getsize(out)
    print(json.dumps({"cpu": cpu, "mb": size / 1e6}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_attainment import build

    seconds: dict[str, list[float]] = {label: [] for label in VARIANTS}
    sizes: dict[str, float] = {}
    loads = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.json"
        path.write_text(json.dumps(build(args.scale), ensure_ascii=False), encoding="utf-8")
        labels = list(VARIANTS)
        for r in range(args.rounds):
            for label in labels[r % len(labels):] + labels[:r % len(labels)]:
                done = subprocess.run([sys.executable, __file__, "--child", VARIANTS[label],
                                       str(path)], check=True, capture_output=True, text=True)
                figures = json.loads(done.stdout.strip().splitlines()[-1])
                seconds[label].append(figures["cpu"])
                sizes[label] = figures["mb"]
                loads.append(os.getloadavg()[0])
                print(f"{label}: {figures['cpu']:.1f} CPU s", file=sys.stderr, flush=True)
    print(f"Scale {args.scale}, {args.rounds} rounds, Python {platform.python_version()}, "
          f"load average {min(loads):.1f}-{max(loads):.1f}; CPU seconds of the writing:\n")
    print("| variant | min (s) | median (s) | max (s) | file (MB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    medians = {}
    for label, values in seconds.items():
        medians[label] = statistics.median(values)
        print(f"| {label} | {min(values):.1f} | {medians[label]:.1f} | {max(values):.1f} | "
              f"{sizes[label]:.1f} |")
    ratio = medians["cadretrain data sheets"] / medians["XlsxWriter data sheets"]
    print(f"\ncadretrain / XlsxWriter, the same data sheets: {ratio:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
