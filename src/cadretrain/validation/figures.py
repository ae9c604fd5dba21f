"""The checks of printed figures: what each measure needs, and totals that agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from decimal import Decimal

from cadretrain import i18n
from cadretrain.i18n import _
from cadretrain.model import (
    Dataset,
    Measure,
    PrintedFigure,
)
from cadretrain.validation.collector import _Collector

_RESULT_MEASURES = (Measure.RESULT_COUNT, Measure.RESULT_SHARE)
_CHANGE_MEASURES = (Measure.CLASSES_CHANGE, Measure.LEARNERS_CHANGE)
_MEMBER_MEASURES = (Measure.MEMBERS_ATTENDED, Measure.NON_MEMBERS_ATTENDED,
                    Measure.MEMBERS_REACHED)


def _check_figure(
    out: _Collector,
    path: str,
    fig: PrintedFigure,
    orgs: Collection[str],
    documents: Collection[str],
    figures: Mapping[str, PrintedFigure],
    figure_ids: Collection[str],
    catalog: Collection[str],
    class_ids: Collection[str] = (),
) -> None:
    out.reference(f"{path}.source", fig.source, documents, "document")
    out.reference(f"{path}.scope", fig.scope, orgs, "organization")
    for i, ct in enumerate(fig.course_types):
        out.reference(f"{path}.course_types[{i}]", ct, catalog, "course type")
    for i, part in enumerate(fig.parts):
        out.reference(f"{path}.parts[{i}]", part, figure_ids, "figure")
        if part == fig.id:
            out.error(f"{path}.parts[{i}]", _("a figure cannot be a part of itself"))
        elif part in figures and figures[part].measure is not fig.measure:
            out.error(
                f"{path}.parts[{i}]",
                _('figure "{part}" counts {part_measure}, this one counts {measure}').format(
                    part=part, part_measure=figures[part].measure.value,
                    measure=fig.measure.value),
            )
    if fig.period_start > fig.period_end:
        out.error(f"{path}.period_end", _("the period ends before it starts"))
    if fig.parts and fig.measure.is_percent:
        out.error(f"{path}.parts", _("percentages do not add up; only counts can have parts"))
    if fig.parts and fig.bound is not None:
        out.error(f"{path}.parts", _("a bound is not a total; only counts can have parts"))
    if fig.classifications and fig.measure not in _RESULT_MEASURES:
        out.error(f"{path}.classifications",
                  _("only result-count and result-share figures count classifications, "
                    "this one counts {measure}").format(measure=fig.measure.value))
    if fig.change is not None and fig.measure not in _CHANGE_MEASURES:
        out.error(f"{path}.change",
                  _("only classes-change and learners-change figures are printed as a "
                    "change, this one counts {measure}").format(measure=fig.measure.value))
    if fig.counted_on is not None and fig.measure is not Measure.MEMBERS_REACHED:
        out.error(f"{path}.counted_on",
                  _("only a members-reached figure is against a member count"))
    for i, ident in enumerate(fig.classes):
        out.reference(f"{path}.classes[{i}]", ident, class_ids, "class or class group")
    out.reference(f"{path}.partner", fig.partner, orgs, "organization")


def _check_figure_totals(out: _Collector, ds: Dataset) -> None:
    """A printed total that is not the sum of its printed parts is a warning:
    the report says both, and neither is to be trusted over the other."""
    by_id = {f.id: f for f in ds.figures}
    counts = Counter(f.id for f in ds.figures)
    for index, fig in enumerate(ds.figures):
        if not fig.parts or counts[fig.id] > 1 or fig.id in fig.parts:
            continue
        parts = [by_id[p] for p in fig.parts if p in by_id]
        if len(parts) != len(fig.parts) or any(p.measure is not fig.measure for p in parts):
            continue
        total = sum((p.value for p in parts), start=0)
        if total != fig.value:
            listing = " + ".join(f"{_figure(p.value)} ({p.id})" for p in parts)
            out.warning(
                f"figures[{index}].value",
                _('printed total {value} ("{quote}") disagrees with the sum of its parts: '
                  "{parts} = {total}").format(value=_figure(fig.value), quote=fig.quote,
                                              parts=listing, total=_figure(total)),
            )


def _figure(value: Decimal | int) -> str:
    """A printed figure's value in the current language (1.909, 162,5), with the
    decimals it was printed with."""
    if isinstance(value, int) or value == value.to_integral_value():
        return i18n.number(int(value))
    exponent = value.as_tuple().exponent
    return i18n.decimal(value, -exponent if isinstance(exponent, int) else 1)
