"""The documents in two languages (issue 15): under ``--lang en`` every word of
the Word report, the notices, the roster and the workbook is English, less the
dataset's own text (names, titles, quotes) and the rule set's (regulations and
the sentences quoted from them); by default every word is Vietnamese. The
Vietnamese documents are unchanged by the catalog (compared byte for byte when
the labels moved into it: see docs/i18n.md)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from cadretrain import i18n
from cadretrain.cli import main
from cadretrain.exporters.docx.template import builtin_template
from cadretrain.exporters.docx.wording import builtin_template_in, template_words
from cadretrain.rules import default_rule_set
from test_i18n import _translated_pairs, data_text, texts_of

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"
MINH_HOA = ROOT / "examples" / "huyen-minh-hoa" / "dataset.toml"
VIETNAMESE = re.compile(
    r"\w*[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]\w*", re.IGNORECASE)


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    texts += [p.text for s in doc.sections for p in s.header.paragraphs]
    return "\n".join(texts)


def _xlsx_text(path: Path) -> str:
    book = load_workbook(path)
    texts = list(book.sheetnames)
    texts += [v for ws in book.worksheets for row in ws.iter_rows(values_only=True)
              for v in row if isinstance(v, str) and not v.startswith("=")]
    return "\n".join(texts)


def _rule_set_text() -> list[str]:
    return texts_of(default_rule_set())


def _labels(text: str, data: Path) -> str:
    """``text`` less the dataset's and the rule set's own words, as written, in
    capitals (headers), with a small first letter (in a sentence) and without
    their first words (a document's title after its kind: "Kế hoạch" ...)."""
    forms: set[str] = set()
    for words in [*_rule_set_text(), *data_text(data)]:
        rest = words.split(" ", 2)
        forms |= {words, words.upper(), words[:1].lower() + words[1:]}
        if len(rest) > 2:
            forms |= {" ".join(rest[:2]), rest[2][:1].lower() + rest[2][1:]}
    text = " ".join(text.split())
    for form in sorted(forms, key=len, reverse=True):  # longest first: whole names
        if len(form) >= 4:
            text = text.replace(form, " ")
    return text


def _documents(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.suffix in (".docx", ".xlsx"))


def _text(path: Path) -> str:
    return _docx_text(path) if path.suffix == ".docx" else _xlsx_text(path)


@pytest.mark.parametrize("data", [SAMPLE, MINH_HOA], ids=["co-quan-mau", "huyen-minh-hoa"])
def test_every_label_of_the_english_pack_is_english(tmp_path: Path, data: Path) -> None:
    out = tmp_path / "pack"
    assert main(["report", str(data), "-o", str(out), "--class", "dvm-2025a",
                 "--lang", "en"] if data == SAMPLE else
                ["report", str(data), "-o", str(out), "--lang", "en"]) == 0
    documents = _documents(out)
    assert {p.suffix for p in documents} == {".docx", ".xlsx"}
    for path in documents:
        left = sorted(set(VIETNAMESE.findall(_labels(_text(path), data))))
        assert left == [], f"{path.relative_to(out)}: {left}"
    report = _docx_text(out / "report.docx")
    for words in ("COMMUNIST PARTY OF VIETNAM", "REPORT", "Recipients:", "APPENDIX",
                  "Results of the training and retraining plan in the year 2025",
                  "Attained (%)"):
        assert words in report, words
    sheets = load_workbook(out / "workbook.xlsx", read_only=True).sheetnames
    assert sheets[0] == "Plan and actual" and "Rosters and results" in sheets
    assert all(len(name) <= 31 for name in sheets)


@pytest.mark.usefixtures("vietnamese")
def test_no_english_label_in_the_default_pack(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    assert main(["report", str(SAMPLE), "-o", str(out), "--class", "dvm-2025a"]) == 0
    english = {en for en, _vi in _translated_pairs()}
    for path in _documents(out):
        text = _labels(_text(path), SAMPLE)
        assert [words for words in english if words in text] == [], path
    report = _docx_text(out / "report.docx")
    for words in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "Nơi nhận:", "PHỤ LỤC", "Đạt (%)"):
        assert words in report, words


def test_every_fixed_word_of_the_built_in_template_comes_from_the_catalog() -> None:
    texts: set[str] = set()
    with zipfile.ZipFile(__import__("io").BytesIO(builtin_template())) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                texts |= set(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>",
                                        archive.read(name).decode()))
    fixed = {t for t in texts if "{" not in t and "}" not in t and VIETNAMESE.search(t)}
    words = template_words("en")
    assert fixed and fixed <= set(words), fixed - set(words)
    assert builtin_template_in("vi") == builtin_template()
    english = builtin_template_in("en")
    with zipfile.ZipFile(__import__("io").BytesIO(english)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "COMMUNIST PARTY OF VIETNAM" in body and "ĐẢNG CỘNG SẢN" not in body
    # Every tag is where it was: only the fixed words changed.
    tags = re.compile(r"\{[{%].*?[}%]\}")
    with zipfile.ZipFile(__import__("io").BytesIO(builtin_template())) as archive:
        original = archive.read("word/document.xml").decode()
    assert tags.findall(body) == tags.findall(original)


def test_the_api_gives_the_report_in_the_language_asked_for() -> None:
    import cadretrain
    from cadretrain.metadata import ReportMeta
    from cadretrain.report import compute_report

    dataset = cadretrain.load(ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml")
    with i18n.language("vi"):
        vi = compute_report(dataset, ReportMeta(year=2017))
    with i18n.language("en"):
        en = compute_report(dataset, ReportMeta(year=2017))
    vi_text = " ".join(s.text for p in vi.sections[0].paragraphs for s in p.spans)
    en_text = " ".join(s.text for p in en.sections[0].paragraphs for s in p.spans)
    assert "đã tổ chức 28 lớp cho 2.095 học viên, đạt 147% so với kế hoạch" in vi_text
    assert "28 classes were held for 2,095 learners, attaining 147% of the plan" in en_text
    assert (vi.kind, vi.appendix.heading, vi.appendix.columns[1]) == ("Báo cáo", "PHỤ LỤC",
                                                                      "Loại lớp")
    assert (en.kind, en.appendix.heading, en.appendix.columns[1]) == ("Report", "APPENDIX",
                                                                      "Course type")
    # The same figures, each formatted in its language.
    assert [f.value for p in vi.sections[0].paragraphs for f in p.figures] == \
        [f.value for p in en.sections[0].paragraphs for f in p.figures]


@pytest.mark.parametrize("data", [ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml",
                                  SAMPLE, MINH_HOA], ids=lambda p: p.parent.name)
def test_the_english_report_says_one_class_not_one_classes(data: Path) -> None:
    # Vietnamese has no plural; English does: a count of one takes the singular.
    import cadretrain
    from cadretrain.metadata import ReportMeta
    from cadretrain.report import compute_report

    dataset = cadretrain.load(data)
    years = sorted({c.start.year for c in dataset.classes})
    with i18n.language("en"):
        report = compute_report(dataset, ReportMeta(year=years[-1]))
    text = " ".join(s.text for section in report.sections for p in section.paragraphs
                    for s in p.spans)
    assert not re.findall(r"(?<![\d.,])1 (?:classes|learners|days)\b", text)
    held_one = re.findall(r"(?<![\d.,])1 class of ", text)
    if data.parent.name == "dang-uy-khoi-2017":  # the seed: classes held with each partner
        assert len(held_one) >= 4
