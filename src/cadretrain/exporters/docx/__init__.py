"""The Word exporter (``--to docx``): documents in the party format.

- :mod:`cadretrain.exporters.docx.plugin`: the exporter as a plugin, its options;
- :mod:`cadretrain.exporters.docx.documents`: the summary report, the class roster and the
  result notices, built from the computed report;
- :mod:`cadretrain.exporters.docx.template`: the report from a template edited in Word;
- :mod:`cadretrain.exporters.docx.layout`: page and type layout, and how options change it;
- ``cadretrain.exporters.docx.building``: low-level python-docx building blocks;
- :mod:`cadretrain.exporters.docx.text`: text as Word may hold it.
"""
