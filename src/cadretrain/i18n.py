"""The one message catalog: every word a person reads, in Vietnamese or English.

Messages are written in the code in English (the gettext ``msgid``) and marked
with :func:`_` (or :func:`ngettext` when a number decides the form); the
Vietnamese translations live in one gettext catalog,
``cadretrain/locale/vi/LC_MESSAGES/cadretrain.po``, kept with Babel
(``python tools/i18n.py update`` / ``compile``) and shipped compiled beside it,
so an installed package needs no build step and reads it with the standard
library's :mod:`gettext`.

The language is Vietnamese unless the caller chooses English:

- a program (the ``cadretrain`` command) calls :func:`set_language`, or
  :func:`language_from_environment` to follow ``--lang``'s absence with the
  usual ``LANGUAGE`` / ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` variables;
- a library caller wraps a piece of work in ``with language("en"): ...``
  (thread- and task-safe: a :class:`~contextvars.ContextVar`).

Importing cadretrain never reads the environment: a host that embeds it gets
Vietnamese until it asks otherwise.

Numbers inside messages go through :func:`number`, :func:`decimal` and
:func:`percent`, which format in the current language (``1.909``, ``162,5%``
in Vietnamese; ``1,909``, ``162.5%`` in English).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from cadretrain.formatting import Number

__all__ = [
    "LANGUAGES",
    "N_",
    "Language",
    "current_language",
    "decimal",
    "gettext",
    "language",
    "language_from_environment",
    "ngettext",
    "number",
    "percent",
    "pgettext",
    "set_language",
    "translate",
]

#: The languages of the catalog. Vietnamese is the default; English is the
#: language the messages are written in.
Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

DOMAIN = "cadretrain"

_default: Language = "vi"
_override: ContextVar[Language | None] = ContextVar("cadretrain_language", default=None)


def _checked(lang: str) -> Language:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    return lang


def current_language() -> Language:
    """The language messages are given in now."""
    return _override.get() or _default


def set_language(lang: Language) -> None:
    """Make ``lang`` the language of this process's messages (a program's choice;
    a library caller prefers :func:`language`)."""
    global _default
    _default = _checked(lang)


@contextmanager
def language(lang: Language) -> Iterator[Language]:
    """Give messages in ``lang`` inside the ``with`` block (this thread or task only)."""
    token = _override.set(_checked(lang))
    try:
        yield lang
    finally:
        _override.reset(token)


def language_from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """The language the environment asks for, as gettext reads it: the first of
    ``LANGUAGE`` (a colon-separated list), ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
    that is set. English when it names English (``en``, ``en_US.UTF-8``),
    Vietnamese otherwise (``vi_VN``, ``C.UTF-8``, ``POSIX``, another language,
    nothing set)."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        for item in value.split(":"):
            code = item.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
            if code in LANGUAGES:
                return code
        if var != "LANGUAGE":
            # The first locale variable set decides, as in gettext; an unknown
            # language there means the default.
            return "vi"
    return "vi"


@cache
def _translations(lang: Language) -> _gettext.NullTranslations:
    if lang == "en":
        # English is the language of the msgids; NullTranslations picks the
        # singular for 1 and the plural otherwise, as English does.
        return _gettext.NullTranslations()
    mo = resources.files("cadretrain") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with mo.open("rb") as fp:
        return _gettext.GNUTranslations(fp)


def gettext(message: str) -> str:
    """``message`` (English, as written in the code) in the current language."""
    return _translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that goes with the number ``n``, in the current language.
    Format the number into it with :func:`number`:
    ``ngettext("{n} error", "{n} errors", k).format(n=number(k))``."""
    return _translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English words
    used elsewhere by ``context`` (a column title and a status, say)."""
    return _translations(current_language()).pgettext(context, message)


#: :func:`gettext` under its usual short name.
_ = gettext


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now: for words kept
    in a table at import time and given to :func:`translate` when shown."""
    return message


def translate(message: str, lang: Language | None = None) -> str:
    """A message marked with :func:`N_`, in ``lang`` (default: the current language)."""
    if lang is None:
        return gettext(message)
    return _translations(_checked(lang)).gettext(message)


def babel_locale(lang: Language | None = None) -> str:
    """The Babel locale that formats numbers and dates for ``lang``."""
    return lang or current_language()


def number(n: int) -> str:
    """A whole number as the current language writes it: ``1.909`` / ``1,909``."""
    from cadretrain.formatting import format_count

    return format_count(n, babel_locale())


def decimal(value: Number, decimals: int = 1) -> str:
    """A number with ``decimals`` decimals, rounded half up: ``2,5`` / ``2.5``."""
    from cadretrain.formatting import format_decimal

    return format_decimal(value, decimals, babel_locale())


def percent(ratio: Number, decimals: int = 1) -> str:
    """A ratio (1 is 100%) as a percentage: ``162,5%`` / ``162.5%``."""
    from cadretrain.formatting import format_percent

    return format_percent(ratio, decimals, babel_locale())
