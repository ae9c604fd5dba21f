"""Deprecated: this module moved to :mod:`cadretrain.exporters.docx.layout`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.docx.layout`` instead.
"""

import warnings

from cadretrain.exporters.api import (
    ExportError,
)
from cadretrain.exporters.docx.layout import (
    Layout,
    LayoutError,
    layout_from_options,
)

__all__ = [
    "ExportError",
    "Layout",
    "LayoutError",
    "layout_from_options",
]

warnings.warn("cadretrain.exporters.docx_layout is deprecated: "
              "import cadretrain.exporters.docx.layout instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
