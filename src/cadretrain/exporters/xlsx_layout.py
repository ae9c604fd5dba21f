"""Deprecated: this module moved to :mod:`cadretrain.exporters.xlsx.layout`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.xlsx.layout`` instead.
"""

import warnings

from cadretrain.exporters.xlsx.layout import (
    BOOL_LABELS,
    COMPARISON_SHEET,
    DATA_SHEETS,
    DATE_FORMAT,
    FINDINGS_SHEET,
    GUIDE_SHEET,
    LIST_SEPARATOR,
    LISTS_SHEET,
    PARTNERS_SHEET,
    PLAN_SHEET,
    REPORT_SHEETS,
    SOURCE_SHEET,
    TITLE_FIELD_SHEET,
    TITLE_LABEL,
    Column,
    SheetLayout,
    bool_label,
    data_sheets,
    enum_labels,
    label_of,
    sheet_name,
    sheet_named,
    value_of_label,
    workbook_language,
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
    "COMPARISON_SHEET",
    "DATA_SHEETS",
    "DATE_FORMAT",
    "FINDINGS_SHEET",
    "GUIDE_SHEET",
    "LISTS_SHEET",
    "LIST_SEPARATOR",
    "PARTNERS_SHEET",
    "PLAN_SHEET",
    "REPORT_SHEETS",
    "SOURCE_SHEET",
    "TITLE_FIELD_SHEET",
    "TITLE_LABEL",
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
    "bool_label",
    "data_sheets",
    "enum_labels",
    "label_of",
    "sheet_name",
    "sheet_named",
    "value_of_label",
    "workbook_language",
]

warnings.warn("cadretrain.exporters.xlsx_layout is deprecated: "
              "import cadretrain.exporters.xlsx.layout instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
