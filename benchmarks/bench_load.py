"""Loading benchmark: ways to load the national dataset, each in a fresh process.

Run on demand (not collected by pytest; msgspec comes with the ``bench`` extra)::

    pip install -e ".[bench]"
    python benchmarks/bench_load.py                 # national scale, 5 rounds
    python benchmarks/bench_load.py --scale 0.1 --rounds 7

Every variant runs in a new Python process (nothing else alive in it, as in a
user's process), the variants in a different order each round (rotated), and
each prints the seconds of its load; the table gives min, median and max over
the rounds and the median's ratio to ``json.loads`` with the collector paused.
Variants:

* ``json.loads, collector paused`` / ``on``: parsing alone, the floor;
* ``cadretrain.read``: as shipped (parse with the repeated-key count, the
  converter's fast hooks, validation, the collector paused during the load);
* ``… pairs hook``: the plain ``object_pairs_hook`` repeated-key check instead
  of the count;
* ``… cattrs hooks``: cattrs' own generated hooks instead of the hand-written
  fast path;
* ``… collector on``: without pausing the cycle collector;
* ``msgspec decode``: ``msgspec.json.decode(type=Dataset)`` into the same
  attrs classes (no validation, no repeated-key, unknown-key or NFC check);
  ``+ validate`` adds :func:`cadretrain.validate`.

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
    "msgspec decode": "msgspec",
    "msgspec decode + validate": "msgspec-validate",
}


def run_variant(variant: str, path: str) -> tuple[float, float]:
    """In this (fresh) process: load ``path`` the ``variant`` way; the seconds
    of the load and of the first full collection after it."""
    import gc
    import time

    import cadretrain
    from cadretrain import converter
    from cadretrain.readers import json_toml as dataset

    if variant == "read-pairs":
        def pairs(text: str) -> object:
            from decimal import Decimal
            return json.loads(text, parse_float=Decimal,
                              object_pairs_hook=dataset._unique_keys)
        dataset._parse_json = pairs  # type: ignore[assignment]
    elif variant == "read-cattrs":
        converter.converter = converter._make_converter(fast_records=False)
    elif variant == "read-gc-on":
        import contextlib
        dataset._no_cycle_collection = contextlib.nullcontext  # type: ignore[assignment]
    began = time.perf_counter()
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
            kept = msgspec.json.decode(handle.read(), type=cadretrain.Dataset)
        if variant == "msgspec-validate":
            problems = cadretrain.validate(kept)
            assert not [p for p in problems if p.is_error]
        gc.enable()
    else:
        kept = cadretrain.read(path)
    load = time.perf_counter() - began
    began = time.perf_counter()
    gc.collect()
    after = time.perf_counter() - began
    del kept
    return load, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="variant keys to run (default: all)")
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
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in chosen}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "national.json"
        path.write_text(json.dumps(build(args.scale), ensure_ascii=False), encoding="utf-8")
        size = path.stat().st_size
        for round_ in range(args.rounds):
            order = chosen[round_ % len(chosen):] + chosen[:round_ % len(chosen)]
            for label, key in order:
                out = subprocess.run([sys.executable, __file__, "--variant", key, "--path",
                                      str(path)], check=True, capture_output=True, text=True)
                load, after = json.loads(out.stdout)
                times[label].append((load, after))
                print(f"round {round_ + 1}: {label}: {load:.2f} s, after {after:.2f} s",
                      file=sys.stderr, flush=True)
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; "
          f"scale {args.scale}, file {size / 1e6:.0f} MB, {args.rounds} rounds")
    print()
    floor = statistics.median(t[0] for t in times.get("json.loads, collector paused",
                                                      [(1.0, 0.0)]))
    print("| variant | load min | median | max | median / json.loads paused | "
          "collection after (median) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, runs in times.items():
        loads = [r[0] for r in runs]
        med = statistics.median(loads)
        print(f"| {label} | {min(loads):.2f} | {med:.2f} | {max(loads):.2f} | "
              f"{med / floor:.2f}x | {statistics.median(r[1] for r in runs):.2f} |")


if __name__ == "__main__":
    main()
