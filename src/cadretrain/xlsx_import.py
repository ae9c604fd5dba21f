"""Deprecated: this module moved to :mod:`cadretrain.readers.xlsx`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.readers.xlsx`` instead.
"""

import warnings

from cadretrain.exporters.xlsx.layout import (
    Column,
    SheetLayout,
    enum_labels,
    value_of_label,
)
from cadretrain.i18n import (
    N_,
)
from cadretrain.problems import (
    DatasetError,
    Problem,
    Severity,
)
from cadretrain.progress import (
    counted,
)
from cadretrain.readers.archive import (
    DEFAULT_LIMITS,
    ArchiveScan,
    scan_workbook,
)
from cadretrain.readers.plain import (
    DatasetFileError,
    Loaded,
    from_dict,
)
from cadretrain.readers.xlsx import (
    REPORT_SHEETS,
    SOURCE_SHEET,
    TITLE_LABEL,
    CellError,
    Limits,
    Locations,
    cell_value,
    column_letter,
    read_workbook,
)

__all__ = [
    "DEFAULT_LIMITS",
    "N_",
    "REPORT_SHEETS",
    "SOURCE_SHEET",
    "TITLE_LABEL",
    "ArchiveScan",
    "CellError",
    "Column",
    "DatasetError",
    "DatasetFileError",
    "Limits",
    "Loaded",
    "Locations",
    "Problem",
    "Severity",
    "SheetLayout",
    "cell_value",
    "column_letter",
    "counted",
    "enum_labels",
    "from_dict",
    "read_workbook",
    "scan_workbook",
    "value_of_label",
]

warnings.warn("cadretrain.xlsx_import is deprecated: "
              "import cadretrain.readers.xlsx instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
