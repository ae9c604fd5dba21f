"""The built-in ``json`` exporter: loads back to equal objects, matches its published schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadretrain
from cadretrain.cli import main
from cadretrain.exporters import ExportContext, ReportMeta, discover, export_bytes
from cadretrain.exporters.json import DOCUMENTS, load_export
from cadretrain.exporters.json_schema import export_schema, schema_text
from cadretrain.testing import datasets

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = ROOT / "schema" / "export.schema.json"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"
VALIDATOR = jsonschema.Draft202012Validator(
    export_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

metas = st.builds(
    ReportMeta,
    issuer=st.text(max_size=20), number=st.text(max_size=12), place=st.text(max_size=12),
    date=st.none() | st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    signer=st.text(max_size=20), year=st.none() | st.integers(2000, 2030),
).map(lambda m: cadretrain.converter.from_data(cadretrain.converter.to_data(m), ReportMeta))


def _json(context: ExportContext, document: str = "full") -> dict[str, object]:
    installed = discover(plugins=False).get("json")
    data: dict[str, object] = json.loads(export_bytes(installed, context, document))
    return data


@FAST
@given(datasets(max_people=6, max_classes=3), metas, st.none() | st.integers(2016, 2025),
       st.sampled_from(DOCUMENTS))
def test_an_export_loads_back_to_equal_objects_and_fits_the_schema(
        dataset: cadretrain.Dataset, meta: ReportMeta, year: int | None, document: str) -> None:
    context = ExportContext(dataset=dataset, meta=meta, year=year, on=date(2025, 6, 30))
    data = _json(context, document)
    VALIDATOR.validate(data)
    loaded = load_export(data)
    assert loaded.meta == meta
    assert (loaded.year, loaded.on, loaded.document) == (year, date(2025, 6, 30), document)
    assert loaded.cadretrain_version == cadretrain.__version__
    if document in ("full", "dataset"):
        assert loaded.dataset == dataset
    else:
        assert loaded.dataset is None
    if document in ("full", "attainment"):
        assert loaded.attainment == context.attainment
    if document in ("full", "findings"):
        assert loaded.findings == context.findings
        assert data["ruleset_version"] == context.findings.ruleset_version


def test_the_published_schema_is_current() -> None:
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text(), (
        "regenerate: python -m cadretrain.exporters.json_schema > schema/export.schema.json")


def test_the_published_schema_refuses_what_the_exporter_never_writes() -> None:
    context = ExportContext(dataset=cadretrain.load(SAMPLE), meta=ReportMeta(), year=2025)
    data = _json(context, "attainment")
    VALIDATOR.validate(data)
    broken = dict(data, attainment={**data["attainment"], "total": {}})  # type: ignore[dict-item]
    assert not VALIDATOR.is_valid(broken)
    assert not VALIDATOR.is_valid(dict(data, format_version=99))


def test_cli_export_json_of_the_sample(tmp_path: Path) -> None:
    meta = tmp_path / "meta.toml"
    meta.write_text('number = "12-BC/ĐUK"\nplace = "Hà Nội"\ndate = 2026-01-15\n',
                    encoding="utf-8")
    out = tmp_path / "out.json"
    status = main(["export", str(SAMPLE), "--to", "json", "-o", str(out), "--year", "2025",
                   "--meta", str(meta)])
    assert status == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    VALIDATOR.validate(data)
    dataset = cadretrain.load(SAMPLE)
    loaded = load_export(data)
    assert loaded.dataset == dataset
    # Fields absent from the meta file come from the dataset (root organization); the
    # title is left to the report, which states its period (not the dataset's title).
    root = next(o for o in dataset.organizations if o.parent is None)
    assert loaded.meta == ReportMeta(issuer=root.name, title="",
                                     number="12-BC/ĐUK", place="Hà Nội",
                                     date=date(2026, 1, 15), year=2025)
    # The tests run in English: the report too (Vietnamese under --lang vi, the default).
    assert data["report"]["title"] == "The results of training and retraining in the year 2025"
    assert loaded.on == date(2025, 12, 31)
    assert loaded.findings is not None
    assert data["ruleset_version"] == loaded.findings.ruleset_version


def test_a_bad_meta_file_names_every_bad_field(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"year": "năm nay", "signatory": "x"}), encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_bytes(b"old")
    status = main(["export", str(SAMPLE), "--to", "json", "-o", str(out), "--meta", str(meta)])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{meta}: signatory: unknown field" in err
    assert f"{meta}: year" in err
    assert out.read_bytes() == b"old"


@pytest.mark.parametrize(("extra", "status", "message"), [
    (["--document", "poster"], 1, "exporter 'json' writes full, dataset, attainment, findings, "
                                  "report; not 'poster'"),
    (["--option", "colour=red"], 1, "exporter 'json': unknown option colour (accepted: indent)"),
    (["--option", "indent=wide"], 1, "the indent option: 'wide' is not a whole number"),
    (["--to", "pdf"], 2, "no exporter named 'pdf'"),
])
def test_refused_exports_say_why_and_leave_the_target_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], status: int,
        message: str) -> None:
    out = tmp_path / "out.json"
    out.write_bytes(b"old")
    args = ["export", str(SAMPLE), "--to", "json", "-o", str(out), *extra]
    assert main(args) == status
    assert message in capsys.readouterr().err
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize("indent", ["2", "0", "4"])
def test_the_export_written_a_batch_at_a_time_is_the_one_text(
    indent: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The dataset's records are converted and encoded a batch at a time (the
    # memory of a national export); the file is what one json.dumps gives.
    from cadretrain.exporters import json as json_export

    monkeypatch.setattr(json_export, "_BATCH", 7)  # batches end inside every section
    for path in (SAMPLE, ROOT / "examples" / "dang-uy-khoi-2017" / "dataset.toml"):
        context = ExportContext(dataset=cadretrain.load(path), meta=ReportMeta(issuer="X"),
                                year=2025)
        for document in DOCUMENTS:
            whole = json.dumps(json_export.export_data(context, document), ensure_ascii=False,
                               indent=int(indent) or None) + "\n"
            written = export_bytes(discover(plugins=False).get("json"), context, document,
                                   {"indent": indent})
            assert written.decode("utf-8") == whole, (path.name, document)
