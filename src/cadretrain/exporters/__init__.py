"""Exporters: the plugin interface and its discovery.

Importing this package imports no document library; each exporter imports
its own (python-docx, openpyxl) when it runs. See ``docs/exporters.md``.
"""

from cadretrain.exporters.api import (
    INTERFACE_VERSION,
    DocumentFields,
    ExportContext,
    Exporter,
    ExportError,
    ExportFunction,
    ExportOption,
    ReportMeta,
    ReportSections,
    default_meta,
    meta_from_data,
    notice_groups,
    read_meta,
    read_meta_data,
)
from cadretrain.exporters.registry import (
    GROUP,
    NO_PLUGINS_ENV,
    BrokenPlugin,
    Discovery,
    Installed,
    PluginError,
    available_exporters,
    discover,
)
from cadretrain.exporters.run import export_bytes, export_file

__all__ = [
    "GROUP",
    "INTERFACE_VERSION",
    "NO_PLUGINS_ENV",
    "BrokenPlugin",
    "Discovery",
    "DocumentFields",
    "ExportContext",
    "ExportError",
    "ExportFunction",
    "ExportOption",
    "Exporter",
    "Installed",
    "PluginError",
    "ReportMeta",
    "ReportSections",
    "available_exporters",
    "default_meta",
    "discover",
    "export_bytes",
    "export_file",
    "meta_from_data",
    "notice_groups",
    "read_meta",
    "read_meta_data",
]
