"""The example plugin package, installed with pip into a fresh virtual environment
and run through ``cadretrain export``: the plugin path for real.

So that cadretrain's dependencies are not downloaded again, the new venv sees the
site-packages of the Python running the tests (a ``.pth`` file; ``--system-site-packages``
would show the base interpreter's instead when the tests run in a venv, as in CI), after
its own; cadretrain itself and the plugin are installed into it with pip (offline:
``--no-index --no-build-isolation``, which needs hatchling, a test extra).
"""

from __future__ import annotations

import csv
import os
import re
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import cadretrain
from cadretrain.attainment import attainment, year_period

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "examples" / "cadretrain-csv-exporter"
SAMPLE = ROOT / "examples" / "co-quan-mau" / "dataset.json"

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "CADRETRAIN_NO_PLUGINS")}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=environ, capture_output=True,
                          text=True, timeout=300, check=False)
    return done


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("venv") / "env"
    work = home.parent
    made = _run(sys.executable, "-m", "venv", home, cwd=work)
    assert made.returncode == 0, made.stderr
    python = home / ("Scripts" if os.name == "nt" else "bin") / "python"
    found = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                 cwd=work)
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(found.stdout.strip()) / "_outer_site.pth").write_text(
        "".join(f"{p}\n" for p in sorted(ours)), encoding="utf-8")
    installed = _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                     "--no-build-isolation", ROOT, PLUGIN, cwd=work)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return python


def _cadretrain(python: Path, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _run(python, "-m", "cadretrain", *args, cwd=cwd)


def test_the_venv_runs_its_own_installed_cadretrain(venv: Path, tmp_path: Path) -> None:
    where = _run(venv, "-c", "import cadretrain, cadretrain_csv_exporter as p; "
                 "print(cadretrain.__file__); print(p.__file__)", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    env = venv.parent.parent.resolve()
    for line in where.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(env), line


def test_the_installed_plugin_is_listed(venv: Path, tmp_path: Path) -> None:
    listing = _cadretrain(venv, "exporters", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "csv  (.csv, text/csv)  from cadretrain-csv-exporter 0.1.0" in listing.stdout
    assert f"json  (.json, application/json)  from cadretrain {cadretrain.__version__}" in (
        listing.stdout)
    assert "broken plugins" not in listing.stdout
    off = _cadretrain(venv, "exporters", "--no-plugins", cwd=tmp_path)
    assert "csv" not in off.stdout.split("(third-party")[0].split()


def test_export_attainment_as_csv_through_the_plugin(venv: Path, tmp_path: Path) -> None:
    out = tmp_path / "attainment.csv"
    done = _cadretrain(venv, "export", SAMPLE, "--to", "csv", "--document", "attainment",
                       "--year", "2025", "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    first, *lines = out.read_text(encoding="utf-8").splitlines()
    assert first == f"# cadretrain {cadretrain.__version__}; cadretrain-csv-exporter 0.1.0"
    rows = list(csv.reader(lines))
    table = attainment(cadretrain.load(SAMPLE), period=year_period(2025))
    assert rows[0][0] == "course_type"
    assert [r[0] for r in rows[1:-1]] == [line.course_type for line in table.by_course_type]
    assert [int(r[2]) for r in rows[1:]] == [
        line.classes.actual for line in (*table.by_course_type, table.total)]
    assert [int(r[4]) for r in rows[1:]] == [
        line.learners.actual for line in (*table.by_course_type, table.total)]


def test_export_a_roster_as_csv_and_a_failure_leaves_no_file(venv: Path, tmp_path: Path) -> None:
    dataset = cadretrain.load(SAMPLE)
    record = next(c for c in dataset.classes if c.enrollments)
    out = tmp_path / "roster.csv"
    done = _cadretrain(venv, "export", SAMPLE, "--to", "csv", "--document", "roster",
                       "--option", f"class={record.id}", "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()[1:]))
    assert [r["person"] for r in rows] == [e.person for e in record.enrollments or ()]
    names = {p.id: p.full_name for p in dataset.people}
    assert [r["full_name"] for r in rows] == [names[r["person"]] for r in rows]

    missing = tmp_path / "missing.csv"
    failed = _cadretrain(venv, "export", SAMPLE, "--to", "csv", "--document", "roster",
                         "-o", missing, cwd=tmp_path)
    assert failed.returncode == 1
    assert "'csv' (cadretrain-csv-exporter 0.1.0)" in failed.stderr
    assert "class=ID" in failed.stderr
    assert not missing.exists()


def test_the_plugin_readme_commands_run_as_written(venv: Path, tmp_path: Path) -> None:
    # What the plugin's README shows, run from the repository root in the venv the
    # fixture made; only the output files go to tmp_path.
    readme = (PLUGIN / "README.md").read_text(encoding="utf-8")
    install, *commands = [c.split("  #")[0].strip()
                          for c in re.findall(r"^\$ (.*)$", readme, re.M)]
    # The install line names the package the fixture installed.
    assert shlex.split(install)[:2] == ["pip", "install"]
    assert (ROOT / shlex.split(install)[2]).resolve() == PLUGIN.resolve()
    assert len(commands) == 3
    version_line = f"# cadretrain {cadretrain.__version__}; cadretrain-csv-exporter 0.1.0"
    documents = []
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "cadretrain", command
        out = None
        if "-o" in args:
            out = tmp_path / args[args.index("-o") + 1]
            args[args.index("-o") + 1] = str(out)
        done = _cadretrain(venv, *args[1:], cwd=ROOT)
        assert done.returncode == 0, (command, done.stderr)
        if args[1] == "exporters":
            # lists "csv ... from cadretrain-csv-exporter 0.1.0"
            assert re.search(r"^csv .* from cadretrain-csv-exporter 0\.1\.0$", done.stdout, re.M)
            continue
        assert out is not None
        first, *lines = out.read_text(encoding="utf-8").splitlines()
        assert first == version_line
        rows = list(csv.DictReader(lines))
        dataset = cadretrain.load(ROOT / args[2])
        document = args[args.index("--document") + 1]
        documents.append(document)
        if document == "roster":
            class_id = args[args.index("--option") + 1].removeprefix("class=")
            record = next(c for c in dataset.classes if c.id == class_id)
            names = {p.id: p.full_name for p in dataset.people}
            assert [(r["person"], r["full_name"]) for r in rows] == [
                (e.person, names[e.person]) for e in record.enrollments or ()]
            assert len(rows) == 13
        else:
            year = int(args[args.index("--year") + 1])
            table = attainment(dataset, period=year_period(year))
            assert [(r["course_type"], int(r["classes_actual"])) for r in rows] == [
                (line.course_type or "", line.classes.actual)
                for line in (*table.by_course_type, table.total)]
            # The seed report's 2017: 37 classes, 2,790 learners in all.
            assert (rows[-1]["classes_actual"], rows[-1]["learners_actual"]) == ("37", "2790")
    assert sorted(documents) == ["attainment", "roster"]
