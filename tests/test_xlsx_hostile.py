"""Malformed and hostile workbooks (issue 16, items 1 and 2): each class with
the smallest file that shows it. None may abort, exhaust memory, print a
traceback or reach the user as anything but a clear error naming the file
(and the sheet and cell where there is one).

The messages are asserted in Vietnamese, the default users see (each test runs
in Vietnamese, the commands with --lang vi); the last test reads them in English."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cadretrain import i18n
from cadretrain.cli import main
from cadretrain.hostile import DATE_STYLE, row, workbook
from cadretrain.problems import DatasetError
from cadretrain.readers.plain import DatasetFileError
from cadretrain.readers.xlsx import read_workbook

ORGS = "Tổ chức"
COUNTS = "Số đảng viên"
HEADER = row(1, ["Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc (mã)", "Tên viết tắt"])
ONE_ORG = HEADER + row(2, ["dv", "Đảng bộ Khối", "đảng bộ"])


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    with i18n.language("vi"):
        yield


def _write(tmp_path: Path, content: bytes, name: str = "w.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _refused(path: Path, match: str) -> DatasetFileError:
    with pytest.raises(DatasetFileError, match=match) as caught:
        read_workbook(path)
    assert str(path) in str(caught.value)
    return caught.value


def _problems(path: Path) -> dict[str, str]:
    with pytest.raises(DatasetError) as caught:
        read_workbook(path)
    return {p.path: p.message for p in caught.value.problems}


def test_the_smallest_workbook_reads(tmp_path: Path) -> None:
    loaded = read_workbook(_write(tmp_path, workbook([(ORGS, ONE_ORG)])))
    assert [o.id for o in loaded.dataset.organizations] == ["dv"]


# ------------------------------------------------------------ sizes (item 1)


def test_two_far_apart_cells_are_refused_before_any_grid(tmp_path: Path) -> None:
    # A few hundred bytes asking the reader for 1,048,576 × 16,384 cells
    # (hundreds of GiB): it aborted the process before.
    rows = HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = _write(tmp_path, workbook([(ORGS, rows)]))
    assert path.stat().st_size < 4000
    _refused(path, r"sheet Tổ chức: các ô trải trên 1.048.576 dòng × 16.384 cột, quá giới hạn")


def test_a_smaller_spread_is_refused_too(tmp_path: Path) -> None:
    # 900,000 rows × 26 columns = 23.4 million cells: gigabytes before the
    # old check (after the grid was built) refused it.
    rows = HEADER + '<row r="900000"><c r="Z900000"><v>1</v></c></row>'
    _refused(_write(tmp_path, workbook([(ORGS, rows)])), "900.000 dòng × 26 cột")


def test_a_column_past_excels_last_is_refused(tmp_path: Path) -> None:
    rows = HEADER + '<row r="2"><c r="XFE2"><v>1</v></c></row>'
    _refused(_write(tmp_path, workbook([(ORGS, rows)])), "16.385 cột")


def test_a_row_number_past_the_limit_is_refused(tmp_path: Path) -> None:
    # The reader asked for 39 GB here.
    rows = HEADER + '<row r="2"><c r="A99999999999"><v>1</v></c></row>'
    _refused(_write(tmp_path, workbook([(ORGS, rows)])), "99.999.999.999 dòng")


def test_cells_without_references_count_too(tmp_path: Path) -> None:
    # A row far down holding cells placed one after another.
    rows = HEADER + '<row r="1048000">' + "<c><v>1</v></c>" * 30 + "</row>"
    _refused(_write(tmp_path, workbook([(ORGS, rows)])), "quá giới hạn")


@pytest.mark.parametrize("cell", [
    '<c\tr="XFD1048576">', '<c\nr="XFD1048576">', '<c\r\nr="XFD1048576">',
    '<c  r="XFD1048576">', '<c s="0" r="XFD1048576">',
])
def test_a_far_cell_written_another_way_is_refused_among_plain_ones(
        tmp_path: Path, cell: str) -> None:
    # Rows and cells as Excel writes them (<row r="2">, <c r="A2">), and one
    # far cell whose reference is not right after its name: the quick check of
    # a sheet so written must not miss it.
    rows = (ONE_ORG + '<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row>'
            + f'<row r="4">{cell}<v>1</v></c></row>')
    _refused(_write(tmp_path, workbook([(ORGS, rows)])),
             "sheet Tổ chức: các ô trải trên .* quá giới hạn")


# ------------------------------------------------------------ the zip (item 2)


def _member_offset(content: bytes, name: str) -> tuple[zipfile.ZipInfo, int]:
    import io

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo(name)
    n, m = struct.unpack("<HH", content[info.header_offset + 26:info.header_offset + 30])
    return info, info.header_offset + 30 + n + m


SHEET = "xl/worksheets/sheet1.xml"


def test_a_bad_crc_is_a_clear_error(tmp_path: Path) -> None:
    content = workbook([(ORGS, ONE_ORG)], compression=zipfile.ZIP_STORED)
    content = content.replace("Đảng bộ Khối".encode(), "Đảng bộ KhốX".encode(), 1)
    _refused(_write(tmp_path, content), f"{SHEET}: sai mã kiểm tra CRC")


def test_corrupt_deflate_data_is_a_clear_error(tmp_path: Path) -> None:
    content = bytearray(workbook([(ORGS, ONE_ORG)]))
    _, start = _member_offset(bytes(content), SHEET)
    content[start] = 0xFF  # a deflate block of the reserved type 3
    _refused(_write(tmp_path, bytes(content)), f"{SHEET}: dữ liệu nén bị hỏng")


def _patch_central(content: bytes, name: str, offset: int, fmt: str, value: int) -> bytes:
    """Set a field of ``name``'s central directory entry (and of its local header
    when the field is in both)."""
    data = bytearray(content)
    at = data.find(b"PK\x01\x02" + b"", data.find(b"PK\x05\x06") - 2000)
    while at != -1:
        n = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + n] == name.encode():
            struct.pack_into(fmt, data, at + offset, value)
            local = struct.unpack("<I", data[at + 42:at + 46])[0]
            if offset in (8, 10, 20, 24):  # flags, method, compressed and full sizes
                struct.pack_into(fmt, data, local + offset - 2, value)
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(name)


def test_an_unsupported_compression_is_a_clear_error(tmp_path: Path) -> None:
    content = _patch_central(workbook([(ORGS, ONE_ORG)]), SHEET, 10, "<H", 99)
    _refused(_write(tmp_path, content), f"{SHEET}: kiểu nén 99 không được hỗ trợ")


def test_the_encrypted_flag_is_a_clear_error(tmp_path: Path) -> None:
    content = _patch_central(workbook([(ORGS, ONE_ORG)]), SHEET, 8, "<H", 1)
    _refused(_write(tmp_path, content), f"{SHEET} được mã hóa")


def test_an_old_or_password_protected_workbook_is_named_so(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    _refused(path, "tệp Excel cũ .*có mật khẩu")


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/x.xml", "xl\\x.xml", "a\x01.xml"])
def test_a_bad_member_name_is_a_clear_error(tmp_path: Path, name: str) -> None:
    content = workbook([(ORGS, ONE_ORG)], members={name: "<x/>"})
    _refused(_write(tmp_path, content), "tên thành phần không hợp lệ")


def test_a_repeated_member_is_refused(tmp_path: Path) -> None:
    # Which of the two would a reader take? The check and the reader must see the same.
    content = workbook([(ORGS, ONE_ORG)])
    import io

    buffer = io.BytesIO(content)
    with pytest.warns(UserWarning), zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(SHEET, "<worksheet/>")
    _refused(_write(tmp_path, buffer.getvalue()), "có hai lần")


def test_a_sheet_the_relationships_name_but_the_zip_lacks(tmp_path: Path) -> None:
    content = workbook([(ORGS, ONE_ORG)], leave_out=[SHEET])
    _refused(_write(tmp_path, content), f"sheet Tổ chức: tệp thiếu thành phần {SHEET}")


def test_xml_the_reader_refuses_is_a_clear_error(tmp_path: Path) -> None:
    # A shared-string index with no shared strings table.
    rows = HEADER + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>'
    _refused(_write(tmp_path, workbook([(ORGS, rows)])), "sheet Tổ chức: không đọc được")
    broken = workbook([(ORGS, ONE_ORG)], members={"xl/workbook.xml": "<workbook><sheets>"})
    _refused(_write(tmp_path, broken, "b.xlsx"), "xl/workbook.xml: XML không đọc được")


def test_a_member_that_inflates_past_its_declared_size(tmp_path: Path) -> None:
    content = workbook([(ORGS, ONE_ORG)])
    info, _ = _member_offset(content, SHEET)
    content = _patch_central(content, SHEET, 24, "<I", info.file_size - 10)
    _refused(_write(tmp_path, content), "giải nén ra nhiều hơn kích thước khai báo")


@pytest.mark.parametrize("name", ["customXml/item1.XML", "docProps/extra.bin", "xl/a.Rels"])
def test_a_doctype_is_refused_in_any_member(tmp_path: Path, name: str) -> None:
    bomb = '<?xml version="1.0"?><!doctype x [<!entity a "aaaa">]><x>&a;</x>'
    _refused(_write(tmp_path, workbook([(ORGS, ONE_ORG)], members={name: bomb})),
             "DOCTYPE/ENTITY")


def test_a_doctype_in_utf16_without_a_byte_order_mark_is_refused(tmp_path: Path) -> None:
    bomb = '<!DOCTYPE x [<!ENTITY a "a">]><x/>'.encode("utf-16-le")
    content = workbook([(ORGS, ONE_ORG)], members={"docProps/custom.xml": bomb})
    _refused(_write(tmp_path, content), "DOCTYPE/ENTITY")


# ------------------------------------------------------------ cells (item 2)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_data_sheet_is_read_with_a_warning(tmp_path: Path, state: str) -> None:
    rows = row(1, ["Mã tổ chức", "Ngày", "Số đảng viên"]) + row(2, ["dv", "01/01/2020", 12])
    path = _write(tmp_path, workbook([(ORGS, ONE_ORG), (COUNTS, rows)], states={COUNTS: state}))
    loaded = read_workbook(path)
    assert loaded.dataset.organizations[0].member_counts[0].members == 12
    [warning] = [w for w in loaded.warnings if w.path == COUNTS]
    assert ("sheet bị ẩn sâu" if state == "veryHidden" else
            "sheet bị ẩn; dữ liệu của nó vẫn được đọc") in warning.message


def test_error_cells_are_reported_at_their_cell_in_any_column(tmp_path: Path) -> None:
    rows = (row(1, ["Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc (mã)", "Tên viết tắt",
                    "Ghi chú"])
            + row(2, ["dv", "#N/A", "đảng bộ", None, "#REF!", "#DIV/0!"]))
    problems = _problems(_write(tmp_path, workbook([(ORGS, rows)])))
    assert problems["Tổ chức!B2"] == "ô có lỗi #N/A; sửa công thức hoặc xóa ô"
    assert problems["Tổ chức!E2"] == "ô có lỗi #REF!; sửa công thức hoặc xóa ô"
    assert problems["Tổ chức!F2"] == "ô có lỗi #DIV/0!; sửa công thức hoặc xóa ô"
    # The required name is not also reported as missing.
    assert len([p for p in problems if p.startswith("Tổ chức!B2")]) == 1


def test_a_date_cell_holding_nan_is_refused(tmp_path: Path) -> None:
    # The reader gave 30/12/1899 for it, silently.
    rows = (row(1, ["Mã tổ chức", "Ngày", "Số đảng viên"])
            + row(2, ["dv", "raw:<c r=\"B2\" s=\"1\"><v>NaN</v></c>", 12]))
    problems = _problems(_write(tmp_path, workbook([(ORGS, ONE_ORG), (COUNTS, rows)])))
    assert "không hữu hạn" in problems["Số đảng viên!B2"]


def test_a_date_cell_far_out_of_range_is_refused_without_a_panic(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # The reader panicked (a Rust panic, printed on stderr) on this one.
    rows = (row(1, ["Mã tổ chức", "Ngày", "Số đảng viên"])
            + row(2, ["dv", -1e300, 12], styles={1: DATE_STYLE}))
    path = _write(tmp_path, workbook([(ORGS, ONE_ORG), (COUNTS, rows)]))
    assert main(["validate", str(path), "--lang", "vi"]) == 1
    err = capfd.readouterr().err
    assert f"{path}: Số đảng viên!B2: ô ngày chứa số -1e+300 ngoài khoảng ngày" in err
    assert "panicked" not in err and "Traceback" not in err


def test_a_number_past_float_is_refused_at_its_cell(tmp_path: Path) -> None:
    rows = (row(1, ["Mã tổ chức", "Ngày", "Số đảng viên"])
            + row(2, ["dv", "01/01/2020", "raw:<c r=\"C2\"><v>1e309</v></c>"]))
    problems = _problems(_write(tmp_path, workbook([(ORGS, ONE_ORG), (COUNTS, rows)])))
    assert "không hữu hạn" in problems["Số đảng viên!C2"]


def test_the_command_line_says_which_file_with_status_2(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    content = _patch_central(workbook([(ORGS, ONE_ORG)]), SHEET, 10, "<H", 99)
    path = _write(tmp_path, content)
    for command in (["validate", str(path)], ["export", str(path), "--to", "json",
                                               "-o", str(tmp_path / "x.json")]):
        assert main([*command, "--lang", "vi"]) == 2
        err = capfd.readouterr().err
        assert err.startswith(f"cadretrain: {path}: {SHEET}: kiểu nén 99")
        assert "Traceback" not in err
        # the same in English: no Vietnamese word left in the line
        assert main([*command, "--lang", "en"]) == 2
        err = capfd.readouterr().err
        assert err == (f"cadretrain: {path}: {SHEET}: compression 99 is not supported (only "
                       "stored and deflate)\n")


def test_the_checks_speak_english_when_asked(tmp_path: Path) -> None:
    rows = (row(1, ["Mã tổ chức", "Tên tổ chức", "Loại", "Trực thuộc (mã)", "Tên viết tắt"])
            + row(2, ["dv", "#N/A", "đảng bộ"]))
    with i18n.language("en"):
        problems = _problems(_write(tmp_path, workbook([(ORGS, rows)])))
        assert problems["Tổ chức!B2"] == ("the cell shows the error #N/A; correct the formula "
                                          "or clear the cell")
        far = HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        _refused(_write(tmp_path, workbook([(ORGS, far)]), "far.xlsx"),
                 r"sheet Tổ chức: the cells spread over 1,048,576 rows × 16,384 columns, over "
                 r"the limit")
