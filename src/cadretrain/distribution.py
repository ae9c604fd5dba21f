"""Result distributions: "100% đạt yêu cầu; 12 giỏi (25,5%), 30 khá, 5 trung bình".

:func:`result_distribution` counts the learners of the selected classes by
classification, from rosters (each enrollment's result) and from the counts a
report states for a class or a group (``results``). Shares are of all the
learners of those classes; learners without a classification are counted
apart (:attr:`ResultDistribution.unclassified`), so a share is never silently
taken over fewer learners than the classes had.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

from attrs import frozen

from cadretrain.model import ClassGroup, Classification, ClassRecord, Dataset, ResultCounts
from cadretrain.selection import ActivityIndex, Selection, select

__all__ = ["ResultDistribution", "result_distribution"]


@frozen(kw_only=True)
class ResultDistribution:
    """Learners by classification; ``learners`` is every learner of the classes,
    ``reported`` those of the classes whose results are known (a roster, or
    result counts stated for the class or group)."""

    counts: Mapping[Classification, int]
    learners: int
    reported: int = 0

    @property
    def classified(self) -> int:
        return sum(self.counts.values())

    @property
    def unclassified(self) -> int:
        return self.learners - self.classified

    def count(self, classifications: Iterable[Classification]) -> int:
        """Learners with any of ``classifications`` ("khá, giỏi")."""
        return sum(self.counts.get(c, 0) for c in set(classifications))

    def share(self, classifications: Iterable[Classification]) -> Fraction | None:
        """Their share of all learners; None when there are none."""
        if not self.learners:
            return None
        return Fraction(self.count(classifications), self.learners)

    @property
    def passed(self) -> int:
        """Learners meeting the requirement (đạt yêu cầu): every classification but fail."""
        return self.count(c for c in Classification if c.passed)


def result_distribution(dataset: Dataset, selection: Selection,
                        index: ActivityIndex | None = None) -> ResultDistribution:
    """The results of the learners of the classes ``selection`` picks
    (``index``: made beforehand for many selections of the same dataset).

    A class group counts through its own result counts when it states them,
    else through the results of the classes that name it (their rosters or
    counts); its other learners are unclassified."""
    counts = dict.fromkeys(Classification, 0)
    learners = reported = 0
    named: dict[str, list[ClassRecord]] | None = None

    def add(record: object, size: int) -> int:
        """Add the results ``record`` holds; the learners they cover."""
        enrollments = getattr(record, "enrollments", None)
        if enrollments is not None:
            for enrollment in enrollments:
                result = enrollment.result
                if result is not None and result.classification is not None:
                    counts[result.classification] += 1
            return size
        stated: ResultCounts | None = getattr(record, "results", None)
        if stated is not None:
            for c in Classification:
                counts[c] += stated.of(c)
            return size
        return 0

    for act in select(dataset, selection, index=index):
        learners += act.learners
        record = act.record
        covered = add(record, act.learners)
        if not covered and isinstance(record, ClassGroup):
            if named is None:
                named = {}
                for cls in dataset.classes:
                    if cls.group is not None:
                        named.setdefault(cls.group, []).append(cls)
            covered = sum(add(cls, cls.learners) for cls in named.get(record.id, ()))
        reported += min(covered, act.learners)
    return ResultDistribution(counts=counts, learners=learners, reported=reported)
