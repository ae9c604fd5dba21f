"""``cadretrain template xlsx -o FILE``: the empty workbook an office fills in."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "template",
        help="write an empty workbook to fill in with rosters and plans (mẫu nhập liệu)",
        description="Write an empty Excel workbook with the Vietnamese headers of every data "
        "sheet (Tổ chức, Học viên, Lớp, Kết quả học tập, Kế hoạch, ...). A filled-in workbook "
        "is a dataset: every command that takes a dataset takes the .xlsx file.",
    )
    parser.add_argument("kind", choices=["xlsx"], help="the kind of template")
    parser.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="where to write it (.xlsx)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cadretrain.exporters.xlsx_template import write_template  # loads openpyxl

    try:
        write_template(args.output)
    except OSError as exc:
        print(f"cadretrain: {args.output}: cannot write: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"{args.output}: template written")
    return 0
