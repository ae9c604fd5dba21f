"""End-to-end benchmark: ``cadretrain report`` on the national dataset, its tenth
and its hundredth, as a user runs it.

Run on demand (not collected by pytest)::

    python benchmarks/bench_report.py                       # all three scales
    python benchmarks/bench_report.py --scales 0.01 0.1     # quicker

The datasets are those of ``bench_attainment.py`` (200 / 2,000 / 20,000
classes of 50 learners; 10,000 / 100,000 / 1,000,000 possible notices). Each
command runs in its own process; the table gives its wall time, CPU time
(user + system, all its threads) and peak resident memory (from ``wait4``):

* ``report --no-notices``: the Word report, the workbook and the JSON export;
* ``report`` with the notices of ``--notice-classes`` classes (50 notices
  each, ``--class``): the notice rate at each scale, which must not fall as
  the dataset grows;
* ``report`` with every notice, at the scales listed in ``--all-notices``
  (none by default: at about 350 notices a CPU second, the tenth's 100,000
  take some 300 CPU seconds and the national pack's million about an hour).

The last lines give how each measure grows from one scale to the next
(linear growth: x10 for x10 data).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one command."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {stderr[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.01, 0.1, 1.0])
    parser.add_argument("--notice-classes", type=int, default=4,
                        help="classes whose notices are written at every scale")
    parser.add_argument("--all-notices", type=float, nargs="*", default=[],
                        help="scales at which every notice is written")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_attainment import build

    rows: list[tuple[str, float, int, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales:
            data = build(scale)
            path = Path(tmp) / f"data-{scale}.json"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            classes = [c["id"] for c in data["classes"][:args.notice_classes]]
            del data
            base = [sys.executable, "-m", "cadretrain", "report", str(path), "--year", "2017"]
            out = str(Path(tmp) / "pack")
            runs = [("report --no-notices", [*base, "-o", out, "--no-notices"], 0)]
            picked = [a for c in classes for a in ("--class", c)]
            runs.append((f"report, notices of {len(classes)} classes", [*base, "-o", out,
                                                                         *picked], -1))
            if scale in args.all_notices:
                runs.append(("report, every notice", [*base, "-o", out], -2))
            for label, command, _kind in runs:
                wall, cpu, peak = measure(command)
                notices = sum(1 for _ in (Path(out) / "notices").rglob("*.docx")) \
                    if (Path(out) / "notices").exists() else 0
                rows.append((label, scale, notices, wall, cpu, peak))
                print(f"{label} at {scale}: {wall:.1f} s wall, {cpu:.1f} s CPU, "
                      f"{peak:.0f} MB, {notices} notices", file=sys.stderr)
            path.unlink()
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    print()
    print("| command | scale | notices | wall (s) | CPU (s) | peak memory (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, scale, notices, wall, cpu, peak in rows:
        print(f"| {label} | {scale:g} | {notices:,} | {wall:.1f} | {cpu:.1f} | {peak:,.0f} |")
    print()
    base_rows = [r for r in rows if r[0] == "report --no-notices"]
    for before, after in itertools.pairwise(base_rows):
        print(f"report --no-notices, x{after[1] / before[1]:g} data: wall "
              f"x{after[3] / before[3]:.1f}, CPU x{after[4] / before[4]:.1f}, memory "
              f"x{after[5] / before[5]:.1f}")
    picked_rows = [r for r in rows if r[0].startswith("report, notices of")]
    for r, b in zip(picked_rows, base_rows, strict=True):
        if r[2]:
            print(f"notices at scale {r[1]:g}: {r[2] / max(r[4] - b[4], 1e-9):.1f} per CPU "
                  f"second (CPU over the --no-notices run)")


if __name__ == "__main__":
    main()
