"""Whole datasets that validate without an error (:func:`datasets`).
"""

from __future__ import annotations

from hypothesis import strategies as st

from cadretrain.model import Dataset
from cadretrain.testing.classes import class_records
from cadretrain.testing.organizations import organizations_trees
from cadretrain.testing.persons import people
from cadretrain.testing.planning import _certify, _figures, _groups, plans
from cadretrain.testing.posts_and_courses import (
    BUILTIN_COURSE_TYPE_IDS,
    course_types,
    documents,
    posts,
)
from cadretrain.testing.text import _maybe, identifiers, texts


def datasets(
    *,
    min_people: int = 0,
    max_people: int = 10,
    min_organizations: int = 1,
    max_organizations: int = 8,
    min_depth: int = 1,
    max_posts: int = 5,
    min_classes: int = 0,
    max_classes: int = 5,
    max_class_groups: int = 2,
    min_plans: int = 0,
    max_plans: int = 4,
    max_documents: int = 2,
    max_figures: int = 4,
    max_course_types: int = 1,
    with_rosters: bool = True,
    with_learner_counts: bool = True,
    consistent_figures: bool = True,
    coherent_results: bool = False,
    with_certificates: bool = False,
    years: tuple[int, int] = (2016, 2025),
) -> st.SearchStrategy[Dataset]:
    """A whole dataset that :func:`cadretrain.validate` accepts without an error.

    - an organization tree of ``min_organizations`` to ``max_organizations``
      with at least ``min_depth`` levels (:func:`organizations_trees`);
    - posts with :data:`POST_CATEGORIES` and people holding them, with party
      histories and qualifications (:func:`people`);
    - classes starting within ``years``: with ``with_rosters``, classes may
      carry a full roster of the dataset's people; with
      ``with_learner_counts``, classes may carry only a count (at least one
      of the two must be true). Some classes belong to class groups of their
      course type and year;
    - plans (:func:`plans`), source documents and printed figures (counts
      with parts of the same measure; with ``consistent_figures`` every total
      is the sum of its parts, so the dataset has no warning either);
    - up to ``max_course_types`` course types of its own, used like the
      built-in ones;
    - with ``coherent_results``, every learner on a roster has a result that
      agrees with the default pass policy (see :func:`results`); with
      ``with_certificates``, each certificate a result says was issued is
      recorded among the learner's qualifications with the class's id (the
      level, for a course type that grants one), issued on the class's last
      day, unless that day is after :data:`LATEST_PAST_EVENT`.

    For one year of attainment data, pass ``years=(2024, 2024)``; for an
    organization tree of several levels, ``min_depth=3``.

    Drawing a dataset takes some tens of milliseconds (hundreds of draws);
    with ``deadline=None`` and a modest ``max_examples`` a test stays fast.
    """
    if not (with_rosters or with_learner_counts):
        raise ValueError("a class needs a roster or a learner count: allow one of them")
    if min_depth < 1 or max_organizations < max(min_organizations, min_depth):
        raise ValueError("need 1 <= min_depth <= max_organizations, "
                         "min_organizations <= max_organizations")
    return _datasets(
        min_people=min_people,
        max_people=max_people,
        min_organizations=min_organizations,
        max_organizations=max_organizations,
        min_depth=min_depth,
        max_posts=max_posts,
        min_classes=min_classes,
        max_classes=max_classes,
        max_class_groups=max_class_groups,
        min_plans=min_plans,
        max_plans=max_plans,
        max_documents=max_documents,
        max_figures=max_figures,
        max_course_types=max_course_types,
        with_rosters=with_rosters,
        with_learner_counts=with_learner_counts,
        consistent_figures=consistent_figures,
        coherent_results=coherent_results,
        with_certificates=with_certificates,
        years=years,
    )


@st.composite
def _datasets(
    draw: st.DrawFn,
    *,
    min_people: int = 0,
    max_people: int = 10,
    min_organizations: int = 1,
    max_organizations: int = 8,
    min_depth: int = 1,
    max_posts: int = 5,
    min_classes: int = 0,
    max_classes: int = 5,
    max_class_groups: int = 2,
    min_plans: int = 0,
    max_plans: int = 4,
    max_documents: int = 2,
    max_figures: int = 4,
    max_course_types: int = 1,
    with_rosters: bool = True,
    with_learner_counts: bool = True,
    consistent_figures: bool = True,
    coherent_results: bool = False,
    with_certificates: bool = False,
    years: tuple[int, int] = (2016, 2025),
) -> Dataset:
    orgs = draw(organizations_trees(min_size=min_organizations, max_size=max_organizations,
                                    min_depth=min_depth))
    org_ids = [o.id for o in orgs]
    own_types = draw(st.lists(course_types(), max_size=max_course_types,
                              unique_by=lambda c: c.id))
    type_ids = [*BUILTIN_COURSE_TYPE_IDS, *(c.id for c in own_types)]
    doc_ids = draw(st.lists(identifiers(), max_size=max_documents, unique=True))
    docs = [draw(documents(id=d)) for d in doc_ids]
    post_ids = draw(st.lists(identifiers(), max_size=max_posts, unique=True))
    post_list = [draw(posts(org_ids, id=p)) for p in post_ids]
    person_ids = draw(st.lists(identifiers(), min_size=min_people, max_size=max_people,
                               unique=True))
    persons = [draw(people(org_ids, post_ids, id=p, course_type_ids=type_ids))
               for p in person_ids]
    class_ids = draw(st.lists(identifiers(), min_size=min_classes, max_size=max_classes,
                              unique=True))
    roster: bool | None = None if with_rosters and with_learner_counts else with_rosters
    classes = [draw(class_records(org_ids, persons, id=c, course_type_ids=type_ids,
                                  years=years, roster=roster,
                                  coherent_results=coherent_results)) for c in class_ids]
    if with_certificates:
        persons = _certify(persons, classes, own_types)
    group_ids = draw(st.lists(identifiers(), max_size=max_class_groups, unique=True))
    classes, groups = draw(_groups(classes, group_ids, org_ids, type_ids, doc_ids, years))
    plan_ids = draw(st.lists(identifiers(), min_size=min_plans, max_size=max_plans,
                             unique=True))
    plan_list = [draw(plans(org_ids, id=p, course_type_ids=type_ids, document_ids=doc_ids,
                            years=years)) for p in plan_ids]
    figure_ids = draw(st.lists(identifiers(), max_size=max_figures if doc_ids else 0,
                               unique=True))
    figures = draw(_figures(figure_ids, org_ids, type_ids, doc_ids, years,
                            consistent_figures))
    return Dataset(
        title=draw(_maybe(texts(max_size=40))),
        organizations=orgs,
        course_types=tuple(own_types),
        people=tuple(persons),
        posts=tuple(post_list),
        classes=tuple(classes),
        class_groups=tuple(groups),
        plans=tuple(plan_list),
        documents=tuple(docs),
        figures=tuple(figures),
    )
