"""Class rosters and attainment tables as CSV: an example cadretrain exporter plugin."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import BinaryIO

from cadretrain.exporters import ExportContext, Exporter, ExportError, ExportOption

__version__ = "0.1.0"

ROSTER_HEADER = ("class", "person", "full_name", "sending_organization", "classification",
                 "essay_grade")
ATTAINMENT_HEADER = ("course_type", "classes_planned", "classes_actual",
                     "learners_planned", "learners_actual")


def roster_rows(context: ExportContext, class_id: str) -> list[tuple[str, ...]]:
    """One row per learner of ``class_id``, in the dataset's order."""
    names = {p.id: p.full_name for p in context.dataset.people}
    rows: list[tuple[str, ...]] = []
    for enrollment in context.roster(class_id):
        result = enrollment.result
        rows.append((
            class_id,
            enrollment.person,
            names.get(enrollment.person, ""),
            enrollment.sending_organization,
            "" if result is None or result.classification is None
            else result.classification.value,
            "" if result is None or result.essay_grade is None else str(result.essay_grade),
        ))
    return rows


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def attainment_rows(context: ExportContext) -> list[tuple[str, ...]]:
    """One row per course type, then the total (course type empty)."""
    table = context.attainment
    return [
        (line.course_type or "", _count(line.classes.planned), str(line.classes.actual),
         _count(line.learners.planned), str(line.learners.actual))
        for line in (*table.by_course_type, table.total)
    ]


def export_csv(context: ExportContext, document: str, options: Mapping[str, str],
               out: BinaryIO) -> None:
    """Write ``document`` (roster or attainment) as CSV to ``out``."""
    if document == "roster":
        class_id = options.get("class")
        if not class_id:
            raise ExportError("--document roster needs --option class=ID")
        header: tuple[str, ...] = ROSTER_HEADER
        rows = roster_rows(context, class_id)
    else:
        header, rows = ATTAINMENT_HEADER, attainment_rows(context)
    text = io.StringIO(newline="")
    # The interface asks every file to record the cadretrain version that made it.
    text.write(f"# cadretrain {context.library_version}; cadretrain-csv-exporter {__version__}\n")
    writer = csv.writer(text, delimiter=options.get("delimiter", ","), lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    out.write(text.getvalue().encode("utf-8"))


EXPORTER = Exporter(
    name="csv",
    description="Class roster or attainment table as CSV (UTF-8)",
    # what `cadretrain exporters` shows, in the language of the rest of its output
    description_by_language={"vi": "Danh sách học viên hoặc bảng kết quả thực hiện kế "
                                   "hoạch dạng CSV (UTF-8)",
                             "en": "Class roster or attainment table as CSV (UTF-8)"},
    extension=".csv",
    media_type="text/csv",
    documents=("attainment", "roster"),
    export=export_csv,
    options=(
        ExportOption(name="class", help="the class id (roster)",
                     help_by_language={"vi": "mã lớp (danh sách học viên)"}),
        ExportOption(name="delimiter", help="the field separator", default=",",
                     help_by_language={"vi": "ký tự phân cách các trường"}),
    ),
)
