"""Page and type layout of the Word documents, and how options change it.

Defaults follow Hướng dẫn 36-HD/VPTW (03/4/2018) on the format of party
documents where it is explicit: A4 paper (210 x 297 mm), a Vietnamese
Unicode font (TCVN 6909:2001; Times New Roman), margins in its ranges
(top 20-25 mm, bottom 20-25 mm, left 30-35 mm, right 15-20 mm, as the
brief cites them; the lower end of each range is taken, unconfirmed against
the guideline's own text), organization lines and body text 14 pt. Where the guideline leaves a
choice, the choice is documented in docs/word.md. Every value can be
overridden by an option ``name=value`` (docs/word.md lists them).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
from attrs import frozen

from cadretrain.exporters.api import ExportError

__all__ = ["Layout", "LayoutError", "layout_from_options"]


class LayoutError(ExportError):
    """A layout option has an unknown name or a value of the wrong kind."""


@frozen(kw_only=True)
class Layout:
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    landscape: bool = False
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 15.0
    font: str = "Times New Roman"
    #: Set when the user gave a font or size option along with a template.
    font_from_options: bool = False
    body_size: float = 14.0
    #: Hướng dẫn 36-HD/VPTW: superior and issuing organization lines at 14 pt.
    header_size: float = 14.0
    motto_size: float = 15.0
    title_size: float = 16.0
    table_size: float = 12.0
    recipients_size: float = 12.0
    page_number_size: float = 13.0


_FONT_OPTIONS = {"font", "body_size", "header_size", "motto_size", "title_size",
                 "table_size"}


def layout_from_options(options: Mapping[str, str]) -> Layout:
    """The default layout with the options that name a layout field applied.

    Options that are not layout fields are left to the caller. A value of
    the wrong kind is an error naming the option.
    """
    fields = {f.name: f for f in attrs.fields(Layout)}
    changes: dict[str, object] = {}
    errors = []
    for name, raw in options.items():
        field = fields.get(name.replace("-", "_"))
        if field is None or field.name == "font_from_options":
            continue
        if field.type in (float, "float"):
            try:
                value: object = float(raw.replace(",", "."))
            except ValueError:
                errors.append(f"option {name}={raw!r}: expected a number")
                continue
            if not 0 <= float(value) <= 1000:  # type: ignore[arg-type]
                errors.append(f"option {name}={raw!r}: out of range 0-1000")
                continue
        elif field.type in (bool, "bool"):
            if raw.lower() not in ("true", "false", "1", "0", "yes", "no"):
                errors.append(f"option {name}={raw!r}: expected true or false")
                continue
            value = raw.lower() in ("true", "1", "yes")
        else:
            value = raw
        changes[field.name] = value
        if field.name in _FONT_OPTIONS:
            changes["font_from_options"] = True
    if errors:
        raise LayoutError("; ".join(errors))
    return attrs.evolve(Layout(), **changes)  # type: ignore[arg-type]
