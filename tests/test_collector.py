"""The cycle collector is paused while a workbook or a JSON export is written,
and left as it was found afterwards, even when the export fails."""

from __future__ import annotations

import gc
import io
from pathlib import Path

import pytest

import cadretrain
from cadretrain._collector import paused
from cadretrain.exporters import json as json_exporter
from cadretrain.exporters.api import ExportContext, default_meta
from cadretrain.exporters.xlsx import workbook

SEED = Path(__file__).parent.parent / "examples" / "dang-uy-khoi-2017" / "dataset.toml"


def test_paused_sets_the_collector_back_as_found_even_on_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), paused():
        assert not gc.isenabled()
        1 / 0  # noqa: B018
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off: stays off
    finally:
        gc.enable()


def test_the_workbook_and_the_json_export_are_written_with_the_collector_paused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = cadretrain.read(SEED).dataset
    seen: list[tuple[str, bool]] = []
    source, encode = workbook._write_source, json_exporter._encode

    def watched_source(*args: object) -> None:
        seen.append(("workbook", gc.isenabled()))
        source(*args)  # type: ignore[arg-type]

    def watched_encode(*args: object) -> object:
        seen.append(("json", gc.isenabled()))
        return encode(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(workbook, "_write_source", watched_source)
    monkeypatch.setattr(json_exporter, "_encode", watched_encode)
    workbook.write_workbook(dataset, io.BytesIO())
    context = ExportContext(dataset=dataset, meta=default_meta(dataset))
    json_exporter.export_json(context, "full", {}, io.BytesIO())
    # _encode calls itself for nested values: every call saw the collector off.
    assert {kind for kind, _ in seen} == {"workbook", "json"}
    assert not any(enabled for _, enabled in seen)
    assert gc.isenabled()


def test_a_failing_workbook_leaves_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = cadretrain.read(SEED).dataset

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(workbook, "_write_source", broken)
    with pytest.raises(OSError, match="disk full"):
        workbook.write_workbook(dataset, io.BytesIO())
    assert gc.isenabled()
