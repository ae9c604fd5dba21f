"""Exporter discovery for real: throwaway distributions (a ``.dist-info`` directory
with ``entry_points.txt`` on the path, which is how importlib.metadata finds
installed distributions), run through the ``cadretrain`` command in a subprocess.
Nothing here patches the entry-point table."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from cadretrain.exporters import INTERFACE_VERSION, notice_groups
from cadretrain.model import Dataset
from cadretrain.testing import datasets

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"

GOOD = """
from cadretrain.exporters import Exporter, ExportOption

def _export(context, document, options, out):
    if options.get("fail") == "yes":
        out.write(b"half of a file")
        raise RuntimeError("the printer caught fire")
    out.write(f"{{context.library_version}} {{len(context.dataset.people)}}".encode())

EXPORTER = Exporter(name={name!r}, description="people count", extension=".txt",
                    media_type="text/plain", documents=("count",), export=_export,
                    options=({option},), interface_version={version})
"""
OPTION = 'ExportOption(name="fail", help="fail on purpose")'


def _distribution(site: Path, dist: str, version: str, name: str, *,
                  body: str | None = None, interface: int = INTERFACE_VERSION) -> None:
    """Install a one-module distribution ``dist`` whose entry point ``name`` is
    ``<module>:EXPORTER`` into the directory ``site``."""
    module = dist.replace("-", "_")
    code = body if body is not None else GOOD.format(name=name, option=OPTION,
                                                     version=interface)
    (site / f"{module}.py").write_text(textwrap.dedent(code), encoding="utf-8")
    info = site / f"{module}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        f"[cadretrain.exporters]\n{name} = {module}:EXPORTER\n", encoding="utf-8")


def _run(site: Path, *args: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "CADRETRAIN_NO_PLUGINS"}
    environ.update({"PYTHONPATH": str(site), **(env or {})})
    return subprocess.run([sys.executable, "-m", "cadretrain", *args], env=environ,
                          capture_output=True, text=True, timeout=60, check=False)


def test_a_broken_plugin_is_reported_and_the_others_keep_working(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _distribution(site, "people-count", "1.2", "count")
    _distribution(site, "broken-plugin", "0.3", "broken",
                  body="import no_such_module_anywhere\n")
    _distribution(site, "exiting-plugin", "0.1", "exiting", body="import sys\nsys.exit(3)\n")
    listing = _run(site, "exporters")
    assert listing.returncode == 0, listing.stderr
    assert "count  (.txt, text/plain)  from people-count 1.2" in listing.stdout
    assert "json  (.json, application/json)  from cadretrain" in listing.stdout
    broken = [line for line in listing.stdout.splitlines() if "'broken'" in line]
    assert len(broken) == 1
    assert "broken-plugin 0.3" in broken[0]
    assert "no_such_module_anywhere" in broken[0]
    exiting = [line for line in listing.stdout.splitlines() if "'exiting'" in line]
    assert exiting == ["  exporter 'exiting' from exiting-plugin 0.1: SystemExit: 3"]

    out = tmp_path / "n.txt"
    done = _run(site, "export", str(SAMPLE), "--to", "count", "-o", str(out))
    assert done.returncode == 0, done.stderr
    import cadretrain

    dataset = cadretrain.load(SAMPLE)
    assert out.read_text() == f"{cadretrain.__version__} {len(dataset.people)}"

    refused = _run(site, "export", str(SAMPLE), "--to", "broken", "-o", str(tmp_path / "b"))
    assert refused.returncode == 2
    assert "broken-plugin 0.3" in refused.stderr and "no_such_module_anywhere" in refused.stderr
    assert not (tmp_path / "b").exists()

    strict = _run(site, "exporters", "--strict-plugins")
    assert strict.returncode == 1
    assert "broken-plugin 0.3" in strict.stderr
    strict_export = _run(site, "export", str(SAMPLE), "--to", "count", "-o", str(tmp_path / "s"),
                         "--strict-plugins")
    assert strict_export.returncode == 1
    assert not (tmp_path / "s").exists()


def test_two_plugins_claiming_one_name_are_both_named(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _distribution(site, "first-dist", "1.0", "same")
    _distribution(site, "second-dist", "2.0", "same")
    listing = _run(site, "exporters")
    assert listing.returncode == 0
    lines = [line for line in listing.stdout.splitlines() if "'same'" in line]
    assert lines and all("first-dist 1.0" in x and "second-dist 2.0" in x for x in lines)
    refused = _run(site, "export", str(SAMPLE), "--to", "same", "-o", str(tmp_path / "x"))
    assert refused.returncode == 2
    assert "first-dist 1.0" in refused.stderr and "second-dist 2.0" in refused.stderr


def test_a_plugin_for_another_interface_version_is_told_so(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _distribution(site, "old-plugin", "0.1", "old", interface=INTERFACE_VERSION - 1)
    _distribution(site, "new-plugin", "9.0", "new", interface=INTERFACE_VERSION + 1)
    listing = _run(site, "exporters")
    old = next(x for x in listing.stdout.splitlines() if "'old'" in x)
    new = next(x for x in listing.stdout.splitlines() if "'new'" in x)
    assert "old-plugin 0.1" in old and "older exporter interface" in old
    assert f"version {INTERFACE_VERSION - 1}" in old
    assert "new-plugin 9.0" in new and "newer exporter interface" in new


def test_third_party_exporters_can_be_turned_off(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _distribution(site, "people-count", "1.2", "count")
    for args, env in ((("exporters", "--no-plugins"), None),
                      (("exporters",), {"CADRETRAIN_NO_PLUGINS": "1"})):
        listing = _run(site, *args, env=env)
        assert listing.returncode == 0
        assert "people-count" not in listing.stdout
        assert "json  (.json" in listing.stdout
        assert "third-party exporters are turned off" in listing.stdout
    refused = _run(site, "export", str(SAMPLE), "--to", "count", "-o", str(tmp_path / "x"),
                   "--no-plugins")
    assert refused.returncode == 2
    assert "turned off" in refused.stderr


def test_a_plugin_failing_while_exporting_leaves_the_target_untouched(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _distribution(site, "people-count", "1.2", "count")
    out = tmp_path / "out" / "n.txt"
    out.parent.mkdir()
    out.write_bytes(b"last year's report")
    failed = _run(site, "export", str(SAMPLE), "--to", "count", "-o", str(out),
                  "--option", "fail=yes")
    assert failed.returncode == 1
    assert "'count' (people-count 1.2)" in failed.stderr
    assert "the printer caught fire" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert out.read_bytes() == b"last year's report"
    assert sorted(p.name for p in out.parent.iterdir()) == ["n.txt"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(max_people=8, max_classes=3))
def test_result_notices_hold_each_learner_once_under_their_sending_organization(
        dataset: Dataset) -> None:
    for record in dataset.classes:
        groups = notice_groups(dataset, record)
        orgs = [org for org, _ in groups]
        assert len(orgs) == len(set(orgs))
        for org, enrollments in groups:
            assert enrollments and all(e.sending_organization == org for e in enrollments)
        flat = [e for _, enrollments in groups for e in enrollments]
        assert sorted(map(id, flat)) == sorted(map(id, record.enrollments or ()))
        # Learners keep their roster order within a notice.
        for org, enrollments in groups:
            mine = [e for e in record.enrollments or () if e.sending_organization == org]
            assert list(enrollments) == mine


def test_listing_exporters_imports_no_document_library(tmp_path: Path) -> None:
    code = ("import sys; from cadretrain.exporters import available_exporters as a; "
            "names = [i.exporter.name for i in a(plugins=False)]; "
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'openpyxl')); "
            "print(','.join(names)); print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True, cwd=tmp_path)
    names, heavy = done.stdout.splitlines()
    assert "json" in names.split(",")
    assert heavy == "[]"


def test_a_plugin_that_ends_the_process_cannot_take_the_built_ins_down(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    marker = tmp_path / "imported"
    _distribution(site, "people-count", "1.2", "count")
    # Ends the interpreter on import, past any exception handler; leaves a mark first.
    _distribution(site, "killer-plugin", "6.6", "killer",
                  body=f"import os\nopen({str(marker)!r}, 'w').close()\nos._exit(7)\n")
    listing = _run(site, "exporters")
    assert listing.returncode == 0, listing.stderr
    assert "json  (.json, application/json)  from cadretrain" in listing.stdout
    assert "count  (.txt, text/plain)  from people-count 1.2" in listing.stdout
    assert ("  exporter 'killer' from killer-plugin 6.6: ended the process while loading "
            "(exit status 7)") in listing.stdout.splitlines()
    # Only the exporter asked for is imported: the killer is never loaded.
    marker.unlink()
    out = tmp_path / "d.json"
    done = _run(site, "export", str(SAMPLE), "--to", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    assert not marker.exists()


BILINGUAL = """
from cadretrain.exporters import Exporter, ExportOption

EXPORTER = Exporter(
    name="count", description="people count", extension=".txt", media_type="text/plain",
    documents=("count",), export=lambda context, document, options, out: None,
    description_by_language={"vi": "đếm số người", "en": "people count"},
    options=(ExportOption(name="fail", help="fail on purpose",
                          help_by_language={"vi": "cố ý báo lỗi"}),),
)
"""


def test_a_plugin_is_described_in_the_language_of_the_listing(tmp_path: Path) -> None:
    # A plugin gives its description (and its options' help) in both languages; the
    # listing, made in a child process, shows the one of the rest of its lines.
    site = tmp_path / "site"
    site.mkdir()
    _distribution(site, "people-count", "1.2", "count", body=BILINGUAL)
    vi = _run(site, "exporters", "--lang", "vi")
    assert vi.returncode == 0, vi.stderr
    lines = vi.stdout.splitlines()
    at = lines.index("count  (.txt, text/plain)  của people-count 1.2")
    assert lines[at + 1:at + 4] == ["    đếm số người", "    văn bản: count",
                                    "    --option fail=...  cố ý báo lỗi"]
    # cadretrain's own exporters follow too
    assert "    Văn bản Word theo thể thức văn bản của Đảng (36-HD/VPTW): báo cáo tổng hợp, " \
        "danh sách học viên một lớp, thông báo kết quả học tập gửi từng đơn vị cử học" in lines
    en = _run(site, "exporters", "--lang", "en")
    lines = en.stdout.splitlines()
    at = lines.index("count  (.txt, text/plain)  from people-count 1.2")
    # an option help without English falls back to the plugin's own text
    assert lines[at + 1:at + 4] == ["    people count", "    documents: count",
                                    "    --option fail=...  fail on purpose"]
    assert not any("thông báo" in line for line in lines)


def test_describe_chooses_the_language_then_the_catalog_then_the_text() -> None:
    from cadretrain import i18n
    from cadretrain.exporters import Exporter, available_exporters

    docx = {i.exporter.name: i.exporter for i in available_exporters(plugins=False)}["docx"]
    assert docx.describe("en").startswith("Word documents in the party format")
    assert docx.describe("vi").startswith("Văn bản Word theo thể thức")
    with i18n.language("vi"):
        assert docx.describe() == docx.describe("vi")
        assert docx.options[0].describe() == "lớp của danh sách hoặc của thông báo (mã lớp)"
    plain = Exporter(name="x", description="own words", extension=".x", media_type="x/x",
                     documents=("x",), export=lambda *a: None,
                     description_by_language={"en": "English words"})
    assert plain.describe("vi") == "own words" and plain.describe("en") == "English words"
    assert hash(plain) == hash(plain)  # still a hashable record
