"""An :class:`~cadretrain.rules.findings.Evidence` as a person reads it, in the
current language: "văn bằng cqm-0239-q1 (loại lý luận chính trị, trình độ sơ
cấp, ngày cấp 15/01/2020, nơi cấp …)".

The evidence itself stays data (English names and values, ISO dates: the JSON
export and the workbook carry it so); only its text is translated. A name or
value this module does not know is shown as it is.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from cadretrain.i18n import current_language, decimal, percent, pgettext


def _kind(kind: str) -> str:
    names = {
        "qualification": pgettext("evidence", "qualification"),
        "post": pgettext("evidence", "post"),
        "party-status": pgettext("evidence", "party status"),
        "class-result": pgettext("evidence", "class result"),
        "class": pgettext("evidence", "class"),
        "deadline": pgettext("evidence", "deadline"),
    }
    return names.get(kind, kind)


def _fact(name: str) -> str:
    names = {
        "kind": pgettext("evidence", "kind"),
        "level": pgettext("evidence", "level"),
        "course_type": pgettext("evidence", "course type"),
        "issued": pgettext("evidence", "issued"),
        "expires": pgettext("evidence", "expires"),
        "issuer": pgettext("evidence", "issuer"),
        "number": pgettext("evidence", "number"),
        "class": pgettext("evidence", "class"),
        "start": pgettext("evidence", "start"),
        "end": pgettext("evidence", "end"),
        "title": pgettext("evidence", "title"),
        "category": pgettext("evidence", "category"),
        "since": pgettext("evidence", "since"),
        "resolution": pgettext("evidence", "resolution"),
        "decision": pgettext("evidence", "decision"),
        "ceremony": pgettext("evidence", "ceremony"),
        "missing": pgettext("evidence", "not recorded"),
        "attendance": pgettext("evidence", "attendance"),
        "essay_grade": pgettext("evidence", "essay grade"),
        "classification": pgettext("evidence", "classification"),
        "certificate_issued": pgettext("evidence", "certificate issued"),
        "due": pgettext("evidence", "due"),
        "counted_from": pgettext("evidence", "counted from"),
        "working_days": pgettext("evidence", "working days"),
    }
    return names.get(name, name)


def _topic(topic: str) -> str:
    """A deadline's or a class entry's subject (``ref`` of a deadline)."""
    names = {
        "ceremony": pgettext("evidence", "admission ceremony"),
        "full-membership": pgettext("evidence", "full membership"),
        "membership": pgettext("evidence", "party membership"),
        "post": pgettext("evidence", "post"),
    }
    return names.get(topic, topic)


def _value(name: str, value: str) -> str:
    from cadretrain.model import Classification, PartyStatus, QualificationKind
    from cadretrain.rules.facts import ACTS
    from cadretrain.rules.post_standards import kind_name, level_name

    if _ISO_DATE.fullmatch(value):
        # as missing_note writes a day: 15/01/2020 for Vietnamese readers
        return value if current_language() == "en" else \
            f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    if name == "kind":
        try:
            return kind_name(QualificationKind(value))
        except ValueError:
            return value
    if name == "level":
        return level_name(value)
    if name == "classification":
        try:
            return Classification(value).label()
        except ValueError:
            return value
    if name == "certificate_issued" and value in ("true", "false"):
        return pgettext("evidence", "yes") if value == "true" else pgettext("evidence", "no")
    if name == "missing" and value in ACTS:
        return _fact(value)
    if name in ("attendance", "essay_grade"):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        if name == "attendance":
            return percent(number, 0 if (number * 100) % 1 == 0 else 1)
        places = max(0, -int(number.as_tuple().exponent))
        return decimal(number, places)
    if name == "party-status":
        try:
            return PartyStatus(value).label()
        except ValueError:
            return value
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def evidence_text(kind: str, ref: str, facts: tuple[tuple[str, str], ...]) -> str:
    """The evidence's kind, its record and its facts, in the current language."""
    if kind == "party-status":
        ref = _value("party-status", ref)
    elif kind == "deadline":
        ref = _topic(ref)
    inner = ", ".join(f"{_fact(k)} {_value(k, v)}" for k, v in facts)
    head = f"{_kind(kind)} {ref}"
    return f"{head} ({inner})" if inner else head
