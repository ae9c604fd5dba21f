"""Deprecated: this module moved to :mod:`cadretrain.exporters.json_schema`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.json_schema`` instead.
"""

import warnings

from cadretrain.exporters.json_schema import (
    export_schema,
    schema_text,
)
from cadretrain.metadata import (
    ReportMeta,
)

__all__ = [
    "ReportMeta",
    "export_schema",
    "schema_text",
]

warnings.warn("cadretrain.exporters.export_schema is deprecated: "
              "import cadretrain.exporters.json_schema instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
