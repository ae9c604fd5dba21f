"""Partners: classes held jointly with member organizations or schools.

"phối hợp với Trường X tổ chức 3 lớp cho 210 học viên": a co-host does not
count a class as its own (the host does), but reports print what was held
with each partner. :func:`held` lists what was held, each class once, with
its co-hosts; :func:`partners` lists every partner with its counts. The Word
report's sentences and its partners table are both written from them.
"""

from __future__ import annotations

from collections import defaultdict

from attrs import frozen

from cadretrain.model import ClassGroup, ClassRecord, Dataset
from cadretrain.periods import Period, bounds
from cadretrain.selection import Selection, select

__all__ = ["Held", "PartnerLine", "held", "partners"]


@frozen(kw_only=True)
class Held:
    """Classes of one record (a class or a class group): its ``host``, the
    ``co_hosts`` it names, course type and counts; ``source`` is where it is
    in the dataset (``classes[id]``, ``class_groups[id]``). ``within`` is the
    group a class is counted through (its classes are in the group's counts:
    such an entry says only with whom the class was held)."""

    record: str
    source: str
    host: str
    co_hosts: tuple[str, ...]
    course_type: str
    classes: int
    learners: int
    within: str | None = None


@frozen(kw_only=True)
class PartnerLine:
    """What was held with one co-host: classes, learners, the course types and
    the ids of the classes and groups."""

    partner: str
    classes: int
    learners: int
    course_types: tuple[str, ...]
    records: tuple[str, ...]


def held(dataset: Dataset, *, period: Period | None = None,
         scope: str | None = None) -> tuple[Held, ...]:
    """Every class of ``period`` hosted within ``scope`` once, with the
    co-hosts it names: the ungrouped classes and the class groups (with the
    group's co-hosts); then each class of a group that names co-hosts of its
    own besides the group's ("the centre's 13 classes, one of them with Đảng
    bộ X"), with those co-hosts only and ``within`` set to its group."""
    span = bounds(period)
    by_group: dict[str, list[tuple[int, ClassRecord]]] = defaultdict(list)
    for position, cls in enumerate(dataset.classes):
        if cls.group is not None and cls.co_hosts:
            by_group[cls.group].append((position, cls))
    out: list[Held] = []
    within: list[tuple[int, Held]] = []  # in the dataset's order of classes
    for act in select(dataset, Selection(scope=scope, period=span)):
        record = act.record
        if isinstance(record, ClassGroup):
            out.append(Held(record=record.id, source=f"class_groups[{record.id}]",
                            host=record.host, co_hosts=record.co_hosts,
                            course_type=record.course_type, classes=act.classes,
                            learners=act.learners))
            for position, cls in by_group.get(record.id, ()):
                own = tuple(c for c in cls.co_hosts if c not in record.co_hosts)
                if own and (span is None or span[0] <= cls.start <= span[1]):
                    within.append((position, Held(
                        record=cls.id, source=f"classes[{cls.id}]", host=cls.host,
                        co_hosts=own, course_type=cls.course_type, classes=1,
                        learners=cls.learners, within=record.id)))
        elif isinstance(record, ClassRecord):
            out.append(Held(record=record.id, source=f"classes[{record.id}]", host=record.host,
                            co_hosts=record.co_hosts, course_type=record.course_type,
                            classes=act.classes, learners=act.learners))
    return (*out, *(item for _, item in sorted(within, key=lambda x: x[0])))


def partners(dataset: Dataset, *, period: Period | None = None,
             scope: str | None = None) -> tuple[PartnerLine, ...]:
    """Every co-host of the classes of ``period`` hosted within ``scope``, in
    the dataset's order of organizations, with what was held with it
    (:func:`held`). A class with two co-hosts is listed under each (the
    lines do not add up to a total)."""
    found: dict[str, list[Held]] = defaultdict(list)
    for item in held(dataset, period=period, scope=scope):
        for co_host in dict.fromkeys(item.co_hosts):
            found[co_host].append(item)
    order = {o.id: i for i, o in enumerate(dataset.organizations)}
    return tuple(
        PartnerLine(
            partner=partner,
            classes=sum(x.classes for x in items),
            learners=sum(x.learners for x in items),
            course_types=tuple(sorted({x.course_type for x in items})),
            records=tuple(x.record for x in items),
        )
        for partner, items in sorted(found.items(), key=lambda kv: order.get(kv[0], len(order)))
    )
