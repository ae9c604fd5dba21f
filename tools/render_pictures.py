"""Make the pictures of the documents and workbooks shown on the docs (docs/img/).

Run ``python tools/render_pictures.py`` (LibreOffice and poppler-utils
installed) after changing what a document or a workbook looks like. It writes
each document the way the docs say (the examples' own commands), prints it
with LibreOffice to PDF and takes the page (or, for a sheet, the printed part
of its first page) as a PNG.

LibreOffice shows a workbook's numbers with the separators of its locale
setting, as Excel shows them with those of Windows' regional format: the
workbook's ``0.0%`` is ``162,5%`` for a Vietnamese office and ``162.5%`` in
an English one. So LibreOffice runs here with a profile of its own whose locale
is vi-VN (``ooSetupSystemLocale``), the setting a user in a party office has
("Tools > Options > Language Settings > Languages > Locale setting", or
Windows' "Vietnamese (Vietnam)" format for Excel), whatever the machine's own
locale is. The Word documents print their figures as text, the same in any
locale.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
SEED = ROOT / "examples" / "dang-uy-khoi-2017"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"

#: A LibreOffice profile whose locale is Vietnamese (Vietnam).
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale"
 oor:op="fuse"><value>vi-VN</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale"
 oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>
"""


def vietnamese_profile(directory: Path) -> str:
    """A LibreOffice user installation in ``directory`` with the vi-VN locale;
    the ``-env:UserInstallation=`` argument that uses it."""
    user = directory / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    return f"-env:UserInstallation={directory.as_uri()}"


def to_pdf(document: Path, profile: str, out: Path) -> Path:
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir",
                    str(out), str(document)], check=True, capture_output=True, timeout=300)
    pdf = out / (document.stem + ".pdf")
    if not pdf.is_file():
        raise SystemExit(f"LibreOffice wrote no {pdf}")
    return pdf


def page_png(pdf: Path, page: int, target: Path, dpi: int = 60) -> None:
    """The whole page ``page`` of ``pdf``."""
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True, timeout=120)


def printed_part_png(pdf: Path, page: int, target: Path, dpi: int = 100,
                     max_height: int | None = None, margin: int = 6) -> None:
    """The part of page ``page`` of ``pdf`` that holds ink (a sheet prints in a
    corner of its page), at most ``max_height`` pixels from its top."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(raw)], check=True, timeout=120)
        left, top, right, bottom = _ink(raw.with_suffix(".pgm").read_bytes())
    x, y = max(left - margin, 0), max(top - margin, 0)
    width, height = right - x + margin, bottom - y + margin
    if max_height is not None:
        height = min(height, max_height)
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-x", str(x), "-y", str(y), "-W", str(width), "-H", str(height),
                    "-singlefile", str(pdf), str(stem)], check=True, timeout=120)


def _ink(pgm: bytes) -> tuple[int, int, int, int]:
    """The box (left, top, right, bottom) of the pixels that are not white in a
    binary PGM image (pdftoppm -gray)."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:  # magic, width, height, maxval
        while pgm[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not pgm[end:end + 1].isspace():
            end += 1
        fields.append(pgm[pos:end])
        pos = end
    width, height = int(fields[1]), int(fields[2])
    pixels = pgm[pos + 1:]
    rows = [y for y in range(height) if min(pixels[y * width:(y + 1) * width]) < 250]
    if not rows:
        raise SystemExit("the page is blank")
    columns = [min(pixels[y * width + x] for y in rows[::2]) for x in range(width)]
    inked = [x for x, value in enumerate(columns) if value < 250]
    return inked[0], rows[0], inked[-1] + 1, rows[-1] + 1


def cadretrain(*args: str, cwd: Path) -> None:
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("LANGUAGE", None)  # in Vietnamese, as a user runs it
    subprocess.run([sys.executable, "-m", "cadretrain", *args], cwd=cwd, env=env, check=True,
                   capture_output=True, timeout=600)


def main() -> int:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (LibreOffice, poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        profile = vietnamese_profile(work / "libreoffice")
        # The report pack of the 2017 example (docs/word.md, docs/guide.vi.md).
        cadretrain("report", str(SEED / "dataset.toml"), "--meta", str(SEED / "meta.toml"),
                   "-o", "bao-cao-2017", "--no-notices", cwd=work)
        report = to_pdf(work / "bao-cao-2017" / "report.docx", profile, work)
        page_png(report, 1, IMG / "report-page1.png")
        page_png(report, 2, IMG / "report-page2.png")
        workbook = to_pdf(work / "bao-cao-2017" / "workbook.xlsx", profile, work)
        printed_part_png(workbook, 1, IMG / "excel-ke-hoach-thuc-hien.png")
        # The roster and the result notices of a class of the fictional agency.
        for kind, name in (("roster", "danh-sach"), ("notices", "thong-bao")):
            cadretrain("export", str(SAMPLE), "--to", "docx", "--document", kind, "--option",
                       "class=nvctd-2025", "-o", f"{name}.docx", cwd=work)
        page_png(to_pdf(work / "danh-sach.docx", profile, work), 1, IMG / "roster-page1.png")
        page_png(to_pdf(work / "thong-bao.docx", profile, work), 1, IMG / "notice-page1.png")
        # The empty template's guide sheet (its first sheet), the top of its first page.
        cadretrain("template", "xlsx", "-o", "mau.xlsx", cwd=work)
        printed_part_png(to_pdf(work / "mau.xlsx", profile, work), 1,
                         IMG / "template-guide.png", dpi=80, max_height=520)
    for picture in sorted(IMG.glob("*.png")):
        print(f"{picture.relative_to(ROOT)}: {picture.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
