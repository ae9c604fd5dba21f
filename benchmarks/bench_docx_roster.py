"""How long the Word roster of a 5,000-learner class takes to build and to save.

Run: ``python benchmarks/bench_docx_roster.py [LEARNERS]``. Not collected by
pytest. Target (issue 6): table building well under a second at 5,000
learners; a cell-by-cell loop over python-docx's ``Table.cell()`` would be
quadratic. docs/word.md records the figures.
"""

from __future__ import annotations

import io
import random
import sys
import time
from datetime import date
from decimal import Decimal

from cadretrain.exporters.docx.documents import DocumentMeta, build_roster
from cadretrain.exporters.docx.roster import roster_rows
from cadretrain.model import (
    Attitude,
    Classification,
    ClassRecord,
    Dataset,
    Enrollment,
    Organization,
    OrganizationKind,
    Person,
    Result,
)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Quốc"]
GIVEN = ["An", "Anh", "Ánh", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hải", "Hằng", "Lan",
         "Linh", "Mai", "Nga", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Yến"]


def dataset(learners: int) -> Dataset:
    rnd = random.Random(6)
    orgs = tuple(Organization(id=f"cb{i}", name=f"Chi bộ {i}", kind=OrganizationKind.BRANCH)
                 for i in range(50))
    people = tuple(
        Person(id=f"p{i}", full_name=f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} "
               f"{rnd.choice(GIVEN)}", organization=f"cb{i % 50}",
               birth_date=date(1970 + i % 30, 1 + i % 12, 1 + i % 28))
        for i in range(learners))
    result = Result(attendance=Decimal("0.95"), essay_grade=Decimal("8.5"),
                    classification=Classification.GOOD, attitude=Attitude.GOOD)
    record = ClassRecord(id="lop", course_type="cap-nhat-kien-thuc", start=date(2025, 3, 3),
                         end=date(2025, 3, 7), host="cb0",
                         enrollments=tuple(Enrollment(person=p.id,
                                                      sending_organization=p.organization,
                                                      result=result) for p in people))
    return Dataset(organizations=orgs, people=people, classes=(record,))


def main() -> None:
    learners = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    ds = dataset(learners)
    meta = DocumentMeta(issuer="Đảng ủy Cơ quan mẫu", number="1-DS/ĐU", place="Hà Nội",
                        date=date(2025, 3, 7))
    best_build = best_save = best_rows = float("inf")
    record = ds.classes[0]
    t = time.perf_counter()
    build_roster(ds, "lop", meta)
    cold = time.perf_counter() - t  # first build: name keys and figures not yet cached
    for _ in range(3):
        t = time.perf_counter()
        roster_rows(ds, record.enrollments or ())
        best_rows = min(best_rows, time.perf_counter() - t)
        t0 = time.perf_counter()
        doc = build_roster(ds, "lop", meta)
        t1 = time.perf_counter()
        doc.save(io.BytesIO())
        t2 = time.perf_counter()
        best_build, best_save = min(best_build, t1 - t0), min(best_save, t2 - t1)
    print(f"{learners} learners: whole build {best_build:.3f} s, of which rows (sorting, "
          f"formatting) {best_rows:.3f} s and document and table about "
          f"{best_build - best_rows:.3f} s; save {best_save:.3f} s (best of 3); "
          f"first (cold) build {cold:.3f} s")


if __name__ == "__main__":
    main()
