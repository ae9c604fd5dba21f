"""Deprecated: this module moved to :mod:`cadretrain.exporters.docx.plugin`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.docx.plugin`` instead.
"""

import warnings

from cadretrain.exporters.api import (
    ExportContext,
    Exporter,
    ExportError,
    ExportOption,
)
from cadretrain.exporters.docx.plugin import (
    DOCUMENTS,
    EXPORTER,
    MEDIA_TYPE,
)

__all__ = [
    "DOCUMENTS",
    "EXPORTER",
    "MEDIA_TYPE",
    "ExportContext",
    "ExportError",
    "ExportOption",
    "Exporter",
]

warnings.warn("cadretrain.exporters.docx_plugin is deprecated: "
              "import cadretrain.exporters.docx.plugin instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
