"""Text that goes into a Word file: NFC, and nothing XML forbids.

XML 1.0 (and so every .docx part) cannot hold the C0 control characters
other than tab, line feed and carriage return, nor U+FFFE/U+FFFF or lone
surrogates; lxml refuses them and a file written around them would be
corrupt. Names copied from other systems do carry them (a stray U+0001
from a database export, a vertical tab from a spreadsheet cell).

The cleaning, documented in docs/word.md: each forbidden character is
dropped, except that vertical tab and form feed become a space (they
separated words); the result is NFC. :func:`clean_text` does it;
:func:`forbidden_characters` lists what was found so a caller can report it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "forbidden_characters"]

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = {"\x0b": " ", "\x0c": " "}


def forbidden_characters(text: str) -> list[str]:
    """The characters of ``text`` that XML 1.0 forbids, in order (as ``U+000B`` codes)."""
    return [f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(text)]


def clean_text(text: str) -> str:
    """``text`` in NFC with the characters XML forbids removed (VT and FF become spaces)."""
    if _FORBIDDEN.search(text) is None and unicodedata.is_normalized("NFC", text):
        return text  # the common case, without building a new string
    cleaned = _FORBIDDEN.sub(lambda m: _AS_SPACE.get(m.group(), ""), text)
    return unicodedata.normalize("NFC", cleaned)
