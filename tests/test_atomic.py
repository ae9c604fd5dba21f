"""Writing files (issue 16 items 7 and 8): every writer goes through
:mod:`cadretrain.atomic`, so files get the mode open() gives and the same input
gives the same bytes."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadretrain.atomic import (
    ZIP_EPOCH,
    atomic_writer,
    document_time,
    reproducible_zip,
    write_atomically,
)
from cadretrain.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "examples" / "dang-uy-khoi-2017"
SEED = SEED_DIR / "dataset.toml"
SEED_META = SEED_DIR / "meta.toml"  # dated 2018-01-15


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.usefixtures("umask_022")
def test_every_command_writes_files_with_the_mode_open_gives(tmp_path: Path) -> None:
    assert main(["template", "xlsx", "-o", str(tmp_path / "mau.xlsx")]) == 0
    assert main(["export", str(SEED), "--to", "xlsx", "-o", str(tmp_path / "b.xlsx")]) == 0
    assert main(["export", str(SEED), "--to", "json", "-o", str(tmp_path / "d.json")]) == 0
    assert main(["schema", "-o", str(tmp_path / "s.json")]) == 0
    assert main(["report", str(SEED), "--meta", str(SEED_META), "-o", str(tmp_path / "r")]) == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == 7
    assert {p.name: _mode(p) for p in written} == {p.name: 0o644 for p in written}
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "b.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert main(["export", str(SEED), "--to", "xlsx", "-o", str(target)]) == 0
    assert _mode(target) == 0o640
    assert zipfile.is_zipfile(target)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    target.write_bytes(b"old")

    class Full(OSError):
        pass

    with pytest.raises(Full), atomic_writer(target) as handle:
        handle.write(b"PK\x03\x04 half")
        raise Full("disk full")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["x.docx"]


def test_a_zip_that_is_not_one_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "x.zip"
    with pytest.raises(zipfile.BadZipFile):
        write_atomically(target, b"PK\x03\x04 not a zip")
    assert os.listdir(tmp_path) == []


def test_the_same_input_gives_byte_identical_files(tmp_path: Path) -> None:
    for run in ("a", "b"):
        assert main(["report", str(SEED), "--meta", str(SEED_META),
                     "-o", str(tmp_path / run / "pack")]) == 0
        for to, name in (("xlsx", "b.xlsx"), ("docx", "b.docx"), ("json", "b.json")):
            assert main(["export", str(SEED), "--to", to, "--meta", str(SEED_META),
                         "-o", str(tmp_path / run / name)]) == 0
        assert main(["template", "xlsx", "-o", str(tmp_path / run / "mau.xlsx")]) == 0
    first, second = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert len(first) == 7
    assert first == second


def _member_times(path: Path) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(path) as archive:
        return {info.date_time for info in archive.infolist()}


def _core_dates(path: Path) -> list[str]:
    import re

    with zipfile.ZipFile(path) as archive:
        core = archive.read("docProps/core.xml").decode()
    return re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core)


def test_documents_carry_the_reports_date(tmp_path: Path) -> None:
    assert main(["report", str(SEED), "--meta", str(SEED_META), "-o", str(tmp_path)]) == 0
    for name in ("report.docx", "workbook.xlsx"):
        assert _member_times(tmp_path / name) == {(2018, 1, 15, 0, 0, 0)}
        assert _core_dates(tmp_path / name) == ["2018-01-15T00:00:00Z"] * 2


def test_source_date_epoch_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    assert main(["export", str(SEED), "--to", "docx", "--meta", str(SEED_META),
                 "-o", str(tmp_path / "r.docx")]) == 0
    assert _member_times(tmp_path / "r.docx") == {(2023, 11, 14, 22, 13, 20)}
    assert _core_dates(tmp_path / "r.docx") == ["2023-11-14T22:13:20Z"] * 2


def test_document_time() -> None:
    assert document_time(date(2018, 3, 5)) == datetime(2018, 3, 5)
    assert document_time(None) == ZIP_EPOCH
    assert document_time(date(1975, 1, 1)) == ZIP_EPOCH  # a zip holds nothing earlier


def test_notices_inside_a_zip_are_reproducible_too(tmp_path: Path) -> None:
    sample = ROOT / "examples" / "co-quan-mau" / "dataset.json"
    out = []
    for run in ("a", "b"):
        target = tmp_path / f"{run}.zip"
        assert main(["export", str(sample), "--to", "docx", "--document", "notices",
                     "--option", "class=nvctd-2025", "--option", "split=true",
                     "--year", "2025", "-o", str(target)]) == 0
        out.append(target.read_bytes())
        with zipfile.ZipFile(target) as archive:
            inner = archive.read(archive.namelist()[0])
        assert _member_times_bytes(inner) == {(2025, 12, 31, 0, 0, 0)}
    assert out[0] == out[1]


def _member_times_bytes(content: bytes) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {info.date_time for info in archive.infolist()}


_member_names = st.text(st.characters(codec="utf-8", exclude_characters="/\\\x00"),
                        min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(members=st.dictionaries(_member_names, st.tuples(st.binary(max_size=3000),
                                                          st.sampled_from([zipfile.ZIP_STORED,
                                                                           zipfile.ZIP_DEFLATED]),
                                                          st.datetimes(datetime(1980, 1, 1),
                                                                       datetime(2100, 1, 1))),
                               max_size=6),
       when=st.datetimes(datetime(1980, 1, 1), datetime(2100, 12, 31)))
def test_a_reproducible_zip_holds_the_same_members_dated_once(
        members: dict[str, tuple[bytes, int, datetime]], when: datetime) -> None:
    def zipped(shift: int) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, (data, method, moment) in members.items():
                stamp = (moment.year + shift % 2, *moment.timetuple()[1:6])
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = method
                info.external_attr = (0o600 + shift) << 16
                archive.writestr(info, data)
        return buffer.getvalue()

    out = io.BytesIO()
    reproducible_zip(io.BytesIO(zipped(0)), out, when)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        assert archive.testzip() is None
        assert [i.filename for i in archive.infolist()] == list(members)
        assert {n: archive.read(n) for n in archive.namelist()} == {
            n: m[0] for n, m in members.items()}
        assert [i.compress_type for i in archive.infolist()] == [m[1] for m in members.values()]
        assert {i.date_time for i in archive.infolist()} <= {
            (when.year, when.month, when.day, when.hour, when.minute, when.second // 2 * 2)}
    # Other dates and modes in the source give the same bytes; doing it again changes nothing.
    again = io.BytesIO()
    reproducible_zip(io.BytesIO(zipped(1)), again, when)
    assert again.getvalue() == out.getvalue()
    twice = io.BytesIO()
    reproducible_zip(io.BytesIO(out.getvalue()), twice, when)
    assert twice.getvalue() == out.getvalue()


def test_no_command_overwrites_its_own_input(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "ds.toml"
    data.write_bytes(SEED.read_bytes())
    before = data.read_bytes()
    assert main(["export", str(data), "--to", "json", "-o", str(data)]) == 2
    assert f"{data}: is the input {data}; write to another file" in capsys.readouterr().err
    # Through another spelling of the same path, and through a hard link.
    link = tmp_path / "link.toml"
    os.link(data, link)
    assert main(["export", str(data), "--to", "json", "-o", str(tmp_path / "." / "ds.toml")]) == 2
    assert main(["export", str(link), "--to", "json", "-o", str(data)]) == 2
    meta = tmp_path / "meta.toml"
    meta.write_bytes(SEED_META.read_bytes())
    assert main(["export", str(data), "--to", "docx", "--meta", str(meta), "-o", str(meta)]) == 2
    assert main(["report", str(data), "-o", str(tmp_path)]) == 2
    assert "holds the input" in capsys.readouterr().err
    assert data.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds.toml", "link.toml", "meta.toml"]


def test_an_extension_that_does_not_match_the_exporter_is_warned_about(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SEED), "--to", "json", "-o", str(tmp_path / "b.xlsx")]) == 0
    err = capsys.readouterr().err
    assert f"warning: {tmp_path / 'b.xlsx'}: the json exporter writes .json files, not .xlsx" in err
    assert main(["export", str(SEED), "--to", "json", "-o", str(tmp_path / "b.json")]) == 0
    assert "exporter writes" not in capsys.readouterr().err
