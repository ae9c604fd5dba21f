"""Deprecated: this module moved to :mod:`cadretrain.exporters.json`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.json`` instead.
"""

import warnings

from cadretrain.exporters.api import (
    ExportContext,
    Exporter,
    ExportError,
    ExportOption,
)
from cadretrain.exporters.json import (
    DOCUMENTS,
    EXPORTER,
    FORMAT_VERSION,
    SCHEMA_ID,
    ExportDocument,
    LoadedExport,
    export_data,
    export_json,
    is_export_document,
    load_export,
)
from cadretrain.i18n import (
    N_,
)
from cadretrain.metadata import (
    ReportMeta,
)
from cadretrain.model import (
    Dataset,
)
from cadretrain.progress import (
    tell,
)

__all__ = [
    "DOCUMENTS",
    "EXPORTER",
    "FORMAT_VERSION",
    "N_",
    "SCHEMA_ID",
    "Dataset",
    "ExportContext",
    "ExportDocument",
    "ExportError",
    "ExportOption",
    "Exporter",
    "LoadedExport",
    "ReportMeta",
    "export_data",
    "export_json",
    "is_export_document",
    "load_export",
    "tell",
]

warnings.warn("cadretrain.exporters.json_export is deprecated: "
              "import cadretrain.exporters.json instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
