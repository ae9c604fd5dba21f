"""Readers: dataset files into a :class:`~cadretrain.model.Dataset`.

Reading lives here as writing documents lives in :mod:`cadretrain.exporters`:

- :mod:`cadretrain.readers.json_toml`: JSON and TOML dataset files (and writing them back);
- :mod:`cadretrain.readers.xlsx`: a filled-in Excel workbook;
- ``cadretrain.readers.archive``: the checks a workbook passes before any parser sees it.

The usual entry points are :func:`cadretrain.read` and :func:`cadretrain.load`.
"""
