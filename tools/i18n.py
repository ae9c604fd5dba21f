"""Keep the message catalog in step with the code (see docs/i18n.md).

    python tools/i18n.py update    # add new messages to vi.po, drop gone ones
    python tools/i18n.py compile   # write cadretrain.mo from vi.po
    python tools/i18n.py check     # what the test suite checks; exit 1 on a problem

Messages are found by Babel's Python extractor: calls of ``_``, ``gettext``,
``ngettext``, ``pgettext`` and ``N_`` with literal strings, in src/cadretrain.
The .po file is written sorted by message, with file names but no line
numbers, so two changes that add messages rarely touch the same lines. The
compiled .mo is shipped in the package (a fresh ``pip install .`` needs no
build step); on a rebase conflict in it, run ``compile`` again.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "cadretrain"
LANGS = ("vi",)
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
# A fixed header, so that updating the catalog changes only the messages.
HEADER_DATE = datetime(2026, 12, 1, tzinfo=timezone.utc)
HEADER_COMMENT = ("# Vietnamese messages of cadretrain: the English msgid is the text in the "
                  "code.\n# Kept with tools/i18n.py (see docs/i18n.md).")


def po_path(lang: str) -> Path:
    return PACKAGE / "locale" / lang / "LC_MESSAGES" / "cadretrain.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def extract() -> Catalog:
    """Every marked message of the package, as a template catalog."""
    template = Catalog(project="cadretrain", fuzzy=False)
    method_map = [("**.py", "python")]
    for filename, _lineno, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=method_map, keywords=KEYWORDS,
    ):
        template.add(message, None, [(f"cadretrain/{filename}", None)], context=context)
    return template


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fp:
        return read_po(fp, locale=lang)


def write(lang: str, catalog: Catalog) -> None:
    catalog.creation_date = catalog.revision_date = HEADER_DATE
    catalog.header_comment = HEADER_COMMENT
    catalog.project, catalog.version = "cadretrain", "1"
    catalog.msgid_bugs_address = "https://github.com/cadretrain/cadretrain/issues"
    catalog.last_translator = catalog.language_team = "cadretrain developers"
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False,
             ignore_obsolete=True)
    po_path(lang).parent.mkdir(parents=True, exist_ok=True)
    po_path(lang).write_bytes(out.getvalue())


def compiled(lang: str) -> bytes:
    out = io.BytesIO()
    write_mo(out, read(lang), use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    template = extract()
    for lang in LANGS:
        path = po_path(lang)
        if path.exists():
            catalog = read(lang)
        else:
            catalog = Catalog(locale=lang, project="cadretrain", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        write(lang, catalog)
        missing = [m.id for m in catalog if m.id and not _translated(m)]
        print(f"{_shown(path)}: {len(catalog)} messages, {len(missing)} to translate")


def compile_all() -> None:
    for lang in LANGS:
        mo_path(lang).write_bytes(compiled(lang))
        print(f"wrote {_shown(mo_path(lang))}")


def _translated(message: object) -> bool:
    string = message.string  # type: ignore[attr-defined]
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def problems() -> list[str]:
    """What is wrong with the catalog: messages of the code not in a .po or not
    translated, fuzzy ones, ones no longer in the code, placeholders that differ
    between a message and its translation, a .mo not compiled from its .po."""
    found: list[str] = []
    template = extract()
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    for lang in LANGS:
        name = _shown(po_path(lang))
        if not po_path(lang).exists():
            return [f"{name}: missing (run: python tools/i18n.py update)"]
        catalog = read(lang)
        have = {}
        for m in catalog:
            if m.id:
                have[(m.id if isinstance(m.id, str) else m.id[0], m.context)] = m
        for key in sorted(wanted - have.keys(), key=str):
            found.append(f"{name}: not in the catalog: {key[0]!r} (run: python tools/i18n.py "
                         "update, then translate it)")
        for key in sorted(have.keys() - wanted, key=str):
            found.append(f"{name}: no longer in the code: {key[0]!r} (run: python tools/i18n.py "
                         "update)")
        for key, m in sorted(have.items(), key=lambda kv: str(kv[0])):
            if m.fuzzy:
                found.append(f"{name}: fuzzy: {key[0]!r}")
            if not _translated(m):
                found.append(f"{name}: not translated: {key[0]!r}")
                continue
            ids = [m.id] if isinstance(m.id, str) else list(m.id)
            strings = [m.string] if isinstance(m.string, str) else list(m.string)
            want = placeholders(ids[-1])
            if isinstance(m.id, (tuple, list)) and placeholders(ids[0]) != want:
                found.append(f"{name}: singular and plural differ in placeholders: {key[0]!r}")
            for s in strings:
                if placeholders(s) != want:
                    found.append(f"{name}: placeholders {sorted(placeholders(s))} in the "
                                 f"translation of {key[0]!r}, the message has {sorted(want)}")
            if catalog.plural_forms and isinstance(m.id, (tuple, list)) \
                    and len(strings) != catalog.num_plurals:
                found.append(f"{name}: {key[0]!r} has {len(strings)} plural forms, "
                             f"the language has {catalog.num_plurals}")
        for m in catalog:
            for err in m.check(catalog):
                found.append(f"{name}: {m.id!r}: {err}")
        mo = mo_path(lang)
        if not mo.exists() or mo.read_bytes() != compiled(lang):
            found.append(f"{_shown(mo)}: not compiled from the .po "
                         "(run: python tools/i18n.py compile)")
    return found


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        update()
    elif argv == ["compile"]:
        compile_all()
    elif argv == ["check"]:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
