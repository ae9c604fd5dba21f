"""The built-in catalog of course types, shipped as data.

The catalog is ``cadretrain/data/course_types.json`` in the dataset format; a
dataset adds its own course types under ``course_types`` without any code.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources

from attrs import frozen

from cadretrain.converter import from_data
from cadretrain.model import CourseType, Dataset

__all__ = ["builtin_course_types", "course_catalog", "course_names"]


@frozen(kw_only=True)
class _CatalogFile:
    course_types: tuple[CourseType, ...]


@functools.cache
def builtin_course_types() -> tuple[CourseType, ...]:
    """The course types every dataset knows: the seed report's and the
    political-theory and state-management courses."""
    text = resources.files("cadretrain").joinpath("data/course_types.json").read_text("utf-8")
    return from_data(json.loads(text), _CatalogFile).course_types


def course_catalog(dataset: Dataset) -> dict[str, CourseType]:
    """All course types a dataset can use, by id: the built-in ones and its own."""
    catalog = {ct.id: ct for ct in builtin_course_types()}
    catalog.update((ct.id, ct) for ct in dataset.course_types)
    return catalog


def course_names(catalog: Mapping[str, CourseType], ids: Iterable[str],
                 locale: str = "vi") -> str:
    """The names of course types for a label, joined by ", " (English names with
    ``locale="en"`` where the catalog has them; an unknown id as itself)."""
    names = []
    for ident in ids:
        course = catalog.get(ident)
        if course is None:
            names.append(ident)
        elif locale.split("_")[0] == "en":
            names.append(course.name_en or course.name)
        else:
            names.append(course.name)
    return ", ".join(names)
