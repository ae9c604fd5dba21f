"""Deprecated: this module moved to :mod:`cadretrain.exporters.xlsx.plugin`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.xlsx.plugin`` instead.
"""

import warnings

from cadretrain.exporters.api import (
    ExportContext,
    Exporter,
    ExportError,
    ExportOption,
)
from cadretrain.exporters.xlsx.plugin import (
    EXPORTER,
    MEDIA_TYPE,
)

__all__ = [
    "EXPORTER",
    "MEDIA_TYPE",
    "ExportContext",
    "ExportError",
    "ExportOption",
    "Exporter",
]

warnings.warn("cadretrain.exporters.xlsx_plugin is deprecated: "
              "import cadretrain.exporters.xlsx.plugin instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
