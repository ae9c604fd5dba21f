"""The report pack is all or nothing, written as it is made, and can be narrowed.

Issue 16 item 5 (staging, kill tests) and issue 17 items 1-3 (lookups built
once per pack, choosing what to write, the count warning).
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

import cadretrain
from cadretrain import pack as pack_module
from cadretrain import staging
from cadretrain.cli import main
from cadretrain.exporters import ExportError, discover
from cadretrain.exporters.api import ExportContext, ReportMeta
from cadretrain.exporters.run import export_bytes
from cadretrain.lookups import index_of as lookups
from cadretrain.model import ClassRecord, Dataset, Enrollment, Organization, Person
from cadretrain.pack import SelectionError, build_pack, subtree

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"
SEED = ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` and a digest of its bytes."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _beside(root: Path) -> list[str]:
    return sorted(p.name for p in root.parent.iterdir() if p.name != root.name)


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return cadretrain.load(SAMPLE)


def test_the_pack_replaces_the_earlier_one_as_a_whole(tmp_path: Path, sample: Dataset) -> None:
    out = tmp_path / "pack"
    build_pack(sample, classes=["dvm-2025a"]).write(out)
    assert (out / "notices" / "dvm-2025a").is_dir()
    # Written again without notices: the directory holds this pack only, no
    # stale notices of the earlier one; nothing is left beside it.
    written = build_pack(sample, notices=False).write(out)
    assert sorted(p.name for p in out.iterdir()) == ["data.json", "report.docx",
                                                      "workbook.xlsx"]
    assert list(written) == [out / "report.docx", out / "workbook.xlsx", out / "data.json"]
    assert _beside(out) == []


def test_a_failure_part_way_leaves_the_earlier_pack_whole(
    tmp_path: Path, sample: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "pack"
    build_pack(sample, notices=False).write(out)
    before = _snapshot(out)
    # The disk fills up at the 20th file.
    real_create = staging.Staging.create
    made = []

    def create(self: staging.Staging, path: Path):  # type: ignore[no-untyped-def]
        made.append(path)
        if len(made) == 20:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_create(self, path)

    monkeypatch.setattr(staging.Staging, "create", create)
    with pytest.raises(OSError, match="No space left"):
        build_pack(sample, classes=["dvm-2025a", "cnkt-2025"]).write(out)
    assert _snapshot(out) == before
    assert _beside(out) == []  # the staging directory is gone


def test_a_failing_notice_leaves_the_earlier_pack_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack"
    assert main(["report", str(SAMPLE), "-o", str(out), "--no-notices"]) == 0
    before = _snapshot(out)
    from cadretrain.exporters.docx import notices as docx_notice

    real = docx_notice.notice_docx
    calls = []

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("printer on fire")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(docx_notice, "notice_docx", failing)
    capsys.readouterr()
    assert main(["report", str(SAMPLE), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "exporter 'docx'" in err and "printer on fire" in err and "Traceback" not in err
    assert _snapshot(out) == before and _beside(out) == []


def test_a_crash_between_the_two_renames_is_undone_on_the_next_run(
    tmp_path: Path, sample: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "pack"
    build_pack(sample, notices=False).write(out)
    before = _snapshot(out)
    real_rename = os.rename
    renames = []

    def rename(src: str, dst: str) -> None:
        renames.append((src, dst))
        if len(renames) == 2:  # the earlier pack is aside, the new one not yet in place
            raise KeyboardInterrupt  # as if killed here: nothing after runs normally
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    # The cleanup of an interrupted block would put it back; a kill runs no
    # cleanup, so undo what the handler did to see what a kill leaves.
    with pytest.raises(KeyboardInterrupt):
        build_pack(sample, classes=["dvm-2025a"]).write(out)
    monkeypatch.setattr(os, "rename", real_rename)
    assert _snapshot(out) == before  # the handler put the earlier pack back
    # Now leave the state a kill leaves: earlier pack aside, staging complete.
    aside = out.parent / f".{out.name}.cadretrain-old-999999999-dead"
    real_rename(out, aside)
    left_staging = out.parent / f".{out.name}.cadretrain-new-999999999-dead"
    left_staging.mkdir()
    (left_staging / "report.docx").write_bytes(b"half")
    staging.recover(out)
    assert _snapshot(out) == before and _beside(out) == []


def test_leftovers_of_a_live_process_are_not_touched(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    mine = tmp_path / f".pack.cadretrain-new-{os.getppid()}-x"  # a live process: the parent
    mine.mkdir()
    gone = tmp_path / ".pack.cadretrain-new-999999999-x"
    gone.mkdir()
    staging.recover(out)
    assert mine.exists() and not gone.exists()


def test_a_directory_with_other_files_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "my-notes.txt").write_text("mine", "utf-8")
    assert main(["report", str(SEED), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"cadretrain: {out}: holds files that are not a report pack's (my-notes.txt)" in err
    assert [p.name for p in out.iterdir()] == ["my-notes.txt"]


def test_the_pack_directory_gets_an_ordinary_mode(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    old = os.umask(0o022)
    try:
        build_pack(cadretrain.load(SEED)).write(out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o755
    assert (out / "report.docx").stat().st_mode & 0o777 == 0o644


# ------------------------------------------------------------ choosing


def test_notices_of_chosen_classes_and_organizations(sample: Dataset) -> None:
    everything = build_pack(sample)
    assert everything.notice_count == 70
    one = build_pack(sample, classes=["dvm-2025a", "dvm-2025a"])
    assert [c for c, _ in one.notices] == ["dvm-2025a"]
    record = lookups(sample).classes["dvm-2025a"]
    assert set(one.notices[0][1]) == {e.sending_organization for e in record.enrollments or ()}
    # An organization and its subtree: every notice goes to one of them.
    root = "db-vp"
    below = subtree(lookups(sample), root)
    assert len(below) > 1
    narrowed = build_pack(sample, notices_for=root)
    expected = {(c, o) for c, orgs in everything.notices for o in orgs if o in below}
    assert {(c, o) for c, orgs in narrowed.notices for o in orgs} == expected
    assert 0 < narrowed.notice_count < everything.notice_count
    assert build_pack(sample, notices=False).notices == ()
    with pytest.raises(SelectionError, match=r"--class nope: no such class"):
        build_pack(sample, classes=["nope"])
    with pytest.raises(SelectionError, match=r"--notices-for nope: no such organization"):
        build_pack(sample, notices_for="nope")


def test_the_cli_narrows_the_notices_and_refuses_unknown_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack"
    assert main(["report", str(SAMPLE), "-o", str(out), "--class", "cnkt-2025",
                 "--notices-for", "db-vp"]) == 0
    found = sorted(str(p.relative_to(out / "notices")) for p in (out / "notices").rglob("*"))
    sample = cadretrain.load(SAMPLE)
    below = subtree(lookups(sample), "db-vp")
    orgs = sorted({e.sending_organization for e in lookups(sample).classes["cnkt-2025"]
                   .enrollments or () if e.sending_organization in below})
    assert found == ["cnkt-2025"] + [f"cnkt-2025/{o}.docx" for o in orgs]
    capsys.readouterr()
    assert main(["report", str(SAMPLE), "-o", str(tmp_path / "x"), "--class", "nope"]) == 2
    assert "cadretrain: --class nope: no such class" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    assert main(["report", str(SAMPLE), "-o", str(tmp_path / "x"), "--notices-for", "x"]) == 2
    assert "cadretrain: --notices-for x: no such organization" in capsys.readouterr().err


def test_a_large_pack_says_how_many_notices_before_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    one = ["--class", "dvm-2025a", "--notices-for", "db-vp"]
    count = build_pack(cadretrain.load(SAMPLE), classes=one[1:2], notices_for="db-vp") \
        .notice_count
    assert count >= 2
    monkeypatch.setattr(pack_module, "NOTICE_WARNING", count)
    assert main(["report", str(SAMPLE), "-o", str(tmp_path / "p"), *one]) == 0
    assert "result notices (more than" not in capsys.readouterr().err
    monkeypatch.setattr(pack_module, "NOTICE_WARNING", count - 1)
    assert main(["report", str(SAMPLE), "-o", str(tmp_path / "p"), *one]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        f"cadretrain: this pack holds {count} result notices (more than {count - 1}) of 1 "
        "class(es); to write fewer: --no-notices, --class ID (repeatable) or --notices-for ORG")


# ------------------------------------------------------------ kill tests

_KILL_RUNS = 3


@pytest.mark.slow
def test_killed_at_random_points_the_earlier_pack_stays_whole(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    command = [sys.executable, "-m", "cadretrain", "report", str(SAMPLE), "-o", str(out),
               "--class", "dvm-2025a"]
    subprocess.run([*command, "--no-notices"], check=True, capture_output=True)
    before = _snapshot(out)
    began = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    full = time.monotonic() - began
    after = _snapshot(out)
    assert set(after) > set(before)
    subprocess.run([*command, "--no-notices"], check=True, capture_output=True)
    assert set(_snapshot(out)) == set(before)
    before = _snapshot(out)
    chance = random.Random(17)
    outcomes = []
    for _ in range(_KILL_RUNS):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.3, full))
        process.send_signal(signal.SIGKILL)
        process.wait()
        # Killed between its two renames, the run leaves no DIR for an
        # instant, the earlier pack whole beside it: what the next run does
        # first puts it back.
        staging.recover(out)
        now = _snapshot(out)
        # Whole earlier pack, or whole new pack: never a mix, never a part.
        # (Byte-equal to the earlier run's files except the dated parts of
        # documents, so the new pack is recognized by its file names.)
        assert now == before or set(now) == set(after), sorted(set(now) ^ set(before))[:5]
        outcomes.append("old" if now == before else "new")
        # The next run cleans what the killed one left and writes a whole pack.
        subprocess.run([*command, "--no-notices"], check=True, capture_output=True)
        assert _beside(out) == []
        before = _snapshot(out)
    assert "old" in outcomes  # at least one kill landed before the swap


# ------------------------------------------------------------ lookups


def _dataset(people: int) -> Dataset:
    """One class of 12 learners from one branch, and ``people`` others around it."""
    orgs = [Organization(id="root", name="Đảng bộ", kind="party-committee")]
    orgs += [Organization(id=f"b{i:05d}", name=f"Chi bộ {i}", kind="branch", parent="root")
             for i in range(max(1, people // 20))]
    persons = [Person(id=f"p{i:07d}", full_name=f"Nguyễn Văn {i}",
                      organization=orgs[1 + i % (len(orgs) - 1)].id) for i in range(people)]
    learners = [Person(id=f"l{i:02d}", full_name=f"Trần Thị {i}", organization="b00000")
                for i in range(12)]
    target = ClassRecord(id="target", course_type="dang-vien-moi", start=date(2025, 3, 2),
                         end=date(2025, 3, 6), host="root",
                         enrollments=tuple(Enrollment(person=p.id, sending_organization="b00000")
                                           for p in learners))
    others = [ClassRecord(id=f"c{i:05d}", course_type="dang-vien-moi", start=date(2025, 4, 1),
                          end=date(2025, 4, 3), host="root",
                          enrollments=tuple(Enrollment(person=persons[(i * 10 + k) % people].id,
                                                       sending_organization=persons[
                                                           (i * 10 + k) % people].organization)
                                            for k in range(10)))
              for i in range(people // 10)]
    return Dataset(organizations=tuple(orgs), people=tuple(persons + learners),
                   classes=(*others, target))


def _lines_run(fn: object) -> int:
    """How many lines of Python run while ``fn()`` runs (comprehensions over a
    dataset's sections run one line per record)."""
    count = 0

    def trace(frame: object, event: str, arg: object) -> object:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        fn()  # type: ignore[operator]
    finally:
        sys.settrace(None)
    return count


@pytest.mark.slow
def test_a_notice_costs_the_same_in_a_dataset_fifty_times_larger() -> None:
    found = discover(plugins=False)
    work = []
    for people in (2_000, 100_000):
        dataset = _dataset(people)
        context = ExportContext(dataset=dataset, meta=ReportMeta(issuer="Đảng ủy"), year=2025)
        options = {"class": "target", "organization": "b00000"}
        export_bytes(found.get("docx"), context, "notices", options)  # lookups built once
        work.append(_lines_run(lambda c=context, o=options: export_bytes(  # type: ignore[misc]
            found.get("docx"), c, "notices", o)))
    small, large = work
    # Building the lookups inside a notice would add ~100,000 lines at the large size.
    assert large < small * 1.1 + 1_000, work


def test_the_subtree_of_an_organization(sample: Dataset) -> None:
    parents = {o.id: o.parent for o in sample.organizations}

    def under_cqm(org: str | None) -> bool:
        while org is not None and org != "cqm":
            org = parents[org]
        return org == "cqm"

    assert subtree(lookups(sample), "cqm") == {o.id for o in sample.organizations
                                               if under_cqm(o.id)}


def test_an_unknown_class_of_the_docx_exporter_is_still_an_export_error(
    sample: Dataset,
) -> None:
    context = ExportContext(dataset=sample, meta=ReportMeta(issuer="X"), year=2025)
    with pytest.raises(ExportError, match="not in the dataset"):
        export_bytes(discover(plugins=False).get("docx"), context, "notices",
                     {"class": "nope"})


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="worker processes are forked")
def test_notices_made_by_worker_processes_are_the_same(
    tmp_path: Path, sample: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    monkeypatch.setattr(pack_module, "_CHUNK", 3)  # several tasks from a small pack
    pack = build_pack(sample, classes=["dvm-2025a", "cnkt-2025"])
    assert pack.notice_count >= 6
    steps: list[int] = []
    alone = pack.write(tmp_path / "alone", processes=1)
    shared = pack.write(tmp_path / "shared", processes=2,
                        step=lambda label, done, total: steps.append(done))
    assert [p.relative_to(tmp_path / "shared") for p in shared] == [
        p.relative_to(tmp_path / "alone") for p in alone]
    assert steps == list(range(1, len(shared) + 1))
    for one, other in zip(alone[3:], shared[3:], strict=True):
        with zipfile.ZipFile(one) as a, zipfile.ZipFile(other) as b:
            assert a.namelist() == b.namelist()
            assert all(a.read(n) == b.read(n) for n in a.namelist()), one
    assert _beside(tmp_path / "shared") == ["alone"]
