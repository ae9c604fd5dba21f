"""Import benchmark: what ``import cadretrain`` costs a process, and the converter's part.

Run on demand (not collected by pytest)::

    python benchmarks/bench_import.py              # 15 rounds
    python benchmarks/bench_import.py --rounds 31

Each round starts fresh Python processes, alternating, in a rotated order:
``python -c pass`` (the interpreter alone), ``python -c "import cadretrain"``,
``python -c "import cadretrain.converter"`` and the dependencies alone
(attrs, cattrs and the standard modules the package needs at import); each is timed by the parent
(wall, from start to exit) and by the child's own CPU time (``wait4``). The
import's cost is the difference to the interpreter alone. The table gives
min, median and max over the rounds. Target (issue 17): ``import cadretrain``
no slower than 0.17 s; the converter's hooks (generated at import until
2026-12-01, now at the first read) were 25 ms of it.

Each variant is imported once before the rounds with bytecode writing on, so
that every round reads the compiled ``.pyc`` files as an installed package
does (``pip install`` compiles them; a checkout run with
``PYTHONDONTWRITEBYTECODE=1`` would otherwise compile the sources each time).
``--baseline SRC`` adds ``import cadretrain`` from another source tree (a
checkout's ``src/``, first on ``PYTHONPATH``): before and after side by side.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

VARIANTS = {
    "interpreter alone": "pass",
    "import cadretrain": "import cadretrain",
    "import cadretrain.converter": "import cadretrain.converter",
    # What the package imports before any of its own code: the floor.
    "dependencies alone": "import attrs, cattrs, decimal, gettext, importlib.resources, json",
}


def run(code: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], env=env)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{code!r} failed")
    return time.perf_counter() - began, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--baseline", metavar="SRC",
                        help="also import cadretrain from this source tree")
    args = parser.parse_args()
    variants = {label: (code, None) for label, code in VARIANTS.items()}
    if args.baseline:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (args.baseline, env.get("PYTHONPATH")) if p)
        variants["import cadretrain, baseline"] = ("import cadretrain", env)
    for code, env in variants.values():  # write the .pyc files, as pip install does
        compiling = dict(env or os.environ)
        compiling.pop("PYTHONDONTWRITEBYTECODE", None)
        run(code, compiling)
    wall: dict[str, list[float]] = {label: [] for label in variants}
    cpu: dict[str, list[float]] = {label: [] for label in variants}
    labels = list(variants)
    loads = []
    for r in range(args.rounds):
        for label in labels[r % len(labels):] + labels[:r % len(labels)]:
            seconds, used = run(*variants[label])
            wall[label].append(seconds)
            cpu[label].append(used)
        loads.append(os.getloadavg()[0])
    base_wall = statistics.median(wall["interpreter alone"])
    base_cpu = statistics.median(cpu["interpreter alone"])
    print(f"{args.rounds} rounds, Python {platform.python_version()}, load average "
          f"{min(loads):.1f}-{max(loads):.1f}; seconds per process:\n")
    print("| process | wall min | wall median | wall max | CPU median | "
          "import (CPU median less the interpreter's) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label in labels:
        w, c = wall[label], cpu[label]
        extra = "" if label == "interpreter alone" else \
            f"{statistics.median(c) - base_cpu:.3f}"
        print(f"| {label} | {min(w):.3f} | {statistics.median(w):.3f} | {max(w):.3f} | "
              f"{statistics.median(c):.3f} | {extra} |")
    for label in labels[1:]:
        if label.startswith("import cadretrain") and label != "import cadretrain.converter":
            print(f"\n`{label}`, wall median less the interpreter's: "
                  f"{statistics.median(wall[label]) - base_wall:.3f} s (target <= 0.17)")


if __name__ == "__main__":
    main()
