"""Readers: dataset files into a :class:`~cadretrain.model.Dataset`.

Reading lives here as writing documents lives in :mod:`cadretrain.exporters`:

- :mod:`cadretrain.readers.json_toml`: JSON and TOML dataset files (and writing them back);
- :mod:`cadretrain.readers.xlsx`: a filled-in Excel workbook;
- ``cadretrain.readers.archive``: the checks a workbook passes before any parser sees it.

:func:`read` (also :func:`cadretrain.read`) chooses the reader by the file's suffix.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from cadretrain.model import Dataset
from cadretrain.readers.json_toml import read_file
from cadretrain.readers.plain import Loaded

__all__ = ["load", "read"]


def read(path: str | os.PathLike[str], *, on: date | None = None) -> Loaded:
    """Load a dataset file with its warnings: a workbook (``.xlsx``) by
    :mod:`cadretrain.readers.xlsx`, JSON or TOML by
    :mod:`cadretrain.readers.json_toml`.

    Raises :class:`~cadretrain.readers.plain.DatasetFileError` when the file
    cannot be read or parsed, :class:`~cadretrain.problems.DatasetError` when
    its content has errors.
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from cadretrain.readers.xlsx import read_workbook  # loads python-calamine

        return read_workbook(path, on=on)
    return read_file(path, on=on)


def load(path: str | os.PathLike[str], *, on: date | None = None) -> Dataset:
    """Load a dataset file. Warnings are dropped; use :func:`read` to get them."""
    return read(path, on=on).dataset
