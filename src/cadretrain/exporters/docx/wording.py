"""The built-in Word report template in the language of the run.

The template (``data/report-template.docx``, which staff may edit: docs/word.md)
is written in Vietnamese: besides its tags it holds a few fixed words, the
party's name, "Nơi nhận:", the tables' column headings. Under English those
words are given in English: each text of the template that is one of the
catalog's Vietnamese translations listed below is replaced by the same message
in the language asked for, before docxtpl renders it. Everything else (tags,
layout, fonts) is the template's own, so the English report has the form of
the Vietnamese one. An edited template (``--template``) is used as it is, in
whatever words its author wrote.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from xml.sax.saxutils import escape, unescape

from cadretrain.i18n import Language, _, language, pgettext

__all__ = ["builtin_template_in", "template_words"]


def _words() -> list[str]:
    """The template's fixed words, in the current language (one per table
    heading or label; the same order in every language)."""
    return [
        _("COMMUNIST PARTY OF VIETNAM"), _("Recipients:"), _("Notes on the figures:"),
        pgettext("table", "No."), _("Course type"), _("Plan (classes)"), _("Actual (classes)"),
        _("Attained (%)"), _("Plan (learners)"), _("Actual (learners)"),
        _("Classes, this period"), _("Classes, a year earlier"), _("Compared (%)"),
        _("Learners, this period"), _("Learners, a year earlier"), _("Partner"),
        pgettext("count", "Classes"), _("Learners"), _("Severity"), _("Subject"), _("Finding"),
    ]


def template_words(lang: Language) -> dict[str, str]:
    """Each fixed word of the built-in template (as the template writes it, in
    Vietnamese) and the same word in ``lang``."""
    with language("vi"):
        written = _words()
    with language(lang):
        wanted = _words()
    return dict(zip(written, wanted, strict=True))


_TEXT = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")


@cache
def builtin_template_in(lang: Language) -> bytes:
    """The bytes of the built-in report template with its fixed words in
    ``lang`` (the template itself for Vietnamese)."""
    from cadretrain.exporters.docx.template import builtin_template

    data = builtin_template()
    if lang == "vi":
        return data
    words = template_words(lang)

    def replace(match: re.Match[bytes]) -> bytes:
        text = unescape(match.group(2).decode("utf-8"))
        if text not in words:
            return match.group(0)
        return match.group(1) + escape(words[text]).encode("utf-8") + match.group(3)

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                content = _TEXT.sub(replace, content)
            target.writestr(info, content)
    return out.getvalue()
