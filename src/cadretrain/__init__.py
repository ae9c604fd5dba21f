"""cadretrain: plan, track and report the training of cadres and party members.

The core is pure data: :mod:`cadretrain.model` holds immutable attrs records,
:mod:`cadretrain.readers` reads them (and writes JSON and TOML), :mod:`cadretrain.validation`
checks them. Importing this package never imports python-docx or openpyxl;
the exporters load them only when used.
"""

from cadretrain._version import __version__
from cadretrain.catalog import builtin_course_types, course_catalog
from cadretrain.lookups import DatasetIndex, UnknownId
from cadretrain.model import (
    SCHEMA_VERSION,
    Attitude,
    BodyType,
    ClassGroup,
    Classification,
    ClassRecord,
    CourseCategory,
    CourseType,
    Dataset,
    Enrollment,
    Lecturer,
    LecturerRole,
    ManagedBy,
    Measure,
    MemberCount,
    Organization,
    OrganizationKind,
    PartyStatus,
    PartyStatusChange,
    Person,
    Plan,
    PoliticalTheoryLevel,
    Post,
    PostHolding,
    PostPlacement,
    PrintedFigure,
    Qualification,
    QualificationKind,
    Requirement,
    Result,
    SourceDocument,
    StateManagementLevel,
)
from cadretrain.problems import DatasetError, Problem, Severity
from cadretrain.readers import load, read
from cadretrain.readers.json_toml import dump, dumps, loads, to_dict
from cadretrain.readers.plain import DatasetFileError, Loaded, from_dict
from cadretrain.record_checks import RecordError
from cadretrain.validation import validate

__all__ = [
    "SCHEMA_VERSION",
    "Attitude",
    "BodyType",
    "ClassGroup",
    "ClassRecord",
    "Classification",
    "CourseCategory",
    "CourseType",
    "Dataset",
    "DatasetError",
    "DatasetFileError",
    "DatasetIndex",
    "Enrollment",
    "Lecturer",
    "LecturerRole",
    "Loaded",
    "ManagedBy",
    "Measure",
    "MemberCount",
    "Organization",
    "OrganizationKind",
    "PartyStatus",
    "PartyStatusChange",
    "Person",
    "Plan",
    "PoliticalTheoryLevel",
    "Post",
    "PostHolding",
    "PostPlacement",
    "PrintedFigure",
    "Problem",
    "Qualification",
    "QualificationKind",
    "RecordError",
    "Requirement",
    "Result",
    "Severity",
    "SourceDocument",
    "StateManagementLevel",
    "UnknownId",
    "__version__",
    "builtin_course_types",
    "course_catalog",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "read",
    "to_dict",
    "validate",
]
