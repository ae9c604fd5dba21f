"""One message catalog: complete, compiled, shipped; Vietnamese by default, English
on request; the command line says each thing in one language."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from cadretrain import i18n
from cadretrain.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_the_catalog_is_complete_translated_and_compiled() -> None:
    # Every message marked in the code is in vi.po, translated, not fuzzy, with
    # the same placeholders; none is left over; the shipped .mo is vi.po compiled.
    # English is the language of the msgids, so it is complete by construction.
    problems = _tool().problems()
    assert problems == [], "\n".join(problems)


def test_the_catalog_check_finds_an_untranslated_message(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _tool()
    catalog = tool.read("vi")
    message = next(m for m in catalog if m.id == "show this help and exit")
    message.string = ""
    monkeypatch.setattr(tool, "po_path", lambda lang: tmp_path / "vi.po")
    monkeypatch.setattr(tool, "mo_path", lambda lang: tmp_path / "vi.mo")
    tool.write("vi", catalog)
    problems = tool.problems()
    assert "not translated: 'show this help and exit'" in "\n".join(problems)
    assert any("not compiled from the .po" in p for p in problems)


def test_the_wheel_ships_the_compiled_catalog(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    wheel = next(iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path),
                                                    versions=["standard"])))
    names = zipfile.ZipFile(wheel).namelist()
    assert "cadretrain/locale/vi/LC_MESSAGES/cadretrain.mo" in names


def test_vietnamese_is_the_default_and_english_is_asked_for() -> None:
    with i18n.language("vi"):
        assert i18n.gettext("show this help and exit") == "in hướng dẫn này rồi thoát"
        assert i18n.ngettext("{n} error", "{n} errors", 2).format(n=i18n.number(1909)) \
            == "1.909 lỗi"
        assert i18n.percent(i18n_fraction(13, 8)) == "162,5%"
    with i18n.language("en"):
        assert i18n.gettext("show this help and exit") == "show this help and exit"
        assert i18n.ngettext("{n} error", "{n} errors", 1).format(n=1) == "1 error"
        assert i18n.ngettext("{n} error", "{n} errors", 2).format(n=i18n.number(1909)) \
            == "1,909 errors"
        assert i18n.percent(i18n_fraction(13, 8)) == "162.5%"


def i18n_fraction(a: int, b: int) -> object:
    from fractions import Fraction

    return Fraction(a, b)


def test_an_embedding_program_gets_vietnamese_whatever_its_environment() -> None:
    # Importing the library reads no environment variable: only the command
    # line (a program) follows LANG.
    code = ("from cadretrain import i18n; import cadretrain; "
            "print(i18n.current_language(), i18n.gettext('show this help and exit'))")
    env = {"LANG": "en_US.UTF-8", "LANGUAGE": "en", "LC_ALL": "en_US.UTF-8",
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)
    assert done.stdout == "vi in hướng dẫn này rồi thoát\n"


def test_the_language_of_a_block_is_its_own_and_is_restored() -> None:
    seen: list[str] = []
    with i18n.language("vi"):
        with i18n.language("en"):
            worker = threading.Thread(target=lambda: seen.append(i18n.current_language()))
            worker.start()
            worker.join()
            assert i18n.current_language() == "en"
        assert i18n.current_language() == "vi"
    # A new thread starts from the process's language (Vietnamese), not the block's.
    assert seen == ["vi"]
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        with i18n.language("fr"):  # type: ignore[arg-type]
            pass


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "vi"),
    ({"LANG": "C.UTF-8"}, "vi"),
    ({"LANG": "POSIX"}, "vi"),
    ({"LANG": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "vi"),
    ({"LANG": "vi_VN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "vi_VN"}, "vi"),
    ({"LC_MESSAGES": "en_US", "LC_ALL": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "vi_VN", "LANGUAGE": "fr:en"}, "en"),
    ({"LANG": "en_US", "LANGUAGE": "fr"}, "en"),  # LANGUAGE names none of ours
    ({"LANG": "", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
])
def test_the_environment_chooses_as_gettext_reads_it(environ: dict[str, str],
                                                     expected: str) -> None:
    assert i18n.language_from_environment(environ) == expected


def _clean_environment(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)


@pytest.mark.parametrize(("args", "env", "expected"), [
    ([], {"LANG": "C.UTF-8"}, "hợp lệ, 1 cảnh báo"),
    ([], {"LANG": "en_US.UTF-8"}, "valid, 1 warning"),
    ([], {"LANG": "vi_VN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "valid, 1 warning"),
    (["--lang", "vi"], {"LANG": "en_US.UTF-8"}, "hợp lệ, 1 cảnh báo"),
    (["--lang=en"], {"LANG": "vi_VN.UTF-8"}, "valid, 1 warning"),
    (["--english"], {}, "valid, 1 warning"),  # the option of earlier versions
])
def test_the_command_line_follows_lang_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    args: list[str], env: dict[str, str], expected: str,
) -> None:
    _clean_environment(monkeypatch, **env)
    with i18n.language("vi"):
        assert main(["validate", str(SEED), *args]) == 0
        # main() leaves the caller's language as it found it.
        assert i18n.current_language() == "vi"
    out = capsys.readouterr()
    assert out.out == f"{SEED}: {expected}\n"
    warning = "warning" if expected.startswith("valid") else "cảnh báo"
    assert f"figures[3].value: {warning}: " in out.err


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_usage_errors_are_in_one_language(capsys: pytest.CaptureFixture[str],
                                          lang: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["validate", "--lang", lang])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    if lang == "vi":
        assert err.startswith("cách dùng: cadretrain validate")
        assert err.endswith("cadretrain validate: lỗi: thiếu các đối số bắt buộc: PATH\n")
    else:
        assert err.startswith("usage: cadretrain validate")
        assert err.endswith("cadretrain validate: error: the following arguments are "
                            "required: PATH\n")
    with pytest.raises(SystemExit):
        main(["validate", str(SEED), "--on", "x", "--lang", lang])
    err = capsys.readouterr().err.splitlines()[-1]
    assert err == {
        "vi": "cadretrain validate: lỗi: đối số --on: 'x' không phải là ngày dạng YYYY-MM-DD",
        "en": "cadretrain validate: error: argument --on: 'x' is not a date as YYYY-MM-DD",
    }[lang]


def _translated_pairs() -> list[tuple[str, str]]:
    """(English, Vietnamese) of every catalog message whose two forms differ and
    are long enough not to be a word the other language borrows."""
    pairs = []
    for m in _tool().read("vi"):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        for en in ids:
            for vi in strings:
                for en_part, vi_part in zip(_fixed(en), _fixed(vi), strict=False):
                    if en_part != vi_part and len(en_part) >= 12 and len(vi_part) >= 12:
                        pairs.append((en_part, vi_part))
    return pairs


def _fixed(text: str) -> list[str]:
    """The words of a message between its placeholders."""
    import re

    return [p.strip() for p in re.split(r"\{[^{}]*\}", text) if p.strip()]


SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"

#: Every command of ``cadretrain --help``, run on the bundled examples as a user
#: runs it (``{tmp}``: a fresh directory), then each command's --help. The
#: output of ``schema`` (a JSON Schema, for programs), ``completion`` (a shell
#: script) and ``--json`` is for programs and not read here; their help is.
RUNS = [
    ["validate", str(SEED)], ["summary", str(SEED)],
    ["report", str(SEED.parent), "-o", "{tmp}/pack"],
    ["report", str(SAMPLE), "-o", "{tmp}/sample", "--no-notices", "--year", "2025"],
    ["template", "xlsx", "-o", "{tmp}/mau.xlsx"], ["template", "docx", "-o", "{tmp}/mau.docx"],
    ["template", "docx", "--check", "{tmp}/mau.docx"],
    ["template", "docx", "--check", "{tmp}/broken.docx"],
    ["schema", "-o", "{tmp}/schema.json"],
    ["attainment", str(SAMPLE), "--year", "2025"], ["attainment", str(SEED)],
    ["figures", str(SAMPLE)], ["figures", str(SEED)],
    ["check", str(SAMPLE), "--on", "2025-12-31"], ["check", str(SEED), "--on", "2017-12-31"],
    ["exporters"],
    ["export", str(SEED), "--to", "json", "-o", "{tmp}/x.json"],
    ["export", str(SEED), "--to", "docx", "-o", "{tmp}/x.docx"],
    ["export", str(SEED), "--to", "xlsx", "-o", "{tmp}/x.xlsx"],
    ["export", str(SEED), "--to", "nothing", "-o", "{tmp}/x.txt"],
    ["--help"], *([name, "--help"] for name in
                  ("report", "validate", "summary", "template", "schema", "attainment",
                   "figures", "check", "exporters", "export", "completion")),
]

#: English words that are no Vietnamese syllable: one of them in Vietnamese
#: output (names, ids, paths and options taken out) is English left in it.
ENGLISH_WORDS = frozenset("""
    the of and with are was not from for this that which when each every or by
    file files written wrote error errors warning warnings rule finding
    figure printed kind level issued qualification class classes notice default
    usage arguments options write print show exporter documents broken installed
    needs confirmation basis since start expires
    """.split())
_VIETNAMESE_LETTER = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựử"
                                "ữỳýỵỷỹđ]", re.IGNORECASE)
# What is not words of a message: tags and code, ids, paths, options, metavars.
_NOT_WORDS = re.compile(r"`[^`]*`|\{\{.*?\}\}|\{%.*?%\}|\S*\w[-_./=:\\]\w\S*|\S+=\S*|--?[\w-]+|"
                        r"\b[A-Z][A-Z_]+\b")


def mixed_words(text: str, lang: str) -> list[str]:
    """What in ``text`` (output of the language ``lang``, the data's own text
    taken out) is the other language: a catalog message's words, a Vietnamese
    letter in English, an English word in Vietnamese."""
    pairs = _translated_pairs()
    other = 0 if lang == "vi" else 1
    flat = " ".join(text.split())
    found = [pair[other] for pair in pairs if " ".join(pair[other].split()) in flat]
    words = _NOT_WORDS.sub(" ", flat)
    if lang == "en":
        found += sorted({m.group(0) for m in re.finditer(r"\w*" + _VIETNAMESE_LETTER.pattern
                                                         + r"\w*", words, re.IGNORECASE)})
    else:
        found += sorted({w for w in re.findall(r"[A-Za-z]+", words)
                         if w.lower() in ENGLISH_WORDS})
    return found


def test_the_mixing_detector_sees_both_directions() -> None:
    assert {"file", "written", "warning"} <= set(
        mixed_words("3 file(s) written; 0 data warning(s)", "vi"))
    assert {"kind", "level"} <= set(
        mixed_words("văn bằng cqm-0239-q1 (kind political-theory, level sơ cấp)", "vi"))
    assert mixed_words("qualification cqm-0239-q1 (loại political-theory)", "en") == ["loại"]
    assert mixed_words("wrote report.docx; see `cadretrain template docx -o FILE`", "en") == []
    assert mixed_words("đã ghi out/report.docx --no-notices PATH", "vi") == []
    pair = _translated_pairs()[0]
    assert mixed_words(pair[1], "en") and mixed_words(pair[0], "vi")


@pytest.mark.parametrize("command", RUNS, ids=" ".join)
def test_no_command_mixes_the_two_languages(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path, command: list[str]) -> None:
    import shutil

    from cadretrain.exporters.docx.template import builtin_template

    broken = builtin_template().replace(b"{{ title }}", b"{{ tilte }}")
    for lang in ("vi", "en"):
        folder = tmp_path / lang
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        (folder / "mau.docx").write_bytes(builtin_template())
        (folder / "broken.docx").write_bytes(broken)
        argv = [part.replace("{tmp}", str(folder)) for part in command]
        try:
            main(["--lang", lang, *argv])
        except SystemExit:
            pass
        out = capsys.readouterr()
        text = out.out + "\n" + out.err
        assert text.strip() or command[0] == "schema", command  # schema -o: silent
        data = SAMPLE if str(SAMPLE) in command else SEED
        # the rule set's quotations hold words of the data (post titles): first
        text = without_data_text(without_rule_text(" ".join(text.split())), data)
        assert mixed_words(text.replace(str(folder), " "), lang) == [], \
            f"{lang} output of {command}:\n{out.out}\n{out.err}"


def without_rule_text(text: str) -> str:
    """``text`` without the default rule set's own text (regulations' names,
    articles, quotations, sources): data, in the language the regulations are
    written in, shown as they are in both languages (docs/i18n.md)."""
    from cadretrain.rules import default_rule_set

    found: set[str] = set()
    for rule in default_rule_set().rules:
        found.add(rule.regulation)
        found.add(rule.title)
        for citation in rule.basis:
            found.update((citation.document, citation.article, citation.quote,
                          citation.source))
    for words in sorted((" ".join(t.split()) for t in found if t and len(t) >= 4),
                        key=len, reverse=True):
        text = text.replace(words, " ")
    return text


def data_text(path: Path) -> list[str]:
    """Every text of the dataset at ``path`` and of the course types it uses
    (names, titles, notes): data, in the language it was written in, not a
    message; longest first."""
    import cadretrain
    from cadretrain.catalog import course_catalog

    dataset = cadretrain.read(path).dataset
    return texts_of(dataset, list(course_catalog(dataset).values()))


def texts_of(*values: object) -> list[str]:
    """Every text of at least four characters in ``values`` (records, lists,
    dicts), its spaces made single; longest first."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(" ".join(value.split()))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif hasattr(value, "__attrs_attrs__"):
            for a in value.__attrs_attrs__:  # type: ignore[attr-defined]
                walk(getattr(value, a.name))

    for value in values:
        walk(value)
    return sorted((t for t in found if len(t) >= 4), key=len, reverse=True)


def without_data_text(text: str, path: Path) -> str:
    """``text`` with the dataset's own words taken out (see :func:`data_text`)."""
    for words in data_text(path):
        text = text.replace(words, " ")
        if "…" in text:  # a table cut the name short
            for end in range(len(words) - 1, 7, -1):
                text = text.replace(words[:end].rstrip() + "…", " ")
    return text


def test_no_module_hides_the_catalog_function_behind_a_local_name() -> None:
    # A parameter or variable named _ in a module that uses _() makes _() that
    # value (a type, say) and the message silently English; ruff sees loop
    # variables only.
    import ast

    hidden = []
    for path in sorted((ROOT / "src" / "cadretrain").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        uses = any(isinstance(n, ast.ImportFrom) and n.module == "cadretrain.i18n"
                   and any(a.name == "_" for a in n.names) for n in ast.walk(tree))
        if not uses:
            continue
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.arg):
                names = [node.arg]
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names = [node.id]
            if "_" in names:
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hidden == []
