"""Loading benchmark: ways to load the national dataset, each in a fresh process.

Run on demand (not collected by pytest; msgspec comes with the ``bench`` extra)::

    pip install -e ".[bench]"
    python benchmarks/bench_load.py                 # national scale, 5 rounds
    python benchmarks/bench_load.py --scale 0.1 --rounds 7
    python benchmarks/bench_load.py --only json-paused json-on read --baseline ../old/src

Every variant runs in a new Python process (nothing else alive in it, as in a
user's process), the variants in a different order each round (rotated), and
each prints the CPU seconds of its load (and its wall seconds); the table
gives min, median and max over the rounds and the median of each round's
ratio to ``json.loads`` of the same file in the same round, with the
collector paused (as cadretrain loads: issue 17's floor) and on (as
``bench_attainment.py`` parses: issue 12's). Variants:

* ``json.loads, collector paused`` / ``on``: parsing alone, the floors;
* ``cadretrain.read``: as shipped (parse with the repeated-key count, the
  converter's fast hooks, validation, the collector paused during the load);
* ``… pairs hook``: the plain ``object_pairs_hook`` repeated-key check instead
  of the count;
* ``… cattrs hooks``: cattrs' own generated hooks instead of the hand-written
  fast path;
* ``… collector on``: without pausing the cycle collector;
* what each check costs, as the difference to ``cadretrain.read``:
  ``… no repeated-key check`` (a plain ``json.loads``), ``… no NFC`` (text
  kept as written), ``… no validation`` (parse and build only);
* ``msgspec decode``: ``msgspec.json.decode(type=Dataset)`` into the same
  attrs classes (msgspec runs their post-init type check, which also puts
  text in NFC; no repeated-key or unknown-key check, first error only);
  ``+ validate`` adds :func:`cadretrain.validate`; ``+ validate + parse``
  also parses the text with the repeated-key count, which a fast path needs
  to refuse a key given twice or unknown (msgspec keeps the last and ignores
  unknown keys of attrs classes): the least such a fast path costs;
* ``--baseline SRC``: ``cadretrain.read`` from another source tree (before
  and after a change, side by side).

``after`` is the time of the first full collection after the load
(``gc.collect()``): what the host pays later for the records the load made.
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
from pathlib import Path

VARIANTS = {
    "json.loads, collector paused": "json-paused",
    "json.loads, collector on": "json-on",
    "cadretrain.read": "read",
    "cadretrain.read, pairs hook": "read-pairs",
    "cadretrain.read, cattrs hooks": "read-cattrs",
    "cadretrain.read, collector on": "read-gc-on",
    "cadretrain.read, no repeated-key check": "read-no-repeats",
    "cadretrain.read, no NFC": "read-no-nfc",
    "cadretrain.read, no validation": "read-no-validation",
    "msgspec decode": "msgspec",
    "msgspec decode + validate": "msgspec-validate",
    "msgspec decode + validate + parse": "msgspec-parse",
}


def run_variant(variant: str, path: str) -> tuple[float, float, float]:
    """In this (fresh) process: load ``path`` the ``variant`` way; the CPU and
    wall seconds of the load, and the wall seconds of the first full
    collection after it."""
    import gc
    import time
    from decimal import Decimal

    import cadretrain
    from cadretrain import converter
    from cadretrain.readers import json_toml as dataset
    from cadretrain.readers import plain

    if variant == "read-pairs":
        def pairs(text: str) -> object:
            return json.loads(text, parse_float=Decimal,
                              object_pairs_hook=dataset._unique_keys)
        dataset._parse_json = pairs  # type: ignore[assignment]
    elif variant == "read-no-repeats":
        dataset._parse_json = lambda text: json.loads(  # type: ignore[assignment]
            text, parse_float=Decimal)
    elif variant == "read-no-nfc":
        class Kept:
            @staticmethod
            def normalize(form: str, text: str) -> str:
                return text
        converter.unicodedata = Kept  # type: ignore[assignment]
        converter.converter = converter._make_converter()
    elif variant == "read-no-validation":
        plain.validate = lambda dataset, **_: []  # type: ignore[assignment]
    elif variant == "read-cattrs":
        converter.converter = converter._make_converter(fast_records=False)
    elif variant == "read-gc-on":
        import contextlib
        plain._no_cycle_collection = contextlib.nullcontext  # type: ignore[assignment]
        dataset._no_cycle_collection = contextlib.nullcontext  # type: ignore[assignment]
    began, used = time.perf_counter(), time.process_time()
    kept: object
    if variant in ("json-paused", "json-on"):
        if variant == "json-paused":
            gc.disable()
        with open(path, encoding="utf-8") as handle:
            kept = json.loads(handle.read())
        gc.enable()
    elif variant.startswith("msgspec"):
        import msgspec

        gc.disable()
        with open(path, "rb") as handle:
            raw = handle.read()
        if variant == "msgspec-parse":
            parsed = dataset._parse_json(raw.decode("utf-8"))
            del parsed
        kept = msgspec.json.decode(raw, type=cadretrain.Dataset)
        if variant != "msgspec":
            problems = cadretrain.validate(kept)  # type: ignore[arg-type]
            assert not [p for p in problems if p.is_error]
        gc.enable()
    else:
        kept = cadretrain.read(path)
    cpu, load = time.process_time() - used, time.perf_counter() - began
    began = time.perf_counter()
    gc.collect()
    after = time.perf_counter() - began
    del kept
    return cpu, load, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="variant keys to run (default: all)")
    parser.add_argument("--baseline", metavar="SRC",
                        help="also run cadretrain.read from this source tree (a checkout's "
                             "src/, put first on PYTHONPATH): before and after side by side")
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:  # the child process
        print(json.dumps(run_variant(args.variant, args.path)))
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_attainment import build

    chosen = [(label, key) for label, key in VARIANTS.items()
              if not args.only or key in args.only]
    if args.baseline:
        chosen.append(("cadretrain.read, baseline", "baseline"))
    runs: dict[str, list[tuple[float, float, float]]] = {label: [] for label, _ in chosen}
    loads = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "national.json"
        path.write_text(json.dumps(build(args.scale), ensure_ascii=False), encoding="utf-8")
        size = path.stat().st_size
        for round_ in range(args.rounds):
            order = chosen[round_ % len(chosen):] + chosen[:round_ % len(chosen)]
            for label, key in order:
                env = dict(os.environ)
                if key == "baseline":
                    env["PYTHONPATH"] = os.pathsep.join(
                        p for p in (args.baseline, env.get("PYTHONPATH")) if p)
                out = subprocess.run([sys.executable, __file__, "--variant",
                                      "read" if key == "baseline" else key, "--path",
                                      str(path)], check=True, capture_output=True, text=True,
                                     env=env)
                cpu, wall, after = json.loads(out.stdout)
                runs[label].append((cpu, wall, after))
                print(f"round {round_ + 1}: {label}: {cpu:.2f} CPU s, {wall:.2f} s wall, "
                      f"after {after:.2f} s", file=sys.stderr, flush=True)
            loads.append(os.getloadavg()[0])
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average {min(loads):.1f}-{max(loads):.1f}; "
          f"scale {args.scale}, file {size / 1e6:.0f} MB, {args.rounds} rounds; CPU seconds")
    print()

    def ratios(label: str, floor: str) -> str:
        if floor not in runs or label == floor:
            return ""
        per_round = sorted(r[0] / f[0] for r, f in zip(runs[label], runs[floor], strict=True))
        return (f"{per_round[0]:.2f} / {statistics.median(per_round):.2f} / "
                f"{per_round[-1]:.2f}")

    paused, on = "json.loads, collector paused", "json.loads, collector on"
    print("| variant | CPU min | median | max | / json.loads paused, per round (min / median "
          "/ max) | / json.loads on, per round | wall median | collection after (median) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, rows in runs.items():
        cpu = sorted(r[0] for r in rows)
        print(f"| {label} | {cpu[0]:.2f} | {statistics.median(cpu):.2f} | {cpu[-1]:.2f} | "
              f"{ratios(label, paused)} | {ratios(label, on)} | "
              f"{statistics.median(r[1] for r in rows):.2f} | "
              f"{statistics.median(r[2] for r in rows):.2f} |")


if __name__ == "__main__":
    main()
