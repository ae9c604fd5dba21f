"""Deprecated: this module moved to :mod:`cadretrain.exporters.xlsx.template`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.xlsx.template`` instead.
"""

import warnings

from cadretrain.catalog import (
    builtin_course_types,
)
from cadretrain.exporters.xlsx.layout import (
    SheetLayout,
    enum_labels,
)
from cadretrain.exporters.xlsx.template import (
    GUIDE_SHEET,
    LISTS_SHEET,
    PREPARED_ROWS,
    build_template,
    write_template,
)
from cadretrain.exporters.xlsx.workbook import (
    save_atomically,
)
from cadretrain.exporters.xlsx.writing import (
    TableWriter,
    fit_to_page_width,
    styled_cell,
)

__all__ = [
    "GUIDE_SHEET",
    "LISTS_SHEET",
    "PREPARED_ROWS",
    "SheetLayout",
    "TableWriter",
    "build_template",
    "builtin_course_types",
    "enum_labels",
    "fit_to_page_width",
    "save_atomically",
    "styled_cell",
    "write_template",
]

warnings.warn("cadretrain.exporters.xlsx_template is deprecated: "
              "import cadretrain.exporters.xlsx.template instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
