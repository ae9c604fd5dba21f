"""Deprecated: this module moved to :mod:`cadretrain.exporters.docx.text`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.docx.text`` instead.
"""

import warnings

from cadretrain.exporters.docx.text import (
    clean_text,
    forbidden_characters,
)

__all__ = [
    "clean_text",
    "forbidden_characters",
]

warnings.warn("cadretrain.exporters.docx_text is deprecated: "
              "import cadretrain.exporters.docx.text instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
