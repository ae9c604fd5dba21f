"""Deprecated: this module moved to :mod:`cadretrain.exporters.xlsx.workbook`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.xlsx.workbook`` instead.
"""

import warnings

from cadretrain.atomic import (
    atomic_writer,
    document_time,
    output,
)
from cadretrain.attainment import (
    Status,
    attainment,
)
from cadretrain.catalog import (
    course_catalog,
    course_names,
)
from cadretrain.exporters.xlsx.data_sheets import write_data_sheet
from cadretrain.exporters.xlsx.layout import (
    TITLE_LABEL,
    Column,
    SheetLayout,
    label_of,
)
from cadretrain.exporters.xlsx.plan_sheet import ATTAINMENT_COLUMNS, PLAN_HEADERS, PLAN_KINDS
from cadretrain.exporters.xlsx.workbook import (
    COMPARISON_SHEET,
    FINDINGS_SHEET,
    PARTNERS_SHEET,
    PLAN_SHEET,
    SOURCE_SHEET,
    FindingRow,
    PlanLine,
    SourceInfo,
    as_read_back,
    build_workbook,
    data_sheet_rows,
    figure_statuses,
    findings_from_check,
    name_sort_key,
    plan_lines,
    save_atomically,
    write_workbook,
)
from cadretrain.exporters.xlsx.workbook import (
    FindingRow as Finding,  # the deprecated alias, without its second warning
)
from cadretrain.exporters.xlsx.writing import (
    TableWriter,
    styled_cell,
    text_cell,
)
from cadretrain.i18n import (
    N_,
)
from cadretrain.model import (
    Dataset,
)
from cadretrain.periods import (
    period_label,
)
from cadretrain.progress import (
    counted,
)
from cadretrain.readers.json_toml import (
    to_dict,
)
from cadretrain.rules.findings import (
    CheckResult,
)

__all__ = [
    "ATTAINMENT_COLUMNS",
    "COMPARISON_SHEET",
    "FINDINGS_SHEET",
    "N_",
    "PARTNERS_SHEET",
    "PLAN_HEADERS",
    "PLAN_KINDS",
    "PLAN_SHEET",
    "SOURCE_SHEET",
    "TITLE_LABEL",
    "CheckResult",
    "Column",
    "Dataset",
    "Finding",
    "FindingRow",
    "PlanLine",
    "SheetLayout",
    "SourceInfo",
    "Status",
    "TableWriter",
    "as_read_back",
    "atomic_writer",
    "attainment",
    "build_workbook",
    "counted",
    "course_catalog",
    "course_names",
    "data_sheet_rows",
    "document_time",
    "figure_statuses",
    "findings_from_check",
    "label_of",
    "name_sort_key",
    "output",
    "period_label",
    "plan_lines",
    "save_atomically",
    "styled_cell",
    "text_cell",
    "to_dict",
    "write_data_sheet",
    "write_workbook",
]

warnings.warn("cadretrain.exporters.xlsx_export is deprecated: "
              "import cadretrain.exporters.xlsx.workbook instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
