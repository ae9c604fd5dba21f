"""Deprecated: this module moved to :mod:`cadretrain.exporters.xlsx.writing`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.xlsx.writing`` instead.
"""

import warnings

from cadretrain.exporters.xlsx.writing import (
    BOLD,
    COUNT_FORMAT,
    DECIMAL_FORMAT,
    FONT_NAME,
    FORMULA_PREFIXES,
    HEADER_ALIGNMENT,
    HEADER_FILL,
    HEADER_FONT,
    MAX_WIDTH,
    MIN_WIDTH,
    PERCENT_FORMAT,
    WIDTH_SAMPLE_ROWS,
    WRAP,
    TableWriter,
    fit_to_page_width,
    fitting_widths,
    header_cell,
    styled_cell,
    text_cell,
)

__all__ = [
    "BOLD",
    "COUNT_FORMAT",
    "DECIMAL_FORMAT",
    "FONT_NAME",
    "FORMULA_PREFIXES",
    "HEADER_ALIGNMENT",
    "HEADER_FILL",
    "HEADER_FONT",
    "MAX_WIDTH",
    "MIN_WIDTH",
    "PERCENT_FORMAT",
    "WIDTH_SAMPLE_ROWS",
    "WRAP",
    "TableWriter",
    "fit_to_page_width",
    "fitting_widths",
    "header_cell",
    "styled_cell",
    "text_cell",
]

warnings.warn("cadretrain.exporters.xlsx_write is deprecated: "
              "import cadretrain.exporters.xlsx.writing instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
