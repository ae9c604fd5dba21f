"""Fuzz the loaders at scale: mutated JSON and TOML datasets and mutated workbooks.

    python tools/fuzz.py                       # 10,000 inputs of each format
    python tools/fuzz.py --count 500 --seed 7  # quicker

Each format runs in child processes (``--worker``), so that an input that
aborts the interpreter (a crash, a panic that is not caught, memory
exhausted) is counted as an abort and the run goes on from the next input.
Every input must end as one of the expected outcomes: loaded, a dataset with
errors (``DatasetError``), or a file that cannot be read
(``DatasetFileError``). Anything else is a failure and is printed with the
input's seed, which ``--show SEED --format F`` writes out again.

Prints the counts by outcome for each format, the time, and each worker's
peak memory (the largest resident set of the child processes). The inputs
are made by :mod:`cadretrain.hostile` from the project's example datasets.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_TOML = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"
FORMATS = ("json", "toml", "xlsx")
OUTCOMES = ("loaded", "DatasetError", "DatasetFileError")


def make_input(fmt: str, seed: int) -> bytes:
    """The fuzzed input number ``seed`` of format ``fmt``."""
    from cadretrain import hostile

    rng = random.Random(f"{fmt}-{seed}")
    if fmt == "xlsx":
        return hostile.random_workbook(rng)
    text = SEED_TOML.read_text(encoding="utf-8")
    if fmt == "json":
        import cadretrain

        text = cadretrain.dumps(cadretrain.load(SEED_TOML), "json")
    mutated = hostile.mutate_text(text, rng, steps=4)
    if rng.random() < 0.2:
        return hostile.mutate_bytes(mutated.encode("utf-8", "surrogatepass"), rng)
    return mutated.encode("utf-8", "surrogatepass")


def outcome(fmt: str, content: bytes, folder: Path) -> str:
    """What loading ``content`` as ``fmt`` ended as."""
    import cadretrain
    from cadretrain.problems import DatasetError
    from cadretrain.readers.plain import DatasetFileError

    path = folder / f"input.{fmt}"
    path.write_bytes(content)
    try:
        cadretrain.read(path)
    except DatasetError:
        return "DatasetError"
    except DatasetFileError:
        return "DatasetFileError"
    except Exception as exc:  # noqa: BLE001 - the failures this tool looks for
        return f"failure: {type(exc).__name__}: {str(exc)[:200]}"
    return "loaded"


def worker(fmt: str, start: int, stop: int) -> None:
    """Print one JSON line per input: its seed and its outcome."""
    import tempfile

    # The tool cares about outcomes, not messages: English, like the tests.
    from cadretrain import i18n

    i18n.set_language("en")
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(start, stop):
            try:
                content = make_input(fmt, seed)
            except Exception as exc:  # noqa: BLE001 - a bug of this tool, not of cadretrain
                print(json.dumps([seed, f"failure: making the input: {exc!r}"[:300]]), flush=True)
                continue
            result = outcome(fmt, content, Path(folder))
            print(json.dumps([seed, result]), flush=True)


def run_format(fmt: str, count: int, first: int) -> tuple[Counter[str], list[str], int, float]:
    """Counts by outcome, the failures, the peak memory (KiB) and the time."""
    counts: Counter[str] = Counter()
    failures: list[str] = []
    peak = 0
    began = time.perf_counter()
    seed, stop = first, first + count
    while seed < stop:
        child = subprocess.Popen(
            [sys.executable, __file__, "--worker", fmt, str(seed), str(stop)],
            stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        for line in child.stdout:
            done, result = json.loads(line)
            seed = done + 1
            if result in OUTCOMES:
                counts[result] += 1
            else:
                counts["failure"] += 1
                failures.append(f"{fmt} seed {done}: {result}")
        child.stdout.close()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss)
        if child.returncode != 0 and seed < stop:
            # The input after the last one reported ended the process.
            counts["abort"] += 1
            failures.append(f"{fmt} seed {seed}: the process ended (status {child.returncode})")
            seed += 1
    return counts, failures, peak, time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs of each format")
    parser.add_argument("--seed", type=int, default=0, help="the first input's number")
    parser.add_argument("--format", choices=FORMATS, action="append",
                        help="only these formats (repeatable; default all)")
    parser.add_argument("--show", type=int, metavar="SEED",
                        help="write input SEED of --format to standard output and stop")
    parser.add_argument("--worker", nargs=3, metavar=("FORMAT", "START", "STOP"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], int(args.worker[1]), int(args.worker[2]))
        return 0
    formats = args.format or list(FORMATS)
    if args.show is not None:
        sys.stdout.buffer.write(make_input(formats[0], args.show))
        return 0
    print(f"| format | inputs | {' | '.join(OUTCOMES)} | failure | abort | time s | "
          "peak MiB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    bad: list[str] = []
    for fmt in formats:
        counts, failures, peak, took = run_format(fmt, args.count, args.seed)
        bad += failures
        cells = " | ".join(f"{counts[o]:,}" for o in (*OUTCOMES, "failure", "abort"))
        print(f"| {fmt} | {sum(counts.values()):,} | {cells} | {took:.0f} | "
              f"{peak / 1024:.0f} |", flush=True)
    for line in bad[:50]:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
