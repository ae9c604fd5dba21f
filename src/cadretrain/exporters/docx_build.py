"""Deprecated: this module moved to :mod:`cadretrain.exporters.docx.building`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.docx.building`` instead.
"""

import warnings

from cadretrain.exporters.docx.building import (
    ALIGN,
    add_page_number_footer,
    add_page_number_header,
    apply_layout,
    cell_text,
    fast_table,
    keep_row_whole,
    new_document,
    paragraph,
    plain_table,
    set_widths,
)
from cadretrain.exporters.docx.layout import (
    Layout,
)
from cadretrain.exporters.docx.text import (
    clean_text,
)

__all__ = [
    "ALIGN",
    "Layout",
    "add_page_number_footer",
    "add_page_number_header",
    "apply_layout",
    "cell_text",
    "clean_text",
    "fast_table",
    "keep_row_whole",
    "new_document",
    "paragraph",
    "plain_table",
    "set_widths",
]

warnings.warn("cadretrain.exporters.docx_build is deprecated: "
              "import cadretrain.exporters.docx.building instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
