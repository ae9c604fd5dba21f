"""Deprecated: this module moved to :mod:`cadretrain.readers.json_toml`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.readers.json_toml`` instead.
"""

import warnings

from cadretrain.atomic import (
    write_atomically,
)
from cadretrain.converter import (
    from_data,
    structure_errors,
    to_data,
)
from cadretrain.model import (
    Dataset,
)
from cadretrain.problems import (
    DatasetError,
    Problem,
    Severity,
)
from cadretrain.readers import (
    load,
    read,
)
from cadretrain.readers.json_toml import (
    MAX_FILE_BYTES,
    MAX_KEY_PARTS,
    Format,
    dump,
    dumps,
    loads,
    read_file,
    to_dict,
)
from cadretrain.readers.plain import (
    DatasetFileError,
    Loaded,
    from_dict,
)
from cadretrain.validation import (
    validate,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_KEY_PARTS",
    "Dataset",
    "DatasetError",
    "DatasetFileError",
    "Format",
    "Loaded",
    "Problem",
    "Severity",
    "dump",
    "dumps",
    "from_data",
    "from_dict",
    "load",
    "loads",
    "read",
    "read_file",
    "structure_errors",
    "to_data",
    "to_dict",
    "validate",
    "write_atomically",
]

warnings.warn("cadretrain.dataset is deprecated: "
              "import cadretrain.readers.json_toml instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
