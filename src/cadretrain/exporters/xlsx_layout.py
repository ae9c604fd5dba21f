"""Deprecated: this module moved to :mod:`cadretrain.exporters.xlsx.layout`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.xlsx.layout`` instead.
"""

import warnings

from cadretrain.exporters.xlsx.layout import (
    BOOL_LABELS,
    DATA_SHEETS,
    DATE_FORMAT,
    LIST_SEPARATOR,
    TITLE_FIELD_SHEET,
    Column,
    SheetLayout,
    enum_labels,
    label_of,
    sheet_named,
    value_of_label,
)
from cadretrain.model import (
    Attitude,
    BodyType,
    Bound,
    Change,
    Classification,
    CourseCategory,
    LecturerRole,
    ManagedBy,
    Measure,
    OrganizationKind,
    PartyStatus,
    PoliticalTheoryLevel,
    PostPlacement,
    QualificationKind,
    StateManagementLevel,
)

__all__ = [
    "BOOL_LABELS",
    "DATA_SHEETS",
    "DATE_FORMAT",
    "LIST_SEPARATOR",
    "TITLE_FIELD_SHEET",
    "Attitude",
    "BodyType",
    "Bound",
    "Change",
    "Classification",
    "Column",
    "CourseCategory",
    "LecturerRole",
    "ManagedBy",
    "Measure",
    "OrganizationKind",
    "PartyStatus",
    "PoliticalTheoryLevel",
    "PostPlacement",
    "QualificationKind",
    "SheetLayout",
    "StateManagementLevel",
    "enum_labels",
    "label_of",
    "sheet_named",
    "value_of_label",
]

warnings.warn("cadretrain.exporters.xlsx_layout is deprecated: "
              "import cadretrain.exporters.xlsx.layout instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
