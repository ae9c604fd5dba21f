"""Hypothesis strategies that generate valid cadretrain data, for property tests.

Every strategy here generates records that :func:`cadretrain.validate` accepts
without an error once they sit in a dataset with the records they refer to;
:func:`datasets` generates whole datasets that validate without an error (and,
with the default ``consistent_figures=True``, without a warning either).

Text is always in Unicode NFC, because the loader normalizes to NFC: a
generated dataset therefore reads back equal after :func:`cadretrain.dumps`
and :func:`cadretrain.loads`. Use :func:`decomposed` to get the same text in
another normalization form, to test that your own code normalizes.

The strategies are kept by what they build (``text``, ``organizations``,
``posts_and_courses``, ``persons``, ``classes``, ``planning``, ``dataset``
beside this module); import them from ``cadretrain.testing``.

Hypothesis is a test dependency: ``import cadretrain`` does not import this
module; import it explicitly::

    from hypothesis import given
    from cadretrain.testing import datasets

    @given(datasets(min_people=5, with_rosters=True))
    def test_my_exporter(dataset): ...
"""

from __future__ import annotations

from cadretrain.testing.classes import PASS_ATTENDANCE, PASS_GRADE, class_records, results
from cadretrain.testing.dataset import datasets
from cadretrain.testing.organizations import organizations_trees
from cadretrain.testing.persons import party_histories, people, qualifications
from cadretrain.testing.planning import plans
from cadretrain.testing.posts_and_courses import (
    BUILTIN_COURSE_TYPE_IDS,
    POST_CATEGORIES,
    course_types,
    documents,
    posts,
    requirements,
)
from cadretrain.testing.text import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    LATEST_PAST_EVENT,
    MIDDLE_NAMES,
    decomposed,
    identifiers,
    names,
    texts,
    vietnamese_names,
)

__all__ = [
    "BUILTIN_COURSE_TYPE_IDS",
    "FAMILY_NAMES",
    "GIVEN_NAMES",
    "LATEST_PAST_EVENT",
    "MIDDLE_NAMES",
    "PASS_ATTENDANCE",
    "PASS_GRADE",
    "POST_CATEGORIES",
    "class_records",
    "course_types",
    "datasets",
    "decomposed",
    "documents",
    "identifiers",
    "names",
    "organizations_trees",
    "party_histories",
    "people",
    "plans",
    "posts",
    "qualifications",
    "requirements",
    "results",
    "texts",
    "vietnamese_names",
]



