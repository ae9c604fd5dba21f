"""Running an exporter: into memory, then atomically into place."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO, overload

from cadretrain.atomic import Target, write_atomically, write_output
from cadretrain.exporters.api import ExportContext, ExportError
from cadretrain.exporters.registry import Installed
from cadretrain.i18n import _, ngettext


def export_bytes(installed: Installed, context: ExportContext, document: str | None = None,
                 options: Mapping[str, str] | None = None) -> bytes:
    """What ``installed`` writes for ``document`` (its first kind when None).
    Unknown document kinds and options are :class:`ExportError`; anything the
    plugin raises is re-raised as :class:`ExportError` naming the plugin and
    its distribution."""
    buffer = io.BytesIO()
    export_to(installed, context, buffer, document, options)
    return buffer.getvalue()


def export_to(installed: Installed, context: ExportContext, out: BinaryIO,
              document: str | None = None, options: Mapping[str, str] | None = None) -> None:
    """Have ``installed`` write ``document`` into the binary stream ``out``
    (errors as :func:`export_bytes`; ``out`` may then hold part of a file)."""
    exporter = installed.exporter
    kind = document or exporter.documents[0]
    if kind not in exporter.documents:
        raise ExportError(_("exporter {name} writes {kinds}; not {kind}").format(
            name=repr(exporter.name), kinds=", ".join(exporter.documents), kind=repr(kind)))
    declared = {o.name: o for o in exporter.options}
    unknown = [k for k in (options or {}) if k not in declared]
    if unknown:
        accepted = ", ".join(sorted(declared)) or "-"
        raise ExportError(ngettext("exporter {name}: unknown option {options} (accepted: "
                                   "{accepted})", "exporter {name}: unknown options {options} "
                                   "(accepted: {accepted})", len(unknown)).format(
            name=repr(exporter.name), options=", ".join(unknown), accepted=accepted))
    values = {o.name: o.default for o in exporter.options if o.default is not None}
    values.update(options or {})
    origin = _("exporter {name} ({distribution} {version})").format(
        name=repr(exporter.name), distribution=installed.distribution,
        version=installed.version)
    try:
        exporter.export(context, kind, values, out)
    except ExportError as exc:
        raise ExportError(f"{origin}: {exc}") from exc
    except Exception as exc:  # a plugin's failure is reported with its origin
        raise ExportError(_("{origin} failed: {error}").format(
            origin=origin, error=f"{type(exc).__name__}: {exc}")) from exc


@overload
def export_file(installed: Installed, context: ExportContext, path: str | os.PathLike[str],
                document: str | None = None,
                options: Mapping[str, str] | None = None) -> Path: ...


@overload
def export_file(installed: Installed, context: ExportContext, path: BinaryIO,
                document: str | None = None,
                options: Mapping[str, str] | None = None) -> None: ...


def export_file(installed: Installed, context: ExportContext, path: Target,
                document: str | None = None,
                options: Mapping[str, str] | None = None) -> Path | None:
    """Export to ``path``: whole or not at all; an existing file there is left
    untouched when the export fails. ``path`` may be a binary stream the
    caller opened (an HTTP response, a ``BytesIO``): it receives the bytes the
    file would hold, and nothing when the export fails. A zip (Word, Excel) is
    dated by the report's date (or ``SOURCE_DATE_EPOCH``): the same input gives
    the same bytes. Returns the path written (None for a stream)."""
    content = export_bytes(installed, context, document, options)
    stamp = context.meta.date or context.on
    if not isinstance(path, (str, os.PathLike)):
        write_output(path, content, stamp=stamp)
        return None
    target = Path(path)
    write_atomically(target, content, stamp=stamp)
    return target
