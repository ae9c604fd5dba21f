"""Deprecated: this module moved to :mod:`cadretrain.exporters.docx.documents`.

The old path re-exports its names for one release, with a ``DeprecationWarning``;
import ``cadretrain.exporters.docx.documents`` instead.
"""

import warnings

from cadretrain.atomic import (
    write_atomically,
    write_output,
)
from cadretrain.attainment import (
    AttainmentTable,
)
from cadretrain.catalog import (
    course_catalog,
)
from cadretrain.collation import (
    name_sort_key,
    vietnamese_key,
)
from cadretrain.exporters.docx.building import (
    add_page_number_header,
    apply_layout,
    cell_text,
    fast_table,
    keep_row_whole,
    new_document,
    paragraph,
    plain_table,
)
from cadretrain.exporters.docx.documents import (
    DEFAULT_RECIPIENTS,
    DOCUMENTS,
    ExportError,
    Lookups,
    NoticeText,
    add_notice,
    build_notices,
    build_report,
    build_roster,
    class_meta,
    default_recipients,
    export_docx,
    from_report_meta,
    meta_from_mapping,
    notice_frame,
    notice_groups,
    notice_kind,
    notice_text,
    number_line,
    place_date_line,
    property_texts,
    render_docx,
    report_notes,
    report_rows,
    roster_order,
    save_document,
    to_report_meta,
    write_notice,
)
from cadretrain.exporters.docx.layout import (
    Layout,
    layout_from_options,
)
from cadretrain.exporters.docx.roster import roster_rows
from cadretrain.exporters.docx.text import (
    clean_text,
)
from cadretrain.exporters.xlsx.layout import (
    label_of,
)
from cadretrain.formatting import (
    format_count,
    format_date,
    format_decimal,
    format_percent,
)
from cadretrain.lookups import (
    index_of,
)
from cadretrain.metadata import (
    DocumentFields,
    ReportMeta,
    ReportSections,
)
from cadretrain.metadata import ReportMeta as DocumentMeta  # deprecated alias, one warning
from cadretrain.model import (
    ClassRecord,
    Dataset,
    Enrollment,
    Organization,
    Person,
)
from cadretrain.rules.findings import (
    CheckResult,
)

__all__ = [
    "DEFAULT_RECIPIENTS",
    "DOCUMENTS",
    "AttainmentTable",
    "CheckResult",
    "ClassRecord",
    "Dataset",
    "DocumentFields",
    "DocumentMeta",
    "Enrollment",
    "ExportError",
    "Layout",
    "Lookups",
    "NoticeText",
    "Organization",
    "Person",
    "ReportMeta",
    "ReportSections",
    "add_notice",
    "add_page_number_header",
    "apply_layout",
    "build_notices",
    "build_report",
    "build_roster",
    "cell_text",
    "class_meta",
    "clean_text",
    "course_catalog",
    "default_recipients",
    "export_docx",
    "fast_table",
    "format_count",
    "format_date",
    "format_decimal",
    "format_percent",
    "from_report_meta",
    "index_of",
    "keep_row_whole",
    "label_of",
    "layout_from_options",
    "meta_from_mapping",
    "name_sort_key",
    "new_document",
    "notice_frame",
    "notice_groups",
    "notice_kind",
    "notice_text",
    "number_line",
    "paragraph",
    "place_date_line",
    "plain_table",
    "property_texts",
    "render_docx",
    "report_notes",
    "report_rows",
    "roster_order",
    "roster_rows",
    "save_document",
    "to_report_meta",
    "vietnamese_key",
    "write_atomically",
    "write_notice",
    "write_output",
]

warnings.warn("cadretrain.exporters.docx_export is deprecated: "
              "import cadretrain.exporters.docx.documents instead "
              "(the old path goes in the next release)",
              DeprecationWarning, stacklevel=2)  # the line importing the old path
