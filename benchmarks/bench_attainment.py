"""Attainment benchmark: a national-scale dataset loaded, validated and rolled up.

Run on demand (not collected by pytest; needs the ``bench`` extra: pandas, polars)::

    pip install -e ".[bench]"
    python benchmarks/bench_attainment.py               # national scale
    python benchmarks/bench_attainment.py --scale 0.1   # a tenth of it, quicker
    python benchmarks/bench_attainment.py --load-rounds 6   # the load target only
    python benchmarks/bench_attainment.py --rollup-rounds 15   # the three roll-ups only

The synthetic dataset: 10,000 organizations in a four-level tree (1 committee,
19 provincial committees, 380 district committees, 9,600 branches), 200,000
people, 20,000 classes hosted by the provincial and district committees with
50 learners each (1,000,000 enrollments), plans per provincial committee and
course type and per district committee for two course types.

Issue 12 adds the other figure kinds: every person has a party status, every
tenth class has its learners' results, each provincial committee has a member
count, one national plan names two course types together, and each provincial
committee prints a count, an attainment, a progress (first six months against
the year's plan), a share of members reached, a result distribution and two
changes against the year before (which each committee reported as counts, a
class group) (and the nation a bound): 134 printed figures.

It prints a Markdown table of:

* writing the JSON file (``json.dumps`` + write) and parsing it alone
  (read + ``json.loads``): the floor any loader stands on;
* ``cadretrain.read``: parse, build the typed records (cattrs), validate;
* ``cadretrain.validate`` alone on the built dataset;
* the full roll-up, ``attainment(..., by="organization")``;
* the same roll-up with pandas (nearest planning organization, lines,
  roll-up along the tree, per course type, total), from DataFrames already
  built; building them is timed separately;
* every printed figure checked, ``check_figures`` (fastest of the repeats);
* the six-month table against the year's plans (progress), the year beside
  the year before (``year_on_year``), the partners list.

Targets (issue 3): roll-up no slower than pandas; load plus validation within
three times the parsing alone. The figures in ``docs/benchmarks.md`` come
from this script.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import cadretrain
from cadretrain.attainment import attainment
from cadretrain.figures import check_figures
from cadretrain.partners import partners
from cadretrain.validation import validate
from cadretrain.year_on_year import year_on_year

T = TypeVar("T")

COURSES = ["doi-tuong-ket-nap", "dang-vien-moi", "nghiep-vu-cong-tac-dang",
           "cap-nhat-kien-thuc", "llct-so-cap", "llct-trung-cap"]
YEAR = 2017
GRADES = ["excellent", "good", "good", "average"]


def build(scale: float, figure_kinds: bool = True) -> dict[str, Any]:
    """The dataset as plain JSON data, made deterministically; without
    ``figure_kinds``, as issue 3 measured it (no party statuses, results,
    member counts, co-hosts, plan of several course types or printed figures)."""
    n_l2, n_l3_per, n_l4 = 19, 20, max(1, round(9_600 * scale))
    orgs: list[dict[str, Any]] = [{"id": "tw", "name": "Ban Chấp hành", "kind": "party-committee"}]
    l2 = [f"t{i:02d}" for i in range(n_l2)]
    l3 = [f"{p}-h{j:02d}" for p in l2 for j in range(n_l3_per)]
    l4 = [f"{l3[k % len(l3)]}-cb{k:04d}" for k in range(n_l4)]
    orgs += [{"id": o, "name": f"Đảng bộ tỉnh {o}", "kind": "party-committee", "parent": "tw"}
             for o in l2]
    orgs += [{"id": o, "name": f"Huyện ủy {o}", "kind": "party-committee",
              "parent": o.rsplit("-", 1)[0]} for o in l3]
    orgs += [{"id": o, "name": f"Chi bộ {o}", "kind": "branch", "parent": o.rsplit("-", 1)[0]}
             for o in l4]
    n_people = round(200_000 * scale)
    # Nine in ten are party members; the others are non-members (quần chúng).
    people = [{"id": f"p{i:07d}", "full_name": f"Nguyễn Văn {i}", "organization": l4[i % len(l4)],
               **({"party_status": [{"status": "non-member" if i % 10 == 9 else "full",
                                     "since": "2000-01-01"}]} if figure_kinds else {})}
              for i in range(n_people)]
    for o in orgs[1:1 + n_l2] if figure_kinds else ():
        o["member_counts"] = [{"on": f"{YEAR}-01-01", "members": round(n_people * 0.9 / n_l2)}]
    hosts = l2 + l3
    n_classes, per_class = round(20_000 * scale), 50
    classes = []
    first = date(YEAR, 1, 1)
    for c in range(n_classes):
        start = first + timedelta(days=c % 360)
        base = (c * per_class) % n_people
        classes.append({
            "id": f"lop-{c:06d}",
            "course_type": COURSES[c % len(COURSES)],
            "start": start.isoformat(),
            "end": (start + timedelta(days=4)).isoformat(),
            "host": hosts[c % len(hosts)],
            "co_hosts": ["truong"] if c % 50 == 0 and figure_kinds else [],
            "enrollments": [
                {"person": people[(base + k) % n_people]["id"],
                 "sending_organization": people[(base + k) % n_people]["organization"],
                 **({"result": {"classification": GRADES[k % len(GRADES)]}}
                    if c % 10 == 0 and figure_kinds else {})}
                for k in range(per_class)
            ],
        })
        if not classes[-1]["co_hosts"]:
            del classes[-1]["co_hosts"]
    plans = [
        {"id": f"kh-{o}-{ct}", "period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31",
         "scope": o, "course_type": ct, "classes": 40, "learners": 2000}
        for o in l2 for ct in COURSES
    ] + [
        {"id": f"kh-{o}-{ct}", "period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31",
         "scope": o, "course_type": ct, "classes": 2}
        for o in l3 for ct in COURSES[:2]
    ]
    if not figure_kinds:
        return {"schema_version": 1, "title": "Toàn quốc (tổng hợp)", "organizations": orgs,
                "people": people, "classes": classes, "plans": plans}
    plans.append({"id": "kh-tw-chung", "period_start": f"{YEAR}-01-01",
                  "period_end": f"{YEAR}-12-31", "scope": "tw",
                  "course_types": COURSES[4:], "classes": 6000})
    orgs.append({"id": "truong", "name": "Trường Chính trị", "kind": "school"})
    # The year before, as each provincial committee reported it: counts only
    # (what the change figures and year_on_year compare with).
    per_province = n_classes / len(l2)
    earlier = [{"id": f"nam-truoc-{o}", "course_type": COURSES[0],
                "classes": round(per_province / 1.05),
                "learners": round(per_province * per_class / 1.05),
                "period_start": f"{YEAR - 1}-01-01", "period_end": f"{YEAR - 1}-12-31",
                "host": o} for o in l2]
    return {"schema_version": 1, "title": "Toàn quốc (tổng hợp)", "organizations": orgs,
            "people": people, "classes": classes, "class_groups": earlier, "plans": plans,
            "documents": [{"id": "bc", "title": "Báo cáo"}], "figures": figures(l2)}


def figures(provinces: list[str]) -> list[dict[str, Any]]:
    """Printed figures of every kind for each provincial committee."""
    year = {"period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31"}
    half = {"period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-06-30"}
    out: list[dict[str, Any]] = []
    for o in provinces:
        base = {"source": "bc", "scope": o}
        out += [
            {"id": f"{o}-lop", "quote": "lớp", "measure": "classes", "value": 100, **base, **year},
            {"id": f"{o}-kh", "quote": "% kế hoạch", "measure": "classes-attainment",
             "value": 95.5, "course_types": COURSES[:2], **base, **year},
            {"id": f"{o}-6t", "quote": "% kế hoạch năm", "measure": "classes-attainment",
             "value": 50, "course_types": COURSES[:2], **base, **half},
            {"id": f"{o}-dv", "quote": "% đảng viên", "measure": "members-reached",
             "value": 80, **base, **year},
            {"id": f"{o}-gioi", "quote": "% giỏi", "measure": "result-share", "value": 25,
             "classifications": ["excellent"], **base, **year},
            {"id": f"{o}-tang", "quote": "số lớp tăng 5% so với cùng kỳ",
             "measure": "classes-change", "change": "increase", "value": 5, **base, **year},
            {"id": f"{o}-cung-ky", "quote": "số học viên bằng 105% so với cùng kỳ",
             "measure": "learners-change", "value": 105, **base, **year},
        ]
    out.append({"id": "tw-kha-gioi", "quote": "trên 40% khá, giỏi", "measure": "result-share",
                "value": 40, "bound": "more-than", "classifications": ["excellent", "good"],
                "source": "bc", "scope": "tw", **year})
    return out


def timed(label: str, fn: Callable[[], T], results: list[tuple[str, float]]) -> T:
    gc.collect()
    began = time.perf_counter()
    value = fn()
    results.append((label, time.perf_counter() - began))
    return value


def pandas_rollup(frames: dict[str, Any]) -> Any:
    """The organization roll-up a pandas user would write."""
    import pandas as pd

    classes, enrollments = frames["classes"], frames["enrollments"]
    ancestors, plans = frames["ancestors"], frames["plans"]
    learners = enrollments.groupby("class_id").size().rename("learners")
    cls = classes[classes["start"].dt.year == YEAR].join(learners, on="class_id")
    cls["learners"] = cls["learners"].fillna(0).astype("int64")
    cls["n"] = 1
    planned = plans.groupby(["scope", "course_type"], as_index=False)[["classes", "learners"]].sum(
        min_count=1)
    # the nearest ancestor of the host with a plan of the class's course type
    cand = cls[["class_id", "host", "course_type"]].merge(
        ancestors, left_on="host", right_on="org").merge(
        planned[["scope", "course_type"]], left_on=["ancestor", "course_type"],
        right_on=["scope", "course_type"])
    nearest = cand.sort_values("depth").drop_duplicates("class_id")[["class_id", "ancestor"]]
    cls = cls.merge(nearest, on="class_id", how="left")
    cls["owner"] = cls["ancestor"].fillna(cls["host"])
    actual = cls.groupby(["owner", "course_type"], as_index=False)[["n", "learners"]].sum()
    lines = actual.merge(planned, left_on=["owner", "course_type"],
                         right_on=["scope", "course_type"], how="outer", suffixes=("", "_plan"))
    lines["owner"] = lines["owner"].fillna(lines["scope"])
    lines[["n", "learners"]] = lines[["n", "learners"]].fillna(0)
    has_plan = lines["classes"].notna()
    lines["n_planned"] = lines["n"].where(has_plan, 0)
    by_org = lines.merge(ancestors, left_on="owner", right_on="org").groupby("ancestor")[
        ["n", "learners", "classes", "learners_plan", "n_planned"]].sum(min_count=1)
    by_org["ratio"] = by_org["n_planned"] / by_org["classes"]
    by_type = lines.groupby("course_type")[["n", "learners", "classes", "n_planned"]].sum(
        min_count=1)
    total = lines[["n", "learners", "classes", "n_planned"]].sum()
    return pd.Series({"by_org": len(by_org), "by_type": len(by_type),
                      "ratio": total["n_planned"] / total["classes"]})


def frames_from(data: dict[str, Any]) -> dict[str, Any]:
    import pandas as pd

    orgs = pd.DataFrame([(o["id"], o.get("parent")) for o in data["organizations"]],
                        columns=["org", "parent"])
    # ancestor table: every (org, ancestor, depth), self at depth 0
    level = orgs.rename(columns={"parent": "ancestor"})[["org", "ancestor"]]
    level = level.assign(depth=1).dropna()
    parts = [orgs.assign(ancestor=orgs["org"], depth=0)[["org", "ancestor", "depth"]], level]
    while not level.empty:
        level = level.merge(orgs, left_on="ancestor", right_on="org", suffixes=("", "_p"))[
            ["org", "parent", "depth"]].rename(columns={"parent": "ancestor"}).dropna()
        level["depth"] += 1
        parts.append(level)
    ancestors = pd.concat(parts, ignore_index=True)
    classes = pd.DataFrame(
        [(c["id"], c["course_type"], c["host"], c["start"]) for c in data["classes"]],
        columns=["class_id", "course_type", "host", "start"])
    classes["start"] = pd.to_datetime(classes["start"])
    enrollments = pd.DataFrame(
        [(c["id"], e["person"]) for c in data["classes"] for e in c["enrollments"]],
        columns=["class_id", "person"])
    # A plan of several course types is a line of its own, keyed by them together.
    plans = pd.DataFrame([(p["scope"], p.get("course_type") or "+".join(p["course_types"]),
                           p.get("classes"), p.get("learners"))
                          for p in data["plans"]],
                         columns=["scope", "course_type", "classes", "learners"])
    return {"classes": classes, "enrollments": enrollments, "ancestors": ancestors,
            "plans": plans}


# ----------------------------------------------------------- as an expert writes it
#
# The roster's size kept as a column of the classes (no million-row groupby
# on every roll-up), the nearest planning ancestor found by walking up the
# levels (one vectorized step per level of the tree), sums along the tree
# through the ancestor table. Each arm gives what one attainment() call
# gives: the lines (planning organization x course types), the organization
# rows in the tree's order, the rows per course types and the total, each
# with planned, actual and actual-on-planned-lines, for classes and
# learners; every one is checked equal to cadretrain's. Like the ancestor
# table, the tree's order is a column made with the frames (an expert keeps
# it); cadretrain builds its tree in every call.

ROW_COLUMNS = ["classes_planned", "classes_actual", "classes_actual_planned",
               "learners_planned", "learners_actual", "learners_actual_planned"]


def _tree_positions(data: dict[str, Any]) -> dict[str, int]:
    """Depth-first positions of the organizations, children by id."""
    children: dict[str | None, list[str]] = {}
    for o in sorted(data["organizations"], key=lambda o: o["id"]):
        children.setdefault(o.get("parent"), []).append(o["id"])
    order: dict[str, int] = {}
    stack = children.get(None, [])[::-1]
    while stack:
        org = stack.pop()
        order[org] = len(order)
        stack.extend(reversed(children.get(org, [])))
    return order


def expert_frames_from(data: dict[str, Any]) -> dict[str, Any]:
    import pandas as pd

    frames = frames_from(data)
    learners = [len(c["enrollments"]) if "enrollments" in c else c.get("learner_count", 0)
                for c in data["classes"]]
    frames["classes"] = frames["classes"].assign(learners=learners)
    frames["parent"] = pd.Series({o["id"]: o.get("parent") for o in data["organizations"]})
    frames["order"] = pd.Series(_tree_positions(data), name="order")
    return frames


def expert_pandas_rollup(frames: dict[str, Any]) -> dict[str, Any]:
    """The lines, the organization rows (in the tree's order), the rows per
    course types and the total: the six figures of ROW_COLUMNS each."""
    import pandas as pd

    cls = frames["classes"]
    cls = cls[cls["start"].dt.year == YEAR]
    planned = frames["plans"].groupby(["scope", "course_type"])[["classes", "learners"]].sum(
        min_count=1)
    owner = pd.Series(None, index=cls.index, dtype=object)
    level = cls["host"]
    while level.notna().any():
        hit = owner.isna() & pd.MultiIndex.from_arrays(
            [level, cls["course_type"]]).isin(planned.index)
        owner[hit] = level[hit]
        level = level.map(frames["parent"])
    owner = owner.fillna(cls["host"])
    actual = cls.assign(owner=owner, n=1).groupby(["owner", "course_type"])[
        ["n", "learners"]].sum()
    actual.index.names = ["scope", "course_type"]
    lines = actual.join(planned.rename(columns=lambda c: f"{c}_planned"), how="outer")
    lines[["n", "learners"]] = lines[["n", "learners"]].fillna(0)
    lines = pd.DataFrame({
        "org": lines.index.get_level_values("scope"),
        "course_type": lines.index.get_level_values("course_type"),
        "classes_planned": lines["classes_planned"].to_numpy(),
        "classes_actual": lines["n"].to_numpy(),
        "classes_actual_planned": lines["n"].where(lines["classes_planned"].notna(), 0)
        .to_numpy(),
        "learners_planned": lines["learners_planned"].to_numpy(),
        "learners_actual": lines["learners"].to_numpy(),
        "learners_actual_planned": lines["learners"].where(lines["learners_planned"].notna(),
                                                           0).to_numpy(),
    })

    def sums(grouped: Any) -> Any:
        planned_sums = grouped[["classes_planned", "learners_planned"]].sum(min_count=1)
        actual_sums = grouped[["classes_actual", "classes_actual_planned", "learners_actual",
                               "learners_actual_planned"]].sum()
        return planned_sums.join(actual_sums)[ROW_COLUMNS]

    by_org = sums(lines.merge(frames["ancestors"], on="org").groupby("ancestor"))
    by_org = by_org.iloc[by_org.index.map(frames["order"]).argsort()]
    total = lines[ROW_COLUMNS].sum(min_count=1)
    total[["classes_actual", "classes_actual_planned", "learners_actual",
           "learners_actual_planned"]] = total[["classes_actual", "classes_actual_planned",
                                                "learners_actual",
                                                "learners_actual_planned"]].fillna(0)
    return {"lines": lines, "by_org": by_org, "by_type": sums(lines.groupby("course_type")),
            "total": total}


def polars_frames_from(frames: dict[str, Any]) -> dict[str, Any]:
    import polars as pl

    def convert(df: Any) -> Any:  # column by column (pyarrow is not needed)
        return pl.DataFrame([pl.Series(c, df[c].to_numpy(), nan_to_null=True)
                             for c in df.columns])

    parent, order = frames["parent"], frames["order"]
    return {
        "classes": convert(frames["classes"]),
        "plans": convert(frames["plans"]),
        "ancestors": convert(frames["ancestors"]),
        "parent": pl.DataFrame({"org": list(parent.index),
                                "parent": [p if isinstance(p, str) else None
                                           for p in parent.array]}),
        "order": pl.DataFrame({"ancestor": list(order.index), "order": list(order.array)}),
    }


def polars_rollup(frames: dict[str, Any]) -> dict[str, Any]:
    """The same as :func:`expert_pandas_rollup`, in polars."""
    import polars as pl

    cls = frames["classes"].filter(pl.col("start").dt.year() == YEAR)
    planned = frames["plans"].group_by(["scope", "course_type"]).agg(
        pl.when(pl.col("classes").is_not_null().any()).then(pl.col("classes").sum())
        .alias("classes_planned"),
        pl.when(pl.col("learners").is_not_null().any()).then(pl.col("learners").sum())
        .alias("learners_planned"))
    keys = planned.select("scope", "course_type").with_columns(pl.lit(True).alias("plan"))
    cls = cls.with_columns(pl.col("host").alias("level"), pl.lit(None, pl.Utf8).alias("owner"))
    while cls["level"].is_not_null().any():
        cls = cls.join(keys, left_on=["level", "course_type"], right_on=["scope", "course_type"],
                       how="left").with_columns(
            pl.when(pl.col("owner").is_null() & pl.col("plan").fill_null(False))
            .then(pl.col("level")).otherwise(pl.col("owner")).alias("owner")).drop("plan")
        cls = cls.join(frames["parent"], left_on="level", right_on="org", how="left").drop(
            "level").rename({"parent": "level"})
    cls = cls.with_columns(pl.col("owner").fill_null(pl.col("host")))
    actual = cls.group_by(["owner", "course_type"]).agg(
        pl.len().alias("classes_actual"), pl.col("learners").sum().alias("learners_actual"))
    lines = actual.join(planned, left_on=["owner", "course_type"],
                        right_on=["scope", "course_type"], how="full", coalesce=True)
    lines = lines.with_columns(
        pl.col("classes_actual").fill_null(0), pl.col("learners_actual").fill_null(0),
    ).with_columns(
        pl.when(pl.col("classes_planned").is_not_null()).then(pl.col("classes_actual"))
        .otherwise(0).alias("classes_actual_planned"),
        pl.when(pl.col("learners_planned").is_not_null()).then(pl.col("learners_actual"))
        .otherwise(0).alias("learners_actual_planned"),
    )
    sums = (*(pl.when(pl.col(c).is_not_null().any()).then(pl.col(c).sum()).alias(c)
              for c in ("classes_planned", "learners_planned")),
            *(pl.col(c).sum() for c in ("classes_actual", "classes_actual_planned",
                                        "learners_actual", "learners_actual_planned")))
    by_org = lines.join(frames["ancestors"], left_on="owner", right_on="org").group_by(
        "ancestor").agg(*sums).join(frames["order"], on="ancestor").sort("order")
    return {"lines": lines.select("owner", "course_type", *ROW_COLUMNS),
            "by_org": by_org.select("ancestor", *ROW_COLUMNS),
            "by_type": lines.group_by("course_type").agg(*sums).select("course_type",
                                                                      *ROW_COLUMNS),
            "total": lines.select(*sums).select(*ROW_COLUMNS).row(0)}


def _six(row: Any) -> tuple[int | None, ...]:
    return (row.classes.planned, row.classes.actual, row.classes.actual_planned,
            row.learners.planned, row.learners.actual, row.learners.actual_planned)


def cadretrain_rows(table: Any) -> dict[str, Any]:
    """What each arm is checked on: organization rows in order, lines, rows
    per course types (course types joined by "+", as the frames key a plan of
    several), the total."""
    return {
        "by_org": [(row.organization, *_six(row)) for row in table.by_organization],
        "lines": {(row.organization, "+".join(row.course_types)): _six(row)
                  for row in table.lines},
        "by_type": {"+".join(row.course_types): _six(row) for row in table.by_course_type},
        "total": _six(table.total),
    }


def pandas_rows(out: dict[str, Any]) -> dict[str, Any]:
    return {
        "by_org": [(str(org), *row) for org, row in out["by_org"].iterrows()],
        "lines": {(row[0], row[1]): tuple(row[2:])
                  for row in out["lines"].itertuples(index=False)},
        "by_type": {str(t): tuple(row) for t, row in out["by_type"].iterrows()},
        "total": tuple(out["total"]),
    }


def polars_rows(out: dict[str, Any]) -> dict[str, Any]:
    return {
        "by_org": list(out["by_org"].iter_rows()),
        "lines": {(row[0], row[1]): row[2:] for row in out["lines"].iter_rows()},
        "by_type": {row[0]: row[1:] for row in out["by_type"].iter_rows()},
        "total": out["total"],
    }


def _whole(value: Any) -> int | None:
    return None if value is None or value != value else int(value)  # NaN != NaN


def check_rows(ours: dict[str, Any], rows: dict[str, Any], who: str) -> None:
    """Every organization row (and their order), line, course-type row and the
    total equal to cadretrain's."""
    def whole(values: Any) -> tuple[int | None, ...]:
        return tuple(_whole(v) for v in values)

    order = [row[0] for row in rows["by_org"]]
    assert order == [row[0] for row in ours["by_org"]], f"{who}: organization rows differ"
    theirs = [(row[0], *whole(row[1:])) for row in rows["by_org"]]
    wrong = [(a, b) for a, b in zip(ours["by_org"], theirs, strict=True) if a != b]
    assert not wrong, f"{who}: {len(wrong)} organization rows differ, e.g. {wrong[0]}"
    for part in ("lines", "by_type"):
        mine = ours[part]
        other = {key: whole(values) for key, values in rows[part].items()}
        assert other.keys() == mine.keys(), f"{who}: {part} differ"
        wrong_keys = [key for key in mine if mine[key] != other[key]]
        assert not wrong_keys, f"{who}: {len(wrong_keys)} {part} differ, e.g. " \
            f"{wrong_keys[0]}: {mine[wrong_keys[0]]} != {other[wrong_keys[0]]}"
    assert whole(rows["total"]) == ours["total"], (who, rows["total"], ours["total"])


def load_rounds(scale: float, figure_kinds: bool, rounds: int) -> None:
    """Parsing alone and cadretrain.read of the same file, alternately, in
    CPU seconds of this process (the machine is shared: wall time says more
    about the neighbours than about the code); the ratio of each round."""
    data = build(scale, figure_kinds)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "national.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        del data
        gc.collect()
        parse: list[float] = []
        read: list[float] = []
        for i in range(rounds):
            steps = [("parse", parse), ("read", read)]
            for name, out in steps if i % 2 == 0 else steps[::-1]:
                start = time.process_time()
                if name == "parse":
                    result: object = json.loads(path.read_text(encoding="utf-8"))
                else:
                    result = cadretrain.read(path)
                out.append(time.process_time() - start)
                del result
                gc.collect()
    ratios = sorted(r / p for r, p in zip(read, parse, strict=True))

    def row(label: str, values: list[float], unit: str) -> str:
        v = sorted(values)
        return (f"| {label} | {v[0]:.2f}{unit} | {statistics.median(v):.2f}{unit} | "
                f"{v[-1]:.2f}{unit} |")

    print(f"scale {scale}, {'with' if figure_kinds else 'without'} the figure kinds of "
          f"issue 12, {rounds} rounds alternated (CPU seconds):")
    print()
    print("| step | min | median | max |")
    print("| --- | ---: | ---: | ---: |")
    print(row("parse the file alone (read + json.loads)", parse, " s"))
    print(row("cadretrain.read: parse + build + validate", read, " s"))
    print(row("**load + validation / parsing alone** (per round)", ratios, "x"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of national scale")
    parser.add_argument("--issue-3-shape", action="store_true",
                        help="the dataset as issue 3 measured it, without the new figure kinds")
    parser.add_argument("--repeat", type=int, default=3,
                        help="roll-ups are run this many times; the fastest is kept")
    parser.add_argument("--load-rounds", type=int, default=0, metavar="N",
                        help="only the load target: N rounds of parsing the file alone and "
                        "cadretrain.read side by side (CPU seconds), min/median/max")
    parser.add_argument("--rollup-rounds", type=int, default=0, metavar="N",
                        help="only the roll-up: N rounds of cadretrain, expert pandas and "
                        "polars in turn (CPU and wall seconds), min/median/max")
    args = parser.parse_args()
    if args.rollup_rounds:
        rollup_only(args.scale, args.rollup_rounds)
        return
    if args.load_rounds:
        load_rounds(args.scale, not args.issue_3_shape, args.load_rounds)
        return
    results: list[tuple[str, float]] = []
    held = {"data": timed("build the data (plain dicts)",
                          lambda: build(args.scale, not args.issue_3_shape), results)}
    n_enr = sum(len(c["enrollments"]) for c in held["data"]["classes"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "national.json"

        def write() -> int:
            return path.write_text(json.dumps(held.pop("data"), ensure_ascii=False),
                                   encoding="utf-8")

        size = timed("write the JSON file (json.dumps + write)", write, results)
        # Each step below starts from the file alone, as a user's process does:
        # no other copy of the data is alive to slow the garbage collector.
        parsed = timed("parse the file alone (read + json.loads)",
                       lambda: json.loads(path.read_text(encoding="utf-8")), results)
        del parsed
        loaded = timed("cadretrain.read: parse + build + validate", lambda: cadretrain.read(path),
                       results)
        parsed = json.loads(path.read_text(encoding="utf-8"))  # what pandas starts from
    ds = loaded.dataset
    problems = timed("  of which validate() alone", lambda: validate(ds), results)
    assert not [p for p in problems if p.is_error], problems[:5]
    ours = []
    for _ in range(args.repeat):
        table = timed("roll-up: cadretrain attainment(by=organization)",
                      lambda: attainment(ds, period=YEAR, by="organization"), ours)
    results.append(min(ours, key=lambda r: r[1]))
    frames = timed("pandas: build the DataFrames", lambda: frames_from(parsed), results)
    theirs: list[tuple[str, float]] = []
    for _ in range(args.repeat):
        summary = timed("roll-up: pandas", lambda: pandas_rollup(frames), theirs)
    results.append(min(theirs, key=lambda r: r[1]))
    checks: list[tuple[str, float]] = []
    for _ in range(args.repeat if not args.issue_3_shape else 0):
        checked = timed("check_figures: every printed figure (fastest of 3)",
                        lambda: check_figures(ds), checks)
    if checks:
        results.append(min(checks, key=lambda r: r[1]))
        kinds = {c.kind.value for c in checked}
        assert kinds == {"count", "attainment", "progress", "share", "distribution",
                         "change"}, kinds
    half = (date(YEAR, 1, 1), date(YEAR, 6, 30))
    timed("progress: attainment of the first six months against the year's plans",
          lambda: attainment(ds, period=half, by="organization"), results)
    timed("year_on_year: the year beside the year before",
          lambda: year_on_year(ds, YEAR), results)
    timed("partners: what was held with each co-host", lambda: partners(ds, period=YEAR),
          results)
    ratio = table.total.classes.ratio
    assert ratio is not None and abs(float(ratio) - summary["ratio"]) < 1e-12, (ratio, summary)
    assert summary["by_org"] == len(table.by_organization)

    side = expert_side_by_side(ds, table, parsed, max(args.repeat, 5), results)
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, "
          f"scale {args.scale}: {len(ds.organizations):,} organizations, "
          f"{len(ds.people):,} people, {len(ds.classes):,} classes, {n_enr:,} enrollments, "
          f"{len(ds.plans):,} plans, {len(ds.figures):,} printed figures; "
          f"JSON file {size / 1e6:,.0f} MB (characters)")
    print()
    print("| step | seconds |")
    print("| --- | ---: |")
    for label, seconds in results:
        print(f"| {label} | {seconds:.2f} |")
    times = dict(results)
    parse = times["parse the file alone (read + json.loads)"]
    load = times["cadretrain.read: parse + build + validate"]
    mine = times["roll-up: cadretrain attainment(by=organization)"]
    pandas = times["roll-up: pandas"]
    print()
    print(f"load + validation / parsing alone: {load / parse:.2f}x (target <= 3x)")
    print(f"roll-up cadretrain / pandas: {mine / pandas:.2f}x (target <= 1x)")
    print_side_by_side(side)


def expert_side_by_side(ds: Any, table: Any, parsed: dict[str, Any], rounds: int,
                        results: list[tuple[str, float]]) -> dict[str, list[tuple[float, float]]]:
    """cadretrain's roll-up, the expert pandas one and the polars one, in
    turn (the order rotates every round), each round's CPU and wall seconds;
    each arm's output checked equal to cadretrain's."""
    expert = timed("expert pandas: build the DataFrames (roster size as a column)",
                   lambda: expert_frames_from(parsed), results)
    lazy = timed("polars: the same frames converted from pandas",
                 lambda: polars_frames_from(expert), results)
    arms: list[tuple[str, Callable[[], Any]]] = [
        ("cadretrain", lambda: attainment(ds, period=YEAR, by="organization")),
        ("expert pandas", lambda: expert_pandas_rollup(expert)),
        ("polars", lambda: polars_rollup(lazy)),
    ]
    side: dict[str, list[tuple[float, float]]] = {who: [] for who, _ in arms}
    out: dict[str, Any] = {}
    for i in range(rounds):
        for who, fn in arms[i % 3:] + arms[:i % 3]:
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            out[who] = fn()
            side[who].append((time.process_time() - cpu, time.perf_counter() - wall))
    ours = cadretrain_rows(table)
    assert cadretrain_rows(out["cadretrain"]) == ours
    check_rows(ours, pandas_rows(out["expert pandas"]), "expert pandas")
    check_rows(ours, polars_rows(out["polars"]), "polars")
    return side


def print_side_by_side(side: dict[str, list[tuple[float, float]]]) -> None:
    import os

    rounds = len(side["cadretrain"])
    print()
    print(f"Roll-up by organization, {rounds} rounds in turn; each arm gives the lines, the "
          "organization rows in the tree's order, the rows per course types and the total, "
          "all checked equal to cadretrain's; load average at the end "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}:")
    print()
    print("| roll-up | CPU min (s) | CPU median (s) | CPU max (s) | wall min (s) | "
          "wall median (s) | wall max (s) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    medians: dict[str, tuple[float, float]] = {}
    for who, runs in side.items():
        cpu = sorted(r[0] for r in runs)
        wall = sorted(r[1] for r in runs)
        medians[who] = (statistics.median(cpu), statistics.median(wall))
        print(f"| {who} | {cpu[0]:.3f} | {medians[who][0]:.3f} | {cpu[-1]:.3f} | "
              f"{wall[0]:.3f} | {medians[who][1]:.3f} | {wall[-1]:.3f} |")
    print()
    for other, target in (("expert pandas", "1x"), ("polars", "2x")):
        cpu = medians["cadretrain"][0] / medians[other][0]
        wall = medians["cadretrain"][1] / medians[other][1]
        print(f"cadretrain / {other} at the median: {cpu:.2f}x CPU, {wall:.2f}x wall "
              f"(target <= {target})")


def rollup_only(scale: float, rounds: int) -> None:
    """Only the side by side of the three roll-ups, from the file as a user's
    process reads it."""
    results: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "national.json"
        path.write_text(json.dumps(build(scale), ensure_ascii=False), encoding="utf-8")
        gc.collect()
        ds = cadretrain.read(path).dataset
        parsed = json.loads(path.read_text(encoding="utf-8"))
    table = attainment(ds, period=YEAR, by="organization")
    side = expert_side_by_side(ds, table, parsed, rounds, results)
    print(f"scale {scale}: {len(ds.organizations):,} organizations, {len(ds.classes):,} "
          f"classes, {len(ds.plans):,} plans; {len(table.lines):,} lines, "
          f"{len(table.by_organization):,} organization rows")
    print_side_by_side(side)


if __name__ == "__main__":
    main()
