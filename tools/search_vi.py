"""A mkdocs hook: the site's search finds Vietnamese words typed without their marks.

Material's search runs lunr in the browser over ``search/search_index.json``.
Typed with its marks, "nợ bằng" is found because ``mkdocs.yml`` keeps tokens whole
(see its search plugin settings). Typed without them, "no bang" has nothing to match:
lunr has no folding of diacritics. So after the build this hook gives every entry of
the index one more field, ``folded``, holding the words of its title and text that
carry marks, written without them ("nợ bằng" -> "no bang"; "đ" -> "d"), and declares
the field in the index's configuration, which Material's search worker indexes like
the others. The page's text, the results and their highlighting are unchanged.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

FIELD = "folded"
#: The API reference's entries weigh this much against the guides' (Material
#: reads an entry's ``boost``): 62 module pages whose docstrings use the same
#: Vietnamese words ("bảng", "nợ") would otherwise push the glossary and the
#: guide out of the first results of a query typed without marks.
API_BOOST = 0.2
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` without Vietnamese marks: tones and the hooks of ơ, ư, ă, â, ê, ô, đ."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded_words(text: str) -> str:
    """The words of ``text`` (HTML tags left out) that change when folded, folded."""
    words = _WORD.findall(_TAG.sub(" ", text))
    seen: dict[str, None] = {}
    for word in words:
        plain = fold(word)
        if plain != word:
            seen.setdefault(plain.lower(), None)
    return " ".join(seen)


def add_folded_field(index: dict[str, Any]) -> dict[str, Any]:
    """The search index with the ``folded`` field on every entry that has marks."""
    # lunr's Vietnamese support only adds a trimmer and stop words, and its trimmer's
    # letters end at U+1E93, so it would cut "nợ" (ợ is U+1EE3) to "n": the index is
    # read as English, whose pipeline mkdocs.yml empties (no trimmer, no stop words).
    index["config"]["lang"] = ["en"]
    fields = index["config"].setdefault("fields", {})
    fields[FIELD] = {"boost": 1000.0}
    for doc in index["docs"]:
        if doc.get("location", "").startswith("api/"):
            doc["boost"] = doc.get("boost", 1.0) * API_BOOST
        words = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}")
        if words:
            doc[FIELD] = words
        else:
            doc.pop(FIELD, None)
    return index


# After the search plugin and the i18n plugin, which writes the index of every
# language last (priority -100).
@event_priority(-200)
def on_post_build(config: Any) -> None:
    for path in Path(config["site_dir"]).glob("**/search/search_index.json"):
        index = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(add_folded_field(index), ensure_ascii=False,
                                   separators=(",", ":")), encoding="utf-8")
