"""Validation cost on hostile input (issue 16 item 3): inputs that used to take
seconds to minutes, written to a folder to time ``cadretrain validate`` on them.

Run on demand::

    python benchmarks/bench_validation.py DIR        # writes the inputs into DIR

then time each whole process, old against new side by side (docs/benchmarks.md
has the figures), e.g. ``cadretrain validate DIR/mistyped-700.json``.

- ``mistyped-N.json``: N people and N enrollments, each naming a person id
  with one letter changed: N unknown references, each with a "did you mean"
  suggestion to find among N ids (700: about 85 KB; 2000: about 240 KB).
- ``enum-50mb.json``: one organization whose kind is a 50 MB bad value.
- ``dotted-keys.toml``: a TOML key of 20,000 dotted parts (tomllib takes time
  quadratic in them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def mistyped(n: int) -> dict[str, object]:
    people = [{"id": f"dv-{i:05d}", "full_name": f"Nguyễn Văn {i}", "organization": "o"}
              for i in range(n)]
    # One letter changed: each reference is close to exactly one id.
    enrollments = [{"person": f"dw-{i:05d}", "sending_organization": "o"} for i in range(n)]
    return {
        "schema_version": 1,
        "organizations": [{"id": "o", "name": "Đảng bộ", "kind": "party-committee"}],
        "people": people,
        "classes": [{"id": "c", "course_type": "dang-vien-moi", "host": "o",
                     "start": "2024-03-01", "end": "2024-03-05", "enrollments": enrollments}],
    }


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "bench-validation")
    folder.mkdir(parents=True, exist_ok=True)
    for n in (700, 2000):
        path = folder / f"mistyped-{n}.json"
        path.write_text(json.dumps(mistyped(n), ensure_ascii=False), encoding="utf-8")
        print(f"{path}: {path.stat().st_size:,} bytes")
    big = {"schema_version": 1,
           "organizations": [{"id": "o", "name": "x", "kind": "k" * 50_000_000}]}
    path = folder / "enum-50mb.json"
    path.write_text(json.dumps(big), encoding="utf-8")
    print(f"{path}: {path.stat().st_size:,} bytes")
    path = folder / "dotted-keys.toml"
    path.write_text("schema_version = 1\n" + "a." * 20_000 + "b = 1\n", encoding="utf-8")
    print(f"{path}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
