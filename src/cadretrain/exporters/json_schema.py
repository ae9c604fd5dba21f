"""The JSON Schema of the ``json`` exporter's output, generated.

The dataset part reuses :func:`cadretrain.schema.dataset_schema`, so the two
published schemas cannot disagree. The copy published as
``schema/export.schema.json`` is checked against this module by the tests;
regenerate it with ``python -m cadretrain.exporters.json_schema``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from cadretrain.exporters.json import DOCUMENTS, FORMAT_VERSION, SCHEMA_ID
from cadretrain.metadata import ReportMeta

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_COUNT = {"type": "integer", "minimum": 0}


def _object(description: str, properties: dict[str, Any],
            optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }


def _attainment_defs() -> dict[str, Any]:
    from cadretrain.attainment import Status

    measure = _object(
        "One measure (classes or learners): the plan (null: none), all activity, and the "
        "activity on planned lines (what the ratio counts).",
        {"planned": {"anyOf": [_COUNT, {"type": "null"}]}, "actual": _COUNT,
         "actual_planned": _COUNT, "outside_plan": {"type": "boolean"}},
        optional=("outside_plan",))
    period = {"type": "array", "items": _DATE, "minItems": 2, "maxItems": 2}
    line = _object(
        "A row: organization and the course types its plans name together (absent, null "
        "or empty: across all); course_type is the one course type of a line with one. "
        "plan_period: the period of the longer plan a progress line counts against.",
        {"organization": {"type": ["string", "null"]},
         "course_type": {"type": ["string", "null"]},
         "classes": {"$ref": "#/$defs/Measure"}, "learners": {"$ref": "#/$defs/Measure"},
         "course_types": {"type": "array", "items": {"type": "string"}},
         "plan_period": {"anyOf": [period, {"type": "null"}]}},
        optional=("organization", "course_type", "course_types", "plan_period"))
    lines = {"type": "array", "items": {"$ref": "#/$defs/AttainmentLine"}}
    table = _object(
        "Attainment against plan of the period (null period: all data). Statuses of a "
        f"measure: {', '.join(s.value for s in Status)}.",
        {"period": {"anyOf": [{"type": "array", "items": _DATE, "minItems": 2,
                               "maxItems": 2}, {"type": "null"}]},
         "by": {"type": "string", "enum": ["course-type", "organization"]},
         "lines": lines, "by_course_type": lines, "by_organization": lines,
         "total": {"$ref": "#/$defs/AttainmentLine"},
         "plans_left_out": {"type": "array", "items": {"type": "string"}}},
        optional=("plans_left_out",))
    from cadretrain.figures import FigureKind, FigureStatus, Reason
    from cadretrain.model import Bound, Change
    from cadretrain.model import Measure as PrintedMeasure

    nullable_count = {"anyOf": [_COUNT, {"type": "null"}]}
    exact = {"anyOf": [_COUNT, {"type": "array", "items": {"type": "integer"}, "minItems": 2,
                                "maxItems": 2}, {"type": "null"}]}
    consistent = _object(
        "The whole plans (low to high; null high: no upper end) that give a printed "
        "percentage over the actual count, in classes or learners; none: no whole plan does.",
        {"unit": {"type": "string", "enum": ["classes", "learners"]}, "actual": _COUNT,
         "low": _COUNT, "high": nullable_count, "none": {"type": "boolean"}})
    check = _object(
        "A printed figure checked against the data: its kind, what was printed, what the "
        "data gives (a count, or a ratio as [numerator, denominator] of 1), its status and "
        "the reason when not computable; a change figure also has the same period a year "
        "earlier (previous_period) and how the change is printed (change: ratio, increase, "
        "decrease).",
        {"figure": {"type": "string"},
         "kind": {"type": "string", "enum": [k.value for k in FigureKind]},
         "measure": {"type": "string", "enum": [m.value for m in PrintedMeasure]},
         "source": {"type": "string"}, "quote": {"type": "string"}, "period": period,
         "scope": {"type": "string"}, "printed": {"type": "string"}, "computed": exact,
         # A change's numerator is a difference: below 0 when an increase was printed
         # and the data gives a fall.
         "percent": {"type": ["string", "null"]}, "numerator": {"type": ["integer", "null"]},
         "denominator": nullable_count,
         "status": {"type": "string", "enum": [s.value for s in FigureStatus]},
         "reason": {"anyOf": [{"type": "string", "enum": [r.value for r in Reason]},
                              {"type": "null"}]},
         "bound": {"type": "string", "enum": [b.value for b in Bound]},
         "plan_period": period, "previous_period": period,
         "change": {"type": "string", "enum": [c.value for c in Change]},
         "consistent_plans": {"type": "array", "items": {"$ref": "#/$defs/ConsistentPlans"}},
         "unknown": _COUNT},
        optional=("bound", "plan_period", "previous_period", "change", "consistent_plans",
                  "unknown"))
    return {"Measure": measure, "AttainmentLine": line, "AttainmentTable": table,
            "FigureCheck": check, "ConsistentPlans": consistent}


def _findings_defs() -> dict[str, Any]:
    from cadretrain.rules.ruleset import Severity

    text = {"type": "string"}
    evidence = _object("A fact a finding rests on, with the record's id.",
                       {"kind": text, "ref": text,
                        "facts": {"type": "object", "additionalProperties": text}})
    citation = _object(
        "The text a rule rests on: the document, its date, the article, the quoted "
        "sentence, where it was read and whether that is the official text.",
        {"document": text, "issued": {"anyOf": [_DATE, {"type": "null"}]}, "article": text,
         "quote": text, "source": text, "official": {"type": "boolean"},
         "topic": {"type": ["string", "null"]}})
    finding = _object(
        "What one rule found about one person.",
        {"severity": {"type": "string", "enum": [s.value for s in Severity]},
         "rule": text, "regulation": text, "ruleset_version": text, "person": text,
         "person_name": text, "organization": text, "message_vi": text, "message_en": text,
         "needs_confirmation": {"type": "boolean"},
         "basis": {"type": "array", "items": {"$ref": "#/$defs/Citation"}},
         "evidence": {"type": "array", "items": {"$ref": "#/$defs/Evidence"}, "minItems": 1}},
        optional=("basis",))
    result = _object(
        "The findings of a check on a date, stamped with the rule set's and cadretrain's "
        "versions.",
        {"on": _DATE, "ruleset_version": text, "library_version": text,
         "rules_applied": {"type": "array", "items": text},
         "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}}})
    return {"Citation": citation, "Evidence": evidence, "Finding": finding,
            "CheckResult": result}


def export_schema() -> dict[str, Any]:
    """The JSON Schema of a JSON export, as plain data."""
    from cadretrain.schema import _define, dataset_schema

    data = dataset_schema()
    defs: dict[str, Any] = dict(data.pop("$defs"))
    defs["Dataset"] = {k: v for k, v in data.items() if k not in ("$schema", "$id", "title")}
    _define(ReportMeta, defs)
    from cadretrain.report import ReportDocument

    _define(ReportDocument, defs)
    defs.update(_attainment_defs())
    defs.update(_findings_defs())
    text = {"type": "string"}
    root = _object(
        "A cadretrain JSON export (`cadretrain export --to json`): the dataset, its "
        "attainment table and rule findings, with the versions that produced them.",
        {
            "format": {"const": "cadretrain-export"},
            "format_version": {"const": FORMAT_VERSION},
            "cadretrain_version": text,
            "interface_version": {"type": "integer", "minimum": 1},
            "document": {"type": "string", "enum": list(DOCUMENTS)},
            "year": {"type": ["integer", "null"]},
            "period": {"anyOf": [{"type": "array", "items": _DATE, "minItems": 2,
                                  "maxItems": 2}, {"type": "null"}]},
            "on": _DATE,
            "meta": {"$ref": "#/$defs/ReportMeta"},
            "dataset": {"$ref": "#/$defs/Dataset"},
            "attainment": {"$ref": "#/$defs/AttainmentTable"},
            "figures": {"type": "array", "items": {"$ref": "#/$defs/FigureCheck"}},
            "discrepancies": {"type": "array", "items": {"$ref": "#/$defs/FigureCheck"}},
            "ruleset_version": text,
            "findings": {"$ref": "#/$defs/CheckResult"},
            "report": {"$ref": "#/$defs/ReportDocument"},
        },
        optional=("dataset", "attainment", "figures", "discrepancies", "ruleset_version",
                  "findings", "period", "report"))
    return {"$schema": _DRAFT, "$id": SCHEMA_ID, "title": "cadretrain JSON export", **root,
            "$defs": dict(sorted(defs.items()))}


def schema_text() -> str:
    """The schema as published in ``schema/export.schema.json``."""
    return json.dumps(export_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(schema_text())
