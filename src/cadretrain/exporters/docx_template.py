"""Deprecated: this module moved to :mod:`cadretrain.exporters.docx.template`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.docx.template`` instead.
"""

import warnings

from cadretrain.exporters.api import (
    ExportError,
)
from cadretrain.exporters.docx.template import (
    REQUIRED_NAMES,
    TemplateError,
    TemplateProblem,
    builtin_template,
    check_template,
    context_schema,
    read_template,
    render_report_template,
)

__all__ = [
    "REQUIRED_NAMES",
    "ExportError",
    "TemplateError",
    "TemplateProblem",
    "builtin_template",
    "check_template",
    "context_schema",
    "read_template",
    "render_report_template",
]

warnings.warn("cadretrain.exporters.docx_template is deprecated: "
              "import cadretrain.exporters.docx.template instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
