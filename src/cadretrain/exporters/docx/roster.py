"""The class roster (danh sách học viên): one class's learners in Vietnamese name
order, with their sending organizations and results.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from docx.document import Document as DocumentObject

from cadretrain.catalog import course_catalog, course_names
from cadretrain.collation import name_sort_key
from cadretrain.exporters.api import ExportError
from cadretrain.exporters.docx.building import (
    fast_table,
    new_document,
    paragraph,
)
from cadretrain.exporters.docx.frame import (
    Lookups,
    _day,
    _finish,
    _header,
    _signature,
    _title,
    class_meta,
)
from cadretrain.exporters.docx.layout import Layout
from cadretrain.exporters.xlsx.layout import label_of
from cadretrain.formatting import format_count, format_decimal, format_percent
from cadretrain.i18n import Language, _, current_language, ngettext, pgettext
from cadretrain.lookups import index_of
from cadretrain.metadata import ReportMeta
from cadretrain.model import ClassRecord, Dataset, Enrollment


def _find_class(dataset: Dataset, class_id: str) -> ClassRecord:
    record = index_of(dataset).classes.get(class_id)
    if record is not None:
        if record.enrollments is None:
            raise ExportError(f"class {class_id}: no roster in the dataset (only a "
                              "learner count)")
        return record
    known = ", ".join(c.id for c in dataset.classes[:10])
    raise ExportError(f"class {class_id!r} is not in the dataset (classes: {known}"
                      f"{', …' if len(dataset.classes) > 10 else ''})")


def roster_order(dataset: Dataset, enrollments: Iterable[Enrollment], *,
                 lookups: Lookups | None = None) -> list[Enrollment]:
    """Enrollments in Vietnamese name order (given, middle, family name), then by person id."""
    people = (lookups or Lookups.of(dataset)).people

    def key(e: Enrollment) -> tuple[object, str]:
        person = people.get(e.person)
        return name_sort_key(person.full_name if person else e.person), e.person
    return sorted(enrollments, key=key)


# A class has a handful of distinct attendance shares and grades; Babel
# takes ~50 µs a call, so each distinct value is formatted once.
@lru_cache(maxsize=4096)
def _percent(value: Decimal, lang: Language) -> str:
    return format_percent(value, 0, lang)


@lru_cache(maxsize=4096)
def _grade(value: Decimal, lang: Language) -> str:
    return format_decimal(value, 1, lang)


def _result_cells(enrollment: Enrollment, lang: Language) -> list[str]:
    r = enrollment.result
    if r is None:
        return ["", "", "", ""]
    return [
        _percent(r.attendance, lang) if r.attendance is not None else "",
        _grade(r.essay_grade, lang) if r.essay_grade is not None else "",
        label_of("attitude", r.attitude.value, lang) if r.attitude else "",
        label_of("classification", r.classification.value, lang) if r.classification else "",
    ]


def roster_rows(dataset: Dataset, enrollments: Sequence[Enrollment], *,
                with_org: bool = True, lookups: Lookups | None = None) -> list[list[str]]:
    found = lookups or Lookups.of(dataset)
    lang = current_language()
    rows = []
    for i, e in enumerate(roster_order(dataset, enrollments, lookups=found), start=1):
        person = found.people.get(e.person)
        row = [str(i), person.full_name if person else e.person,
               _day(person.birth_date, lang) if person and person.birth_date else ""]
        if with_org:
            row.append(found.name(e.sending_organization))
        rows.append(row + _result_cells(e, lang))
    return rows


def _class_line(dataset: Dataset, record: ClassRecord) -> str:
    # A class's title is its whole name ("Lớp …", "Hội nghị …"); without one,
    # the line is made from its course type: "Lớp bồi dưỡng …".
    lang = current_language()
    if record.title:
        name = record.title
    else:
        kind = course_names(course_catalog(dataset), (record.course_type,), lang)
        name = _("Class of {course}").format(course=kind[:1].lower() + kind[1:])
    return (name + (f" ({record.code})" if record.code else "")
            + _(", from {start} to {end}").format(start=_day(record.start, lang),
                                                   end=_day(record.end, lang)))


def _result_headers() -> list[str]:
    return [_("Attendance"), _("Essay grade"), _("Attitude"), _("Classification")]


def build_roster(dataset: Dataset, class_id: str, meta: ReportMeta, *,
                 layout: Layout | None = None, template: Path | None = None,
                 lookups: Lookups | None = None) -> DocumentObject:
    """The roster (danh sách học viên) of one class, issued by its host, with
    the place-and-date line of ``meta.roster`` (default: the report's place,
    the class's last day)."""
    layout = layout or Layout()
    record = _find_class(dataset, class_id)
    found = lookups or Lookups.of(dataset)
    frame = class_meta(record, found, meta.roster, kind=_("Roster of learners"),
                       place=meta.place)
    doc = new_document(layout, template)
    _header(doc, frame, layout)
    _title(doc, frame, layout, _class_line(dataset, record))
    width = layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm
    # 17 mm: "Chuyên cần" breaks between its words, not inside one.
    fixed = [10.0, 40.0, 23.5, 0.0, 17.0, 14.5, 15.0, 15.0]
    fixed[3] = width - sum(fixed)
    fast_table(doc, [pgettext("table", "No."), _("Full name"), _("Date of birth"),
                     _("Sending unit"), *_result_headers()],
               fixed, roster_rows(dataset, record.enrollments or (), lookups=found),
               size=layout.table_size - 1,
               aligns=["center", "left", "center", "left", "right", "right", "center",
                       "center"])
    n = len(record.enrollments or ())
    paragraph(doc, ngettext("The roster has {n} learner.", "The roster has {n} learners.",
                            n).format(n=format_count(n, current_language())),
              size=layout.body_size, italic=True, space_before=6)
    _signature(doc, frame, layout)
    _finish(doc, frame, layout, "roster", None)
    return doc
