"""The documentation site builds with ``mkdocs build --strict``, so that a broken link,
a missing page or a docstring naming nothing fails the tests, not only the site.

mkdocs and mkdocstrings are in the ``test`` extra: these tests never skip.
"""

from __future__ import annotations

import os
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
    # NO_MKDOCS_2_WARNING: Material's banner about its end of life (May 2027) and its
    # successor, printed on every build; it is news, not a problem of these docs.
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
         "--site-dir", str(site)],
        cwd=cwd, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
    stem = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return site / stem / "index.html"


def test_the_build_is_strict() -> None:
    config = _config()
    assert config["strict"] is True
    # Loosening these would let broken links through; they stay at "warn" (an error
    # under --strict).
    assert set(config["validation"].values()) == {"warn"}, config["validation"]


def _translations() -> list[Path]:
    """The Vietnamese pages: ``PAGE.vi.md`` beside ``PAGE.md`` (the i18n plugin's
    suffix structure)."""
    return sorted(DOCS.glob("**/*.vi.md"))


def test_every_page_is_in_the_nav_and_built(site: Path) -> None:
    pages = sorted(str(p.relative_to(DOCS)) for p in DOCS.glob("**/*.md")
                   if not p.name.endswith(".vi.md"))
    nav = _nav_pages(_config()["nav"])
    assert sorted(nav) == pages
    for page in nav:
        built = _built(site, page)
        assert built.is_file(), page
        source_title = (DOCS / page).read_text(encoding="utf-8").splitlines()[0]
        assert source_title.startswith("# "), page
        assert source_title[2:].strip().replace("`", "") in _text(built), page
        # The Vietnamese site has every page: its translation, or the English one.
        translated = DOCS / page.replace(".md", ".vi.md")
        source = translated if translated.is_file() else DOCS / page
        title = source.read_text(encoding="utf-8").splitlines()[0][2:].strip().replace("`", "")
        built_vi = _built(site / "vi", page)
        assert title in _text(built_vi), (page, "vi")
        assert '<html lang="vi"' in built_vi.read_text(encoding="utf-8"), page


def test_every_translation_has_its_english_page_and_the_switch_links_them(site: Path) -> None:
    translations = _translations()
    assert {DOCS / "index.vi.md", DOCS / "guide.vi.md"} <= set(translations), translations
    for page in translations:
        english = page.with_name(page.name.replace(".vi.md", ".md"))
        assert english.is_file(), page
        stem = str(english.relative_to(DOCS)).removesuffix(".md")
        raw = _built(site / "vi", str(english.relative_to(DOCS))).read_text(encoding="utf-8")
        # Material's language switch, filled in by the i18n plugin: this page in English.
        target = "/" if stem == "index" else f"/{stem}/"
        assert re.search(rf'hreflang="en"[^>]*href="[./]*{re.escape(target.lstrip("/"))}"'
                         rf'|href="[./]*{re.escape(target.lstrip("/"))}"[^>]*hreflang="en"',
                         raw), page
        assert "Tiếng Việt" in raw and "English" in raw


def _api_tool() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_api_reference",
                                                  ROOT / "tools" / "gen_api_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_api_pages_are_those_the_package_makes() -> None:
    tool = _api_tool()
    assert tool.stale(tool.pages()) == [], (
        "docs/api/ or its nav is stale: run python tools/gen_api_reference.py")


def test_every_public_module_has_its_api_page() -> None:
    # Found by importing the package (not by the tool's static reading): a module
    # moved or added without a page fails here.
    import pkgutil

    import cadretrain

    tool = _api_tool()
    found = {m.name for m in pkgutil.walk_packages(cadretrain.__path__, "cadretrain.")}
    public = {name for name in found | {"cadretrain"} if tool.is_public(name)}
    pages = {p.name.removesuffix(".md") for p in (DOCS / "api").glob("*.md")} - {"index"}
    assert public == pages
    assert "cadretrain.pack" in pages and "cadretrain.rules" in pages
    # Every module left out as internal exists (a stale entry hides nothing).
    assert set(tool.INTERNAL) <= found, set(tool.INTERNAL) - found


def test_an_old_path_kept_for_a_release_gets_no_api_page(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _api_tool()
    package = tmp_path / "src" / "cadretrain"
    package.mkdir(parents=True)
    (package / "old.py").write_text(
        '"""Moved to cadretrain.new."""\nimport warnings\n\nwarnings.warn("cadretrain.old '
        'is now cadretrain.new", DeprecationWarning, stacklevel=2)\n'
        "from cadretrain.new import *  # noqa\n", encoding="utf-8")
    (package / "new.py").write_text('"""New."""\nimport warnings\n\n\ndef f() -> None:\n'
                                    '    warnings.warn("x", DeprecationWarning)\n',
                                    encoding="utf-8")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    assert not tool.is_public("cadretrain.old")
    assert tool.is_public("cadretrain.new")  # warns about something, defines a function


def test_the_api_reference_is_generated_from_the_docstrings(site: Path) -> None:
    import importlib

    tool = _api_tool()
    api = site / "api"
    raw = (api / "cadretrain" / "index.html").read_text(encoding="utf-8")
    text = _text(api / "cadretrain" / "index.html")
    # A record is documented under the module it is imported from, with its docstring,
    # its fields and its keyword-only constructor (attrs generates it; the docs'
    # griffe extension shows it).
    assert 'id="cadretrain.ClassRecord"' in raw
    assert "One run of a course type (a lớp)." in text
    assert 'id="cadretrain.ClassRecord.learner_count"' in raw
    assert re.search(r"Organization\( \*, id: str, name: str, kind: OrganizationKind, parent: "
                     r"str \| None = None,", text), text[:2000]
    # The module defining it links there.
    model = (api / "cadretrain.model" / "index.html").read_text(encoding="utf-8")
    assert "documented where they are imported from" in model
    assert re.search(r'href="\.\./cadretrain/#cadretrain\.Organization"', model)
    assert 'id="cadretrain.model.Organization"' not in model
    every = {}
    for module in sorted(p.name for p in api.iterdir() if p.is_dir()):
        page = api / module / "index.html"
        every[module] = html = page.read_text(encoding="utf-8")
        doc = importlib.import_module(module).__doc__
        assert doc is not None, module
        first_line = doc.strip().splitlines()[0].replace("``", "")
        first_line = re.sub(r":\w+:`~?([\w.]+)`", lambda m: m.group(1).split(".")[-1],
                            first_line)
        assert re.sub(r"\s", "", first_line) in re.sub(r"\s", "", _text(page)), module
        # Each name the page is to document is there (the others are linked to the
        # page of the module they are imported from).
        source = (DOCS / "api" / f"{module}.md").read_text(encoding="utf-8")
        listed = re.search(r"members: \[(.*)\]", source)
        for name in (listed.group(1).split(", ") if listed else []):
            assert f'id="{module}.{name}"' in html, (module, name)
        # No private helper, no source lines, no attrs machinery in a default.
        assert not re.search(r'id="[\w.]*\._(?!_)', html), module  # dunders are public
        assert "Source code in" not in html and "= field(" not in html, module
    assert {"cadretrain", "cadretrain.pack", "cadretrain.rules"} <= set(every)
    # Nothing is documented twice.
    ids = [i for html in every.values() for i in re.findall(r'<h\d id="([\w.]+)"', html)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert "cadretrain.Dataset" in ids and "cadretrain.model.Dataset" not in ids
    assert tool.homes(tool.public_modules(tool.load()))["cadretrain.model.Dataset"] == (
        "cadretrain")
    # Sphinx roles are turned into links (the extension in tools/), not shown raw.
    assert not re.search(r":(mod|func|class|data|attr|meth|exc):", text)
    assert re.search(r'<a class="autorefs autorefs-internal"[^>]*href="[^"]*#cadretrain\.'
                     r'ClassGroup"><code>ClassGroup</code></a>', raw)
    # A #: comment is an attribute's docstring: the enum values' Vietnamese terms.
    assert "The version of the dataset file format this library writes and reads." in text
    assert "đảng viên mới" in text
    assert not (api / "cadretrain._version").exists()


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
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    (plugin,) = [p for p in config["plugins"] if isinstance(p, dict) and "mkdocstrings" in p]
    python = plugin["mkdocstrings"]["handlers"]["python"]
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


# ------------------------------------------------------------ the site as it is read

def test_nothing_is_loaded_from_the_internet_when_the_site_is_read(site: Path) -> None:
    # Party networks are often closed: no web fonts, no highlighter or script from a CDN,
    # no repository facts. Links (<a href>) are fine; what the browser fetches is not.
    fetched = re.compile(r'<(?:script|img|iframe|source)\b[^>]*\bsrc="(https?:)?//'
                         r'|<link\b[^>]*\bhref="(https?:)?//')
    for page in site.glob("**/*.html"):
        raw = page.read_text(encoding="utf-8")
        assert not fetched.search(raw), (page, fetched.search(raw))
    for sheet in site.glob("assets/**/*.css"):
        css = sheet.read_text(encoding="utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css), sheet


def test_code_is_highlighted_when_the_site_is_built(site: Path) -> None:
    raw = (site / "getting-started" / "index.html").read_text(encoding="utf-8")
    # Pygments' spans are in the page itself (kn: a keyword of import, nn: a name).
    assert '<div class="language-python highlight"><pre><span></span><code>' in raw
    assert '<span class="kn">import</span>' in raw
    assert not re.search(r"highlight(\.min)?\.js|hljs", raw)


def test_the_search_index_has_the_folded_words(site: Path) -> None:
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]
    assert index["config"]["pipeline"] == []
    assert "folded" in index["config"]["fields"]
    (glossary,) = [d for d in index["docs"] if d["location"] == "model/#glossary"]
    assert "nợ bằng" in glossary["text"]
    assert {"no", "bang", "dao", "tao"} <= set(glossary["folded"].split())
    # The API reference ranks below the guides.
    api = [d for d in index["docs"] if d["location"].startswith("api/")]
    assert api and all(d["boost"] < 1 for d in api)
    assert all("boost" not in d or d["boost"] >= 1 for d in index["docs"] if d not in api)


def test_folding_takes_every_mark_off() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from search_vi import fold, folded_words
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert fold("Nợ bằng, Đảng ủy, thường xuyên, chuyên viên cao cấp, Ưu tiên") == (
        "No bang, Dang uy, thuong xuyen, chuyen vien cao cap, Uu tien")
    # Decomposed text (as some keyboards type it) folds the same.
    import unicodedata
    assert fold(unicodedata.normalize("NFD", "nợ bằng")) == "no bang"
    # Only the words that change, once each, in lower case; tags left out.
    assert folded_words("<code>nợ</code> nợ bằng class Đảng") == "no bang dang"


@pytest.fixture(scope="module")
def browser(site: Path) -> Any:
    from chromium import Browser, find_chromium, serve

    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs Debian's chromium; it is missing")
        pytest.skip("no chromium here (.ci/run installs Debian's)")
    server, base = serve(site)
    chromium = Browser(executable)
    try:
        yield chromium, base
    finally:
        chromium.close()
        server.terminate()
        server.wait()


# Material opens its search with the query of ?q= and lists the results; wait for them.
_RESULTS = """new Promise(done => { const start = Date.now(); (function poll() {
  const links = [...document.querySelectorAll('.md-search-result__item a')];
  if (links.length || Date.now() - start > 15000)
    done(links.map(a => new URL(a.href).pathname + new URL(a.href).hash));
  else setTimeout(poll, 100); })(); })"""


def _search(browser: Any, path: str, query: str) -> list[str]:
    chromium, base = browser
    session = chromium.open(f"{base}{path}?q={query}")
    links: list[str] = chromium.evaluate(session, _RESULTS, timeout=30)
    return links


def _pages(links: list[str]) -> list[str]:
    return list(dict.fromkeys(link.split("#")[0] for link in links))


@pytest.mark.slow
def test_search_finds_two_letter_vietnamese_syllables(browser: Any) -> None:
    links = _search(browser, "/", "nợ bằng")
    assert "/model/" in _pages(links)[:4], _pages(links)
    assert "/model/#glossary" in links, links
    # "nợ" alone: two letters, kept whole.
    assert "/model/#glossary" in _search(browser, "/", "nợ")
    # The Vietnamese site searches the same index.
    assert "/model/#glossary" in _search(browser, "/vi/", "nợ bằng")


@pytest.mark.slow
def test_search_finds_vietnamese_typed_without_marks(browser: Any) -> None:
    # Without marks "bang" is also bảng (a table) and băng: the glossary is among the
    # pages found, not necessarily first.
    links = _search(browser, "/", "no bang")
    assert "/model/#glossary" in links, links
    assert "/model/" in _pages(links)[:8], _pages(links)
    assert "/model/#glossary" in _search(browser, "/", "dao tao boi duong")


@pytest.mark.slow
def test_search_typed_decomposed_finds_what_composed_finds(browser: Any) -> None:
    # Some keyboards send "ợ" as o + U+031B + U+0323 (NFD); the site and its index
    # are NFC (docs/javascripts/search-nfc.js composes the query).
    import unicodedata

    for query in ("nợ bằng", "Đảng ủy", "bồi dưỡng"):
        decomposed = unicodedata.normalize("NFD", query)
        assert decomposed != query
        composed_links = _search(browser, "/", query)
        assert composed_links, query
        assert _search(browser, "/", decomposed) == composed_links, query
    assert "/model/#glossary" in _search(browser, "/vi/", unicodedata.normalize("NFD", "nợ"))


@pytest.mark.slow
def test_the_browser_shows_highlighted_code_with_a_copy_button(browser: Any) -> None:
    chromium, base = browser
    session = chromium.open(f"{base}/getting-started/")
    colours = chromium.evaluate(session, """(() => {
      const code = document.querySelector('.language-python.highlight code');
      const keyword = code.querySelector('span.kn');
      const name = code.querySelector('span.nn');
      return [getComputedStyle(code).color, getComputedStyle(keyword).color,
              getComputedStyle(name).color];
    })()""")
    plain, keyword, name = colours
    assert keyword != plain and len({plain, keyword, name}) >= 2, colours
    # Material adds a copy button to each code block once the page has started.
    copy = chromium.evaluate(session, """new Promise(done => { const start = Date.now();
      (function poll() {
        const n = document.querySelectorAll('pre button[data-md-type=copy]').length;
        if (n || Date.now() - start > 15000) done(n); else setTimeout(poll, 100); })(); })""")
    blocks = chromium.evaluate(session, "document.querySelectorAll('div.highlight pre').length")
    assert copy == blocks >= 3, (copy, blocks)


@pytest.mark.slow
def test_the_browser_fetches_nothing_from_outside(browser: Any) -> None:
    chromium, base = browser
    for path in ("/", "/api/", "/vi/", "/model/"):
        # Wait for the search to have run: its index is among what the page fetched.
        chromium.evaluate(chromium.open(f"{base}{path}?q=nợ"), _RESULTS, timeout=30)
    outside = [url for url in chromium.requested_urls()
               if not url.startswith((base, "data:", "about:", "blob:"))]
    assert outside == []
    assert any(url.endswith("search_index.json") for url in chromium.requested_urls())
