"""What every test shares.

The suite reads messages in English, the language they are written in (the
catalog's msgids): each test runs with the library's language set to English
and ``LANGUAGE=en`` in the environment, which the command line (in-process or
run as a subprocess) follows. Tests of the Vietnamese default say so
(``i18n.language("vi")``, ``--lang vi`` or an environment without ``LANGUAGE``);
see tests/test_i18n.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cadretrain import i18n


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANGUAGE", "en")
    with i18n.language("en"):
        yield


@pytest.fixture
def vietnamese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The Vietnamese default, for a test that reads Vietnamese documents or output
    (``@pytest.mark.usefixtures("vietnamese")``): the library's language and the
    command line's environment."""
    monkeypatch.setenv("LANGUAGE", "vi")
    with i18n.language("vi"):
        yield
