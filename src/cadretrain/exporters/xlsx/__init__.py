"""The Excel exporter (``--to xlsx``): the workbook a party office keeps working in.

- :mod:`cadretrain.exporters.xlsx.plugin`: the exporter as a plugin, its options;
- :mod:`cadretrain.exporters.xlsx.workbook`: the workbook: data sheets and computed sheets;
- :mod:`cadretrain.exporters.xlsx.layout`: which sheet holds which records, which column
  which field (also what :mod:`cadretrain.readers.xlsx` reads back);
- ``cadretrain.exporters.xlsx.writing``: streaming sheets with openpyxl;
- :mod:`cadretrain.exporters.xlsx.template`: the empty workbook an office fills in.
"""
