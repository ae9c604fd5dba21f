"""Deprecated: this module moved to :mod:`cadretrain.readers.archive`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.readers.archive`` instead.
"""

import warnings

from cadretrain.i18n import (
    N_,
)
from cadretrain.progress import (
    tell,
)
from cadretrain.readers.archive import (
    DEFAULT_LIMITS,
    MAX_COLUMNS,
    ArchiveScan,
    Limits,
    SheetScan,
    scan_workbook,
)
from cadretrain.readers.plain import (
    DatasetFileError,
)

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_COLUMNS",
    "N_",
    "ArchiveScan",
    "DatasetFileError",
    "Limits",
    "SheetScan",
    "scan_workbook",
    "tell",
]

warnings.warn("cadretrain.xlsx_check is deprecated: "
              "import cadretrain.readers.archive instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
