"""The documentation site builds with ``mkdocs build --strict``, so that a broken link,
a missing page or a docstring naming nothing fails the tests, not only the site.

mkdocs and mkdocstrings are in the ``test`` extra: these tests never skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REPO_URL = "https://github.com/cadretrain/cadretrain"


def _build(config: Path, site: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
         "--site-dir", str(site)],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "site"
    done = _build(ROOT / "mkdocs.yml", out)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    # Strict mode turns warnings into a failure; make sure none slipped through anyway.
    assert "WARNING" not in done.stderr, done.stderr
    return out


def _config() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _nav_pages(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_pages(value)]
    return [p for item in nav for p in _nav_pages(item)]


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _text(page: Path) -> str:
    """The visible text of a built page, white space collapsed."""
    parser = _TextParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", "".join(parser.parts))


def _built(site: Path, page: str) -> Path:
    # use_directory_urls: model.md is model/index.html, index.md is index.html.
    stem = page.removesuffix(".md")
    return site / "index.html" if stem == "index" else site / stem / "index.html"


def test_the_build_is_strict() -> None:
    config = _config()
    assert config["strict"] is True
    # Loosening these would let broken links through; they stay at "warn" (an error
    # under --strict).
    assert set(config["validation"].values()) == {"warn"}, config["validation"]


def test_every_page_is_in_the_nav_and_built(site: Path) -> None:
    pages = sorted(str(p.relative_to(DOCS)) for p in DOCS.glob("**/*.md"))
    nav = _nav_pages(_config()["nav"])
    assert sorted(nav) == pages
    for page in nav:
        built = _built(site, page)
        assert built.is_file(), page
        source_title = (DOCS / page).read_text(encoding="utf-8").splitlines()[0]
        assert source_title.startswith("# "), page
        assert source_title[2:].strip().replace("`", "") in _text(built), page


def test_the_api_reference_is_generated_from_the_docstrings(site: Path) -> None:
    page = site / "api" / "index.html"
    raw = page.read_text(encoding="utf-8")
    text = _text(page)
    # A class of the model with its docstring and its fields.
    assert 'id="cadretrain.model.ClassRecord"' in raw
    assert "One run of a course type (a lớp)." in text
    assert 'id="cadretrain.model.ClassRecord.learner_count"' in raw
    # Every module the page names is rendered with its own docstring's first line.
    compact = re.sub(r"\s", "", text)
    modules = re.findall(r"^::: ([\w.]+)", (DOCS / "api.md").read_text(encoding="utf-8"), re.M)
    assert "cadretrain.pack" in modules
    for module in modules:
        if module != "cadretrain":
            assert f'id="{module}"' in raw, module
        doc = __import__(module, fromlist=["__doc__"]).__doc__
        assert doc is not None, module
        first_line = doc.strip().splitlines()[0].replace("``", "")
        first_line = re.sub(r":\w+:`~?([\w.]+)`", lambda m: m.group(1).split(".")[-1], first_line)
        assert re.sub(r"\s", "", first_line) in compact, (module, first_line)
    # Sphinx roles are turned into links (the extension in tools/), not shown raw.
    assert not re.search(r":(mod|func|class|data|attr|meth|exc):", text)
    assert re.search(r'<a class="autorefs autorefs-internal"[^>]*href="#cadretrain\.model\.'
                     r'ClassGroup"><code>ClassGroup</code></a>', raw)
    # A #: comment is an attribute's docstring: the enum values' Vietnamese terms.
    assert "The version of the dataset file format this library writes and reads." in text
    assert "đảng viên mới" in text
    # Private modules and names are left out.
    assert 'id="cadretrain._version"' not in raw
    assert 'id="cadretrain.attainment._' not in raw


def test_a_docstring_naming_nothing_fails_the_build(tmp_path: Path) -> None:
    # The same configuration over a copy of the package whose catalog docstring names
    # a function that does not exist.
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "cadretrain", src / "cadretrain")
    catalog = src / "cadretrain" / "catalog.py"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        '"""The built-in catalog', '"""See :func:`course_catalogue`. The built-in catalog', 1),
        encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# API\n\n::: cadretrain.catalog\n", encoding="utf-8")
    config = _config()
    config.update(docs_dir=str(docs), nav=[{"API": "index.md"}])
    python = config["plugins"][1]["mkdocstrings"]["handlers"]["python"]
    python["paths"] = [str(src)]
    python["options"]["extensions"] = [
        str(ROOT / ext) for ext in python["options"]["extensions"]
    ]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                         encoding="utf-8")
    done = _build(tmp_path / "mkdocs.yml", tmp_path / "site", cwd=tmp_path)
    assert done.returncode != 0
    assert "cross-reference :func:`course_catalogue` names nothing" in done.stderr
    assert "catalog.py:1" in done.stderr

    # The same page with the docstring as it is builds.
    shutil.copy(ROOT / "src" / "cadretrain" / "catalog.py", catalog)
    done = _build(tmp_path / "mkdocs.yml", tmp_path / "site", cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_links_into_the_repository_name_files_that_exist() -> None:
    # Files outside docs/ are linked on the repository; mkdocs cannot check those.
    found = []
    for page in DOCS.glob("**/*.md"):
        for kind, path in re.findall(
            rf"{re.escape(REPO_URL)}/(blob|tree|raw)/main/([^)\s#]+)",
            page.read_text(encoding="utf-8"),
        ):
            found.append(path)
            target = ROOT / path
            assert target.is_dir() if kind == "tree" else target.is_file(), (page.name, path)
    assert len(found) >= 4, found


def test_pictures_exist_and_stay_small() -> None:
    pictures = []
    for page in DOCS.glob("**/*.md"):
        for path in re.findall(r"!\[[^\]]*\]\(([^)\s]+)", page.read_text(encoding="utf-8")):
            picture = (page.parent / path).resolve()
            assert picture.is_file(), (page.name, path)
            assert picture.stat().st_size < 150_000, (page.name, path, picture.stat().st_size)
            pictures.append(picture)
    assert len(pictures) >= 2


def test_every_benchmark_has_its_figures_on_the_benchmarks_page() -> None:
    page = (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    scripts = sorted(p.name for p in (ROOT / "benchmarks").glob("bench_*.py"))
    assert len(scripts) >= 4
    sections = re.split(r"^## ", page, flags=re.M)[1:]
    for script in scripts:
        (section,) = [s for s in sections if s.splitlines()[0].endswith(f"(`{script}`)")]
        # A table of figures, and the date they were measured on.
        assert re.search(r"^\|.*\d.*\|$", section, re.M), script
        assert re.search(r"\b20\d\d-\d\d-\d\d\b", section), script
