"""The Word report and the JSON export made in a forked process beside the
workbook (issue 17 item 4): the same files as in one process, every step
reported, and a failure there as clear as in one process, the earlier pack
left whole."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from pathlib import Path

import pytest

import cadretrain
from cadretrain.exporters import ExportError
from cadretrain.exporters import json as json_exporter
from cadretrain.model import Dataset
from cadretrain.pack import build_pack

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the documents are made in forked processes")


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return cadretrain.load(SAMPLE)


def test_two_processes_write_the_same_pack_as_one(
        tmp_path: Path, sample: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    pids = tmp_path / "pids"
    encode = json_exporter._encode

    def watched(*args: object) -> object:  # which process makes the JSON export
        with pids.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return encode(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(json_exporter, "_encode", watched)
    pack = build_pack(sample, notices=False)
    steps: list[tuple[str, int, int]] = []
    alone = pack.write(tmp_path / "alone", processes=1)
    shared = pack.write(tmp_path / "shared", processes=2,
                        step=lambda label, done, total: steps.append((label, done, total)))
    assert [p.name for p in shared] == [p.name for p in alone] == [
        "report.docx", "workbook.xlsx", "data.json"]
    assert _digests(tmp_path / "shared") == _digests(tmp_path / "alone")
    # One process made the JSON export alone; with two, another one did.
    made_by = list(dict.fromkeys(pids.read_text().split()))
    assert made_by[0] == str(os.getpid()) and len(made_by) == 2
    assert steps == [("the Word summary report", 1, 3), ("the Excel workbook", 2, 3),
                     ("the JSON export", 3, 3)]


def test_a_json_export_failing_in_the_other_process_leaves_the_earlier_pack(
        tmp_path: Path, sample: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pack"
    pack = build_pack(sample, notices=False)
    pack.write(out, processes=1)
    before = _digests(out)

    def failing(*args: object) -> object:
        raise RuntimeError("disk quota exceeded")

    monkeypatch.setattr(json_exporter, "_encode", failing)  # inherited by the fork
    with pytest.raises(ExportError, match=r"'json'.*disk quota exceeded"):
        pack.write(out, processes=2)
    assert _digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]  # no staging left
