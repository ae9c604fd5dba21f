"""The data sheets of a cadretrain workbook: which sheet holds which records,
and which column holds which field, with headers in the language of the run.

This one table drives three things: the data sheets of an exported workbook,
the empty template (``cadretrain template xlsx``) and the importer, so that a
workbook written by one is read back by the other. It is pure data: nothing
here imports openpyxl.

A sheet holds either a top-level section of the dataset (``Tổ chức``,
"Organizations", holds ``organizations``) or records nested in one
(``Đảng tịch`` holds each person's ``party_status``, with a first column naming
the person). A field path with a dot (``result.essay_grade``) is a field of a
nested record, left out when all its cells are empty.

Sheet names, headers and the labels of enumerations come from the message
catalog: :func:`data_sheets` gives the layout in Vietnamese (the default) or
English; the reader takes a workbook in either (:func:`workbook_language`).
Every sheet has the same columns, in the same order, in both languages.

Why one module of over 400 lines: it is a table, not logic: one
:class:`SheetLayout` per record kind with its columns in order, which the
writer and the reader both follow; read as one, it is the workbook's format.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

from attrs import frozen

from cadretrain.i18n import (
    LANGUAGES,
    N_,
    Language,
    _,
    current_language,
    language,
    pgettext,
    translate,
)
from cadretrain.model import (
    Attitude,
    BodyType,
    Bound,
    Change,
    Classification,
    CourseCategory,
    LecturerRole,
    ManagedBy,
    Measure,
    OrganizationKind,
    PartyStatus,
    PoliticalTheoryLevel,
    PostPlacement,
    QualificationKind,
    StateManagementLevel,
)

__all__ = [
    "BOOL_LABELS",
    "COMPARISON_SHEET",
    "DATA_SHEETS",
    "DATE_FORMAT",
    "FINDINGS_SHEET",
    "GUIDE_SHEET",
    "LISTS_SHEET",
    "LIST_SEPARATOR",
    "PARTNERS_SHEET",
    "PLAN_SHEET",
    "REPORT_SHEETS",
    "SOURCE_SHEET",
    "TITLE_LABEL",
    "Column",
    "SheetLayout",
    "bool_label",
    "data_sheets",
    "enum_labels",
    "label_of",
    "sheet_name",
    "sheet_named",
    "value_of_label",
    "workbook_language",
]

#: How dates are shown: the Vietnamese day/month/year order (in both languages:
#: the data is Vietnamese).
DATE_FORMAT = "dd/mm/yyyy"
#: Several ids in one cell (co-hosts, parts of a figure) are separated by this.
LIST_SEPARATOR = "; "
#: Yes / no cells in Vietnamese (:func:`bool_label` gives them in a language).
BOOL_LABELS = {True: "có", False: "không"}

# The sheets that are not data sheets, by their English name (the catalog's
# msgid): :func:`sheet_name` names them in a language. Plan against actual,
# the report's two tables, the findings, the source of the data; the
# template's guide and lists.
PLAN_SHEET = N_("Plan and actual")
COMPARISON_SHEET = N_("Year on year")
PARTNERS_SHEET = N_("Partners")
FINDINGS_SHEET = N_("Findings")
SOURCE_SHEET = N_("Data source")
GUIDE_SHEET = N_("Guide")
LISTS_SHEET = N_("Lists")
#: The sheets a workbook may have that hold no records to read (the source
#: sheet holds the title only).
REPORT_SHEETS = (PLAN_SHEET, COMPARISON_SHEET, PARTNERS_SHEET, FINDINGS_SHEET, GUIDE_SHEET,
                 LISTS_SHEET)
#: The label in column A of the source sheet whose column B is the dataset's title.
TITLE_LABEL = N_("Dataset title")
#: The sheet that says what the workbook is; not read back but for its title.
TITLE_FIELD_SHEET = SOURCE_SHEET


def sheet_name(key: str, lang: Language | None = None) -> str:
    """The name of a sheet that is not a data sheet (:data:`PLAN_SHEET`, ...)
    in ``lang`` (default: the current language); at most 31 characters in
    both, as Excel requires."""
    return translate(key, lang)


def bool_label(value: bool, lang: Language | None = None) -> str:
    """A yes / no cell: ``có`` / ``không``, ``yes`` / ``no``."""
    return translate(N_("yes") if value else N_("no"), lang)


def _labels(pairs: Mapping[enum.Enum, str]) -> dict[str, str]:
    return {member.value: label for member, label in pairs.items()}


def _enum_table() -> dict[str, dict[str, str]]:
    """The labels of every enumeration a column takes, in the current language."""
    return {
        "organization-kind": _labels({
            OrganizationKind.PARTY_COMMITTEE: _("party committee"),
            OrganizationKind.GRASSROOTS_COMMITTEE: _("grassroots party committee"),
            OrganizationKind.BRANCH: _("party branch"),
            OrganizationKind.DEPARTMENT: _("department, office"),
            OrganizationKind.TRAINING_CENTRE: _("political training centre"),
            OrganizationKind.SCHOOL: _("school"),
            OrganizationKind.ACADEMY: _("academy"),
            OrganizationKind.AGENCY: _("agency, unit"),
        }),
        "party-status": _labels({status: status.label() for status in PartyStatus}),
        "qualification-kind": _labels({
            QualificationKind.POLITICAL_THEORY: _("political theory"),
            QualificationKind.STATE_MANAGEMENT: _("state management"),
            QualificationKind.COURSE_CERTIFICATE: _("course certificate"),
            QualificationKind.CIVIL_SERVICE_RANK: _("civil service rank"),
        }),
        # Levels of both kinds share one column; their labels differ.
        "level": {
            **_labels({
                PoliticalTheoryLevel.ELEMENTARY: pgettext("qualification level", "elementary"),
                PoliticalTheoryLevel.INTERMEDIATE: pgettext("qualification level",
                                                            "intermediate"),
                PoliticalTheoryLevel.ADVANCED: pgettext("qualification level", "advanced"),
                PoliticalTheoryLevel.ADVANCED_ADMINISTRATION: _(
                    "advanced political theory and administration"),
                PoliticalTheoryLevel.BACHELOR: pgettext("qualification level", "bachelor"),
            }),
            **_labels({
                StateManagementLevel.SPECIALIST: pgettext("qualification level", "specialist"),
                StateManagementLevel.PRINCIPAL_SPECIALIST: _("principal specialist"),
                StateManagementLevel.SENIOR_SPECIALIST: _("senior specialist"),
            }),
        },
        "course-category": _labels({
            CourseCategory.PARTY_AWARENESS: _("awareness of the Party"),
            CourseCategory.NEW_MEMBER: _("new party members"),
            CourseCategory.PARTY_WORK: _("party work skills"),
            CourseCategory.KNOWLEDGE_UPDATE: _("knowledge update"),
            CourseCategory.POLITICAL_THEORY: _("political theory"),
            CourseCategory.STATE_MANAGEMENT: _("state management"),
            CourseCategory.CIVIL_SERVICE_RANK: _("civil service rank training"),
            CourseCategory.OTHER: pgettext("category", "other"),
        }),
        "body-type": _labels({
            BodyType.STATE_ADMINISTRATIVE: _("state administrative agency"),
            BodyType.PUBLIC_SERVICE: _("public service unit"),
            BodyType.PARTY: _("party agency"),
            BodyType.MASS_ORGANIZATION: _("front, mass organization"),
            BodyType.ELECTED: _("elected body"),
            BodyType.STATE_ENTERPRISE: _("state enterprise"),
            BodyType.ARMED_FORCES: _("armed forces"),
            BodyType.OTHER: pgettext("category", "other"),
        }),
        "post-placement": _labels({
            PostPlacement.MINISTRY: _("in a ministry"),
            PostPlacement.GENERAL_DEPARTMENT: _("in a general department"),
            PostPlacement.PROVINCIAL_DEPARTMENT: _("in a provincial department"),
            PostPlacement.SUB_DEPARTMENT: _("in a sub-department"),
            PostPlacement.DISTRICT: _("at district level"),
        }),
        "managed-by": _labels({
            ManagedBy.SENIOR_LEADERSHIP: _("group 1: key and senior leaders"),
            ManagedBy.POLITBURO: _("group 2: managed by the Politburo and the Secretariat"),
            ManagedBy.COMMITTEE: _("group 3: managed by the committee or the agency's "
                                   "leadership"),
        }),
        "classification": _labels({c: c.label() for c in Classification}),
        "bound": _labels({
            Bound.MORE_THAN: _("more than"),
            Bound.AT_LEAST: _("at least"),
            Bound.LESS_THAN: _("less than"),
            Bound.AT_MOST: _("at most"),
        }),
        "attitude": _labels({
            Attitude.GOOD: pgettext("attitude", "good"),
            Attitude.FAIR: pgettext("attitude", "fair"),
            Attitude.AVERAGE: pgettext("attitude", "average"),
            Attitude.POOR: pgettext("attitude", "poor"),
        }),
        "lecturer-role": _labels({
            LecturerRole.LECTURER: _("lecturer"),
            LecturerRole.GUEST_SPEAKER: _("guest speaker"),
        }),
        # The words of Measure.label(), as the report and the command line say them.
        "measure": _labels({m: m.label() for m in Measure}),
        "change": _labels({
            Change.RATIO: _("equal to"),
            Change.INCREASE: _("increase"),
            Change.DECREASE: _("decrease"),
        }),
    }


#: Words the workbook wrote for an enumeration before it took the enumeration's own
#: labels: still read, in either language, so that a workbook filled in with them loads.
_FORMER_LABELS = {
    "measure": {
        Measure.CLASSES: N_("number of classes"),
        Measure.LEARNERS: N_("number of learners"),
        Measure.CLASSES_ATTAINMENT: N_("share of plan (classes)"),
        Measure.LEARNERS_ATTAINMENT: N_("share of plan (learners)"),
        Measure.MEMBERS_ATTENDED: N_("number of party members trained"),
        Measure.NON_MEMBERS_ATTENDED: N_("number of non-members trained"),
        Measure.MEMBERS_REACHED: N_("share of party members trained"),
        Measure.RESULT_COUNT: N_("number of learners by result"),
        Measure.RESULT_SHARE: N_("share of learners by result"),
        Measure.CLASSES_CHANGE: N_("classes against the same period (%)"),
        Measure.LEARNERS_CHANGE: N_("learners against the same period (%)"),
    },
}


@cache
def _enum_labels_in(lang: Language) -> dict[str, dict[str, str]]:
    with language(lang):
        return _enum_table()


def enum_labels(name: str, lang: Language | None = None) -> dict[str, str]:
    """Value → label for the enumeration ``name`` in ``lang`` (default: the
    current language; a copy)."""
    return dict(_enum_labels_in(lang or current_language())[name])


def label_of(name: str, value: str, lang: Language | None = None) -> str:
    """The label of ``value`` in ``lang`` (default: the current language), or
    the value itself if it has none."""
    return _enum_labels_in(lang or current_language())[name].get(value, value)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


@cache
def _by_label() -> dict[str, dict[str, str]]:
    # Either language's label, or the value itself; Vietnamese wins a tie.
    out: dict[str, dict[str, str]] = {}
    for lang in reversed(LANGUAGES):
        for name, former in _FORMER_LABELS.items():
            out.setdefault(name, {}).update(
                {_fold(translate(label, lang)): member.value for member, label in former.items()})
        for name, labels in _enum_labels_in(lang).items():
            found = out.setdefault(name, {})
            found.update({_fold(value): value for value in labels})
            found.update({_fold(label): value for value, label in labels.items()})
    return out


def value_of_label(name: str, text: str) -> str | None:
    """The value a cell means: its label in Vietnamese or English, or the value
    itself, in any letter case. None when it is none of them."""
    return _by_label()[name].get(_fold(text))


@frozen
class Column:
    """One column of a data sheet.

    ``kind`` is how cells are written and read: ``text``, ``int``,
    ``decimal``, ``date``, ``bool``, ``ids`` (several ids in one cell), or
    ``enum:NAME`` (a label of the enumeration NAME). A ``derived``
    column is written for people to read (a name beside an id) and never read
    back; the template leaves it out. ``header`` is in the language of the
    layout (:func:`data_sheets`).
    """

    header: str
    field: str
    kind: str = "text"
    required: bool = False
    width: float | None = None
    derived: bool = False


@frozen
class SheetLayout:
    """A data sheet. ``section`` is the dataset field it holds; for nested
    records ``parent`` names the parent sheet, and the first column is the
    parent's id (field ``""``), ``section`` the parent's field holding them.
    ``name``, ``parent`` and ``description`` are in the language of the
    layout; ``key`` names the sheet in every language (``people`` for the
    people, ``people.posts`` for the posts they hold)."""

    name: str
    section: str
    columns: tuple[Column, ...]
    parent: str | None = None
    description: str = ""
    key: str = ""

    @property
    def read_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.derived)


def _c(header: str, field: str, kind: str = "text", *, required: bool = False,
       width: float | None = None, derived: bool = False) -> Column:
    return Column(header, field, kind, required, width, derived)


def _sheets() -> tuple[SheetLayout, ...]:
    """The data sheets with their names and headers in the current language."""
    # What a class or class group known only by numbers may state: its learners
    # by party status and its results (the same columns on both sheets).
    stated_counts = (
        _c(_("Party members"), "party_members", "int"),
        _c(_("Non-members"), "non_members", "int"),
        _c(pgettext("column", "Outstanding"), "results.outstanding", "int"),
        _c(pgettext("column", "Excellent"), "results.excellent", "int"),
        _c(pgettext("column", "Good"), "results.good", "int"),
        _c(pgettext("column", "Average"), "results.average", "int"),
        _c(pgettext("column", "Pass"), "results.passed", "int"),
        _c(pgettext("column", "Fail"), "results.fail", "int"),
    )
    organizations = pgettext("sheet", "Organizations")
    posts = pgettext("sheet", "Posts")
    people = pgettext("sheet", "People")
    classes = pgettext("sheet", "Classes")
    person_id = _("Person id")
    class_id = _("Class id")
    post_id = _("Post id")
    from_day, to_day = _("From"), _("To")
    course_type = pgettext("column", "Course type")
    host, co_hosts = _("Host (id)"), _("Co-hosts (ids)")
    source = _("Source document (id)")
    scope = _("Scope (organization id)")
    full_name = _("Full name")
    qualification_kind = _("Qualification kind")
    return (
        SheetLayout(organizations, "organizations", (
            _c(_("Organization id"), "id", required=True),
            _c(_("Organization name"), "name", required=True, width=48),
            _c(pgettext("column", "Kind"), "kind", "enum:organization-kind", required=True),
            _c(_("Under (id)"), "parent"),
            _c(_("Short name"), "short_name"),
            _c(_("Type of body"), "body", "enum:body-type", width=28),
        ), description=_("The party organizations, agencies and schools; one organization "
                         "a row."), key="organizations"),
        SheetLayout(pgettext("sheet", "Member counts"), "member_counts", (
            _c(_("Organization id"), "", required=True),
            _c(_("Date"), "on", "date", required=True),
            _c(_("Party members"), "members", "int", required=True),
        ), parent=organizations, description=_("An organization's number of party members "
                                               "on a day."), key="organizations.member_counts"),
        SheetLayout(pgettext("sheet", "Documents"), "documents", (
            _c(_("Document id"), "id", required=True),
            _c(_("Document title"), "title", required=True, width=48),
            _c(_("Number"), "number"),
            _c(_("Issued on"), "issued", "date"),
            _c(_("Issuer (id)"), "issuer"),
        ), description=_("Plans, reports and decisions the figures come from."),
            key="documents"),
        SheetLayout(pgettext("sheet", "Course types"), "course_types", (
            _c(_("Course type id"), "id", required=True),
            _c(_("Course type name"), "name", required=True, width=48),
            _c(_("Group"), "category", "enum:course-category", required=True),
            _c(_("English name"), "name_en"),
            _c(_("Grants qualification"), "grants.kind", "enum:qualification-kind"),
            _c(_("Level granted"), "grants.level", "enum:level"),
        ), description=_("The dataset's own course types (besides the built-in catalog)."),
            key="course_types"),
        SheetLayout(posts, "posts", (
            _c(post_id, "id", required=True),
            _c(_("Post title"), "title", required=True, width=36),
            _c(_("Organization (id)"), "organization", required=True),
            _c(_("Post group"), "category"),
            _c(_("Placement (Decree 29)"), "placement", "enum:post-placement"),
            _c(_("Managed by"), "managed_by", "enum:managed-by", width=28),
        ), description=_("The posts and their organizations."), key="posts"),
        SheetLayout(pgettext("sheet", "Post requirements"), "requirements", (
            _c(post_id, "", required=True),
            _c(qualification_kind, "kind", "enum:qualification-kind", required=True),
            _c(_("Minimum level"), "level", "enum:level", required=True),
        ), parent=posts, description=_("The minimum level a post requires."),
            key="posts.requirements"),
        SheetLayout(people, "people", (
            _c(person_id, "id", required=True),
            _c(full_name, "full_name", required=True, width=28),
            _c(_("Organization (id)"), "organization", required=True),
            _c(_("Date of birth"), "birth_date", "date"),
        ), description=_("Cadres, party members, admission candidates; one person a row."),
            key="people"),
        SheetLayout(pgettext("sheet", "Party status"), "party_status", (
            _c(person_id, "", required=True),
            _c(_("Status"), "status", "enum:party-status", required=True),
            _c(from_day, "since", "date", required=True),
            _c(_("Branch resolution"), "resolution", "date"),
            _c(_("Decision"), "decision", "date"),
            _c(_("Admission ceremony"), "ceremony", "date"),
        ), parent=people, description=_(
            "How a person's party status changed, by date; for an admission and a "
            "recognition as full member: the dates of the branch's resolution, of the "
            "decision and of the admission ceremony."), key="people.party_status"),
        SheetLayout(pgettext("sheet", "Posts held"), "posts", (
            _c(person_id, "", required=True),
            _c(post_id, "post", required=True),
            _c(from_day, "start", "date", required=True),
            _c(to_day, "end", "date"),
            _c(_("Moved from outside the administration"), "from_outside", "bool"),
        ), parent=people, description=_("The posts a person holds, from a day to a day."),
            key="people.posts"),
        SheetLayout(pgettext("sheet", "Qualifications"), "qualifications", (
            _c(person_id, "", required=True),
            _c(full_name, "~person_name", width=28, derived=True),
            _c(_("Qualification id"), "id", required=True),
            _c(qualification_kind, "kind", "enum:qualification-kind", required=True),
            _c(_("Level"), "level", "enum:level"),
            _c(_("Date issued"), "issued", "date", required=True),
            _c(_("Issued by (id)"), "issuer", required=True),
            _c(course_type, "course_type"),
            _c(_("Expires"), "expires", "date"),
            _c(_("Number"), "number"),
            _c(class_id, "class_id"),
            _c(_("Attests an equivalence"), "attests_equivalence", "bool"),
        ), parent=people, description=_("Each person's diplomas, certificates and "
                                        "attestations."), key="people.qualifications"),
        SheetLayout(pgettext("sheet", "Class groups"), "class_groups", (
            _c(_("Class group id"), "id", required=True),
            _c(course_type, "course_type", required=True),
            _c(pgettext("column", "Classes"), "classes", "int", required=True),
            _c(pgettext("column", "Learners"), "learners", "int", required=True),
            _c(from_day, "period_start", "date", required=True),
            _c(to_day, "period_end", "date", required=True),
            _c(host, "host", required=True),
            _c(co_hosts, "co_hosts", "ids"),
            _c(source, "source"),
            *stated_counts,
        ), description=_('The classes a report gives only totals of: "13 classes for '
                         '1,084 learners".'), key="class_groups"),
        SheetLayout(classes, "classes", (
            _c(class_id, "id", required=True),
            _c(course_type, "course_type", required=True),
            _c(_("Class title"), "title", width=36),
            _c(_("Code"), "code"),
            _c(_("Starts"), "start", "date", required=True),
            _c(_("Ends"), "end", "date", required=True),
            _c(host, "host", required=True),
            _c(co_hosts, "co_hosts", "ids"),
            _c(_("Venue"), "venue"),
            _c(pgettext("column", "Learners"), "learner_count", "int"),
            _c(_("In class group (id)"), "group"),
            *stated_counts,
        ), description=_("One class a row; the learners are on the sheet {sheet}.").format(
            sheet=pgettext("sheet", "Rosters and results")), key="classes"),
        SheetLayout(pgettext("sheet", "Lecturers"), "lecturers", (
            _c(class_id, "", required=True),
            _c(full_name, "name", required=True, width=28),
            _c(_("Role"), "role", "enum:lecturer-role"),
            _c(_("Person id (if any)"), "person"),
            _c(_("Unit (id)"), "organization"),
        ), parent=classes, description=_("The lecturers and guest speakers of each class."),
            key="classes.lecturers"),
        SheetLayout(pgettext("sheet", "Rosters and results"), "enrollments", (
            _c(class_id, "", required=True),
            _c(person_id, "person", required=True),
            _c(full_name, "~person_name", width=28, derived=True),
            _c(_("Sent by (id)"), "sending_organization", required=True),
            _c(_("Joined"), "joined", "date"),
            _c(_("Left"), "left", "date"),
            _c(_("Attendance"), "result.attendance", "decimal"),
            _c(_("Essay grade"), "result.essay_grade", "decimal"),
            _c(_("Classification"), "result.classification", "enum:classification"),
            _c(_("Attitude"), "result.attitude", "enum:attitude"),
            _c(_("Certificate issued"), "result.certificate_issued", "bool"),
            _c(_("Certificate number"), "result.certificate_number"),
            _c(_("Remarks"), "result.remarks", width=30),
        ), parent=classes, description=_("Each class's learners and their results at the "
                                         "end of the course."), key="classes.enrollments"),
        SheetLayout(pgettext("sheet", "Plans"), "plans", (
            _c(_("Plan id"), "id", required=True),
            _c(from_day, "period_start", "date", required=True),
            _c(to_day, "period_end", "date", required=True),
            _c(scope, "scope", required=True),
            _c(course_type, "course_type"),
            _c(pgettext("column", "Classes"), "classes", "int"),
            _c(pgettext("column", "Learners"), "learners", "int"),
            _c(source, "source"),
            _c(_("Note"), "note", width=40),
            _c(_("Course types (shared plan)"), "course_types", "ids"),
        ), description=_("Plan targets: classes and/or learners of a course type, or of "
                         "several course types under one target."), key="plans"),
        SheetLayout(pgettext("sheet", "Printed figures"), "figures", (
            _c(_("Figure id"), "id", required=True),
            _c(source, "source", required=True),
            _c(_("Quote"), "quote", required=True, width=48),
            _c(_("Measure"), "measure", "enum:measure", required=True),
            _c(_("Value"), "value", "decimal", required=True),
            _c(from_day, "period_start", "date", required=True),
            _c(to_day, "period_end", "date", required=True),
            _c(scope, "scope", required=True),
            _c(pgettext("column", "Course types"), "course_types", "ids"),
            _c(_("Made of the figures (ids)"), "parts", "ids"),
            _c(_("Bound"), "bound", "enum:bound"),
            _c(_("Classifications (included)"), "classifications", "ids"),
            _c(_("Classes (ids)"), "classes", "ids"),
            _c(_("With partner (id)"), "partner"),
            _c(_("Party members counted on"), "counted_on", "date"),
            _c(_("Against the same period (equal/increase/decrease)"), "change",
               "enum:change"),
            _c(_("Against the data"), "~status", width=48, derived=True),
        ), description=_("The figures printed in the reports, to check against the data."),
            key="figures"),
    )


@cache
def _sheets_in(lang: Language) -> tuple[SheetLayout, ...]:
    with language(lang):
        return _sheets()


def data_sheets(lang: Language | None = None) -> tuple[SheetLayout, ...]:
    """The data sheets with names and headers in ``lang`` (default: the
    current language)."""
    return _sheets_in(lang or current_language())


#: The data sheets in Vietnamese (what the workbook has always said);
#: :func:`data_sheets` gives them in a language.
DATA_SHEETS: tuple[SheetLayout, ...] = data_sheets("vi")


def sheet_named(name: str, lang: Language | None = None) -> SheetLayout:
    """The data sheet called ``name`` in ``lang``, or in either language when
    ``lang`` is not given (its layout in that language)."""
    for each in (lang,) if lang else LANGUAGES:
        for layout in data_sheets(each):
            if layout.name == name:
                return layout
    raise KeyError(name)


def workbook_language(sheet_names: Iterable[str]) -> Language:
    """The language a workbook is written in, from its sheet names: the
    language most of its data and report sheets are named in (Vietnamese on
    a tie or when none is known)."""
    folded = {_fold(n) for n in sheet_names}

    def known(lang: Language) -> int:
        names = {_fold(s.name) for s in data_sheets(lang)}
        names |= {_fold(sheet_name(k, lang)) for k in (*REPORT_SHEETS, SOURCE_SHEET)}
        return len(folded & names)
    return max(LANGUAGES, key=lambda lang: (known(lang), lang == "vi"))
