"""Partners: classes held jointly with member organizations or schools.

"phối hợp với Trường X tổ chức 3 lớp cho 210 học viên": a co-host does not
count a class as its own (the host does), but reports print what was held
with each partner. :func:`partners` lists them with their counts.
"""

from __future__ import annotations

from collections import defaultdict

from attrs import frozen

from cadretrain.model import Dataset
from cadretrain.periods import Period, bounds
from cadretrain.selection import Selection, select

__all__ = ["PartnerLine", "partners"]


@frozen(kw_only=True)
class PartnerLine:
    """What was held with one co-host: classes, learners, the course types and
    the ids of the classes and groups."""

    partner: str
    classes: int
    learners: int
    course_types: tuple[str, ...]
    records: tuple[str, ...]


def partners(dataset: Dataset, *, period: Period | None = None,
             scope: str | None = None) -> tuple[PartnerLine, ...]:
    """Every co-host of the classes of ``period`` hosted within ``scope``, in
    the dataset's order of organizations, with what was held with it. A class
    with two co-hosts is listed under each (the lines do not add up to a total)."""
    found: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for act in select(dataset, Selection(scope=scope, period=bounds(period))):
        record = act.record
        for co_host in dict.fromkeys(getattr(record, "co_hosts", ())):
            found[co_host].append((act.classes, act.learners, act.course_type,
                                   getattr(record, "id", "")))
    order = {o.id: i for i, o in enumerate(dataset.organizations)}
    return tuple(
        PartnerLine(
            partner=partner,
            classes=sum(x[0] for x in items),
            learners=sum(x[1] for x in items),
            course_types=tuple(sorted({x[2] for x in items})),
            records=tuple(x[3] for x in items),
        )
        for partner, items in sorted(found.items(), key=lambda kv: order.get(kv[0], len(order)))
    )
