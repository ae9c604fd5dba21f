"""The Word template of the report: written by `cadretrain template docx`, edited
as Word would edit it, checked before rendering with the place of each problem;
the rendered report read back with python-docx and LibreOffice."""

from __future__ import annotations

import copy
import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, Phase, given, settings

from cadretrain import i18n
from cadretrain.cli import main
from cadretrain.exporters.api import ReportMeta, read_meta
from cadretrain.exporters.docx.documents import (
    build_report,
    from_report_meta,
    to_report_meta,
)
from cadretrain.exporters.docx.template import (
    REQUIRED_NAMES,
    TemplateError,
    builtin_template,
    check_template,
    context_schema,
)
from cadretrain.exporters.docx.wording import builtin_template_in
from cadretrain.model import Dataset
from cadretrain.readers import load
from cadretrain.report import compute_report, report_data
from cadretrain.testing import datasets

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "dang-uy-khoi-2017"
SCHEMA = ROOT / "schema" / "report-context.schema.json"


@pytest.fixture
def vietnamese() -> Iterator[None]:
    """The template check's messages in Vietnamese, as an office reads them."""
    with i18n.language("vi"):
        yield


def _template() -> object:
    return Document(io.BytesIO(builtin_template()))


def _bytes(doc: object) -> bytes:
    out = io.BytesIO()
    doc.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def _body_index(doc: object, text: str) -> int:
    """The 1-based place of the body paragraph holding ``text`` (as the check counts)."""
    body = doc.element.body  # type: ignore[attr-defined]
    n = 0
    for child in body:
        if child.tag == qn("w:p"):
            n += 1
            if text in "".join(t.text or "" for t in child.iter(qn("w:t"))):
                return n
    raise AssertionError(text)


def _paragraph(doc: object, text: str) -> object:
    return next(p for p in doc.paragraphs if p.text == text)  # type: ignore[attr-defined]


def _split_run(paragraph: object, at: int, *, bold: bool | None = None,
               proof_mark: bool = False) -> None:
    """Cut the paragraph's only run in two at ``at``, as Word does when part
    of a tag is formatted (``bold``) or a spell-check mark falls inside it."""
    run = paragraph.runs[0]  # type: ignore[attr-defined]
    text = run.text
    second = copy.deepcopy(run._r)
    run.text = text[:at]
    second.find(qn("w:t")).text = text[at:]
    if bold is not None:
        rpr = second.get_or_add_rPr()
        rpr.remove_all("w:b")
        b = OxmlElement("w:b")
        b.set(qn("w:val"), "1" if bold else "0")
        rpr.insert(0, b)
    run._r.addnext(second)
    if proof_mark:
        mark = OxmlElement("w:proofErr")
        mark.set(qn("w:type"), "spellStart")
        run._r.addnext(mark)


def _members(data: bytes) -> dict[str, bytes]:
    # Written files carry reproducible timestamps (cadretrain.atomic): compare the parts,
    # the core properties' dates aside.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: re.sub(rb"<dcterms:(created|modified).*?</dcterms:\1>", b"",
                          archive.read(n)) for n in archive.namelist()}


def _seed_report() -> object:
    dataset = load(SEED / "dataset.toml")
    return compute_report(dataset, read_meta(SEED / "meta.toml"))


def test_the_command_writes_the_built_in_template_and_it_checks_clean(tmp_path: Path) -> None:
    out = tmp_path / "mau-bao-cao.docx"
    assert main(["template", "docx", "-o", str(out)]) == 0
    # In the run's language (the tests' English): the fixed words in English, as the
    # report rendered with it under --lang en; Vietnamese by --lang vi (the default).
    assert _members(out.read_bytes()) == _members(builtin_template_in("en")) != _members(
        builtin_template())
    vietnamese = tmp_path / "mau-vi.docx"
    assert main(["template", "docx", "-o", str(vietnamese), "--lang", "vi"]) == 0
    assert _members(vietnamese.read_bytes()) == _members(builtin_template())
    assert check_template(out.read_bytes()) == []
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    for tag in ("{{ title }}", "{%p for section in sections %}", "{{r para.rich }}",
                "{%p if notes %}"):
        assert tag in text
    assert main(["template", "docx", "--check", str(out)]) == 0


def test_a_tag_split_into_runs_of_different_formatting_is_refused_with_its_place(
    tmp_path: Path, vietnamese: None,
) -> None:
    doc = _template()
    _split_run(_paragraph(doc, "{{ title }}"), 5, bold=False)  # "{{ ti" bold, "tle }}" not
    place = _body_index(doc, "{{ title }}")
    data = _bytes(doc)
    problems = [p for p in check_template(data) if p.severity == "error"]
    assert len(problems) == 1
    assert problems[0].place == f"đoạn {place}" and problems[0].tag == "{{ title }}"
    assert "định dạng khác nhau" in problems[0].message
    # Rendering refuses it, naming the place; the export command writes nothing.
    with pytest.raises(TemplateError, match=f"đoạn {place}: lỗi: «{{{{ title }}}}»"):
        build_report(load(SEED / "dataset.toml"),
                     from_report_meta(read_meta(SEED / "meta.toml")), template=data)
    template = tmp_path / "mau.docx"
    template.write_bytes(data)
    out = tmp_path / "bao-cao.docx"
    status = main(["export", str(SEED / "dataset.toml"), "--to", "docx", "--meta",
                   str(SEED / "meta.toml"), "--template", str(template), "-o", str(out)])
    assert status == 1 and not out.exists()
    assert main(["template", "docx", "--check", str(template)]) == 1


def test_a_split_of_the_same_formatting_and_curly_quotes_are_read_as_docxtpl_reads_them(
    vietnamese: None,
) -> None:
    doc = _template()
    # A spell-check mark inside a tag (Word's most common split): same formatting.
    _split_run(_paragraph(doc, "{{ title }}"), 6, proof_mark=True)
    # Word's AutoFormat turns the straight quotes of a tag into curly ones.
    heading = _paragraph(doc, '{%p if para.kind == "heading" %}')
    heading.runs[0].text = "{%p if para.kind == “heading” %}"  # type: ignore[attr-defined]
    place = _body_index(doc, "{%p if para.kind == “heading” %}")
    data = _bytes(doc)
    problems = check_template(data)
    assert [(p.severity, p.place) for p in problems] == [("warning", f"đoạn {place}")]
    assert "nháy cong" in problems[0].message
    rendered = build_report(load(SEED / "dataset.toml"),
                            from_report_meta(read_meta(SEED / "meta.toml")), template=data)
    texts = [p.text for p in rendered.paragraphs]
    assert "Kết quả công tác đào tạo, bồi dưỡng cán bộ, đảng viên năm 2017" in texts


def test_unknown_names_broken_tags_and_missing_sections_are_each_named(
        tmp_path: Path, vietnamese: None) -> None:
    doc = _template()
    _paragraph(doc, "{{ title }}").runs[0].text = "{{ tilte }}"  # type: ignore[attr-defined]
    _paragraph(doc, "- {{ note.text }}").runs[0].text = "- {{ note.txt }}"  # type: ignore
    dash = _paragraph(doc, "-----")
    dash.runs[0].text = "{{ place_date"  # type: ignore[attr-defined]
    # Remove every paragraph that uses "recipients": a missing section.
    for p in list(doc.paragraphs) + [p for t in doc.tables for r in t.rows  # type: ignore
                                     for c in r.cells for p in c.paragraphs]:
        if "recipients" in p.text or p.text == "- {{ line }}" or (
                p.text == "{%p endfor %}" and p._p.getparent().tag == qn("w:tc")):
            p._p.getparent().remove(p._p)
    problems = check_template(_bytes(doc))
    messages = {(p.tag, p.message) for p in problems}
    places = {p.tag: p.place for p in problems}
    assert ("{{ tilte }}", "tên “tilte” không có trong dữ liệu báo cáo") in messages
    assert any(tag == "{{ note.txt }}" and "“txt” không có trong Paragraph" in m
               for tag, m in messages)
    assert places["{{ tilte }}"].startswith("đoạn ")
    assert any("{{ place_date" in tag and "không có đủ dấu mở và đóng" in m
               for tag, m in messages)
    assert any("thiếu phần “recipients”" in m for _, m in messages)
    assert all(p.severity == "error" for p in problems)
    assert set(REQUIRED_NAMES) >= {"recipients", "sections", "appendix"}


def test_the_office_owns_its_wording_and_order(tmp_path: Path) -> None:
    doc = _template()
    _paragraph(doc, "-----").runs[0].text = "*****"  # type: ignore[attr-defined]
    data = _bytes(doc)
    rendered = build_report(load(SEED / "dataset.toml"),
                            from_report_meta(read_meta(SEED / "meta.toml")), template=data)
    assert "*****" in [p.text for p in rendered.paragraphs]


@pytest.mark.usefixtures("vietnamese")
def test_the_rendered_report_reads_back_to_the_computed_one() -> None:
    report = _seed_report()
    rendered = build_report(load(SEED / "dataset.toml"),
                            from_report_meta(read_meta(SEED / "meta.toml")))
    texts = [p.text for p in rendered.paragraphs]
    for paragraph in report.paragraphs():  # type: ignore[attr-defined]
        prefix = f"{paragraph.number}. " if paragraph.number else ""
        assert prefix + paragraph.text in texts or f"- {paragraph.text}" in texts, \
            paragraph.text
    for section in report.sections:  # type: ignore[attr-defined]
        assert f"{section.number}. {section.heading.upper()}" in texts
    table = next(t for t in rendered.tables if t.rows[0].cells[1].text == "Loại lớp")
    cells = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert cells == [[c.text for c in row] for row in report.appendix.rows]  # type: ignore
    # Bold spans of the office's Markdown stay bold.
    bold = [r.text for p in rendered.paragraphs for r in p.runs if r.bold]
    assert "Tăng cường quán triệt" in bold


def test_the_context_schema_is_published_and_describes_the_report() -> None:
    assert json.loads(SCHEMA.read_text("utf-8")) == context_schema()
    data = json.loads(json.dumps(report_data(_seed_report())))  # type: ignore[arg-type]
    jsonschema.validate(data, context_schema())
    assert "rich" in context_schema()["$defs"]["Paragraph"]["properties"]


def _fonts(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}


@pytest.mark.slow
def test_libreoffice_shows_the_report_in_one_serif_font_with_the_datas_figures(
    tmp_path: Path,
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdffonts") is None:
        pytest.skip("LibreOffice (soffice) or poppler (pdffonts) is not installed")
    out = tmp_path / "bao-cao-2017"
    assert main(["report", str(SEED / "dataset.toml"), "--meta", str(SEED / "meta.toml"),
                 "-o", str(out)]) == 0
    docx = out / "report.docx"
    for kind in ("pdf", "txt:Text (encoded):UTF8"):
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--headless", "--convert-to", kind, "--outdir", str(tmp_path),
                        str(docx)], check=True, capture_output=True, timeout=180)
    # One Times-metric serif family with every Vietnamese glyph: no fallback font.
    fonts = _fonts(tmp_path / "report.pdf")
    families = {re.sub(r"-(Bold|Italic|BoldItalic)$", "", f) for f in fonts}
    assert len(families) == 1, fonts
    assert families <= {"LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman", "Tinos"}, fonts
    # LibreOffice's text of the report holds every sentence of the results, with their
    # figures, as computed from the data.
    text = " ".join((tmp_path / "report.txt").read_text("utf-8").split())
    report = _seed_report()
    results = report.section("results")  # type: ignore[attr-defined]
    for paragraph in results.paragraphs:
        assert " ".join(paragraph.text.split()) in text
        for figure in paragraph.figures:
            assert figure.text in text


def test_the_word_page_shows_the_reports_first_two_pages_and_a_notice_small() -> None:
    page = (ROOT / "docs" / "word.md").read_text("utf-8")
    for picture in ("report-page1.png", "report-page2.png", "notice-page1.png"):
        assert f"(img/{picture})" in page
        path = ROOT / "docs" / "img" / picture
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size < 150 * 1024, picture
    assert "cadretrain report examples/dang-uy-khoi-2017/dataset.toml" in page
    assert "pdftoppm -png -r 60 -f 1 -l 2 report.pdf" in page


@pytest.mark.usefixtures("vietnamese")
@settings(max_examples=8, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(datasets(max_classes=4, max_class_groups=1, max_plans=3))
def test_property_the_word_report_of_any_dataset_reads_back_to_its_figures(
    dataset: Dataset,
) -> None:
    roots = [o for o in dataset.organizations if o.parent is None]
    years = sorted({c.start.year for c in dataset.classes}) or [2020]
    meta = ReportMeta(issuer=roots[0].name if roots else "X", year=years[-1])
    report = compute_report(dataset, to_report_meta(meta))
    rendered = build_report(dataset, meta, report=report)
    texts = [p.text for p in rendered.paragraphs]
    results = report.section("results")
    for paragraph in results.paragraphs if results else ():
        assert paragraph.text in texts
    table = next(t for t in rendered.tables if t.rows[0].cells[1].text == "Loại lớp")
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        [c.text for c in row] for row in report.appendix.rows]


def test_the_report_command_refuses_a_broken_template_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    doc = _template()
    _paragraph(doc, "{{ title }}").runs[0].text = "{{ tilte }}"  # type: ignore[attr-defined]
    template = tmp_path / "mau.docx"
    template.write_bytes(_bytes(doc))
    out = tmp_path / "bao-cao"
    status = main(["report", str(SEED / "dataset.toml"), "--meta", str(SEED / "meta.toml"),
                   "--template", str(template), "-o", str(out), "--lang", "vi"])
    assert status == 1
    assert not out.exists() or not any(out.iterdir())
    err = capsys.readouterr().err
    index = _body_index(doc, '{{ tilte }}')
    assert f"{template}: đoạn {index}: lỗi: «{{{{ tilte }}}}»" in err
    assert f"{template}: mẫu có 1 lỗi; không ghi tệp nào" in err
    # the same check in English, from the template command
    assert main(["template", "docx", "--check", str(template), "--lang", "en"]) == 1
    out_err = capsys.readouterr()
    assert f"{template}: paragraph {index}: error: «{{{{ tilte }}}}» the name “tilte” is not " \
        "in the report's data" in out_err.err
    assert out_err.out == f"{template}: 1 error, 0 warnings\n"
    assert main(["template", "docx", "--check", str(template), "--lang", "vi"]) == 1
    assert capsys.readouterr().out == f"{template}: 1 lỗi, 0 cảnh báo\n"


def test_layout_options_set_the_page_of_the_template_rendered_report(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert main(["export", str(SEED / "dataset.toml"), "--to", "docx", "--meta",
                 str(SEED / "meta.toml"), "--option", "margin_left_mm=35", "-o",
                 str(out)]) == 0
    assert round(Document(str(out)).sections[0].left_margin.mm) == 35
