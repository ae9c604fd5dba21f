"""The domain model: plain, immutable, typed records.

Everything here is data. No function in this module reads a file, imports a
document library or looks at the clock; loading lives in :mod:`cadretrain.readers.json_toml`,
checking in :mod:`cadretrain.validation`.

Identifiers (``id`` fields) are short strings chosen by the user; records refer
to each other by these ids, never by object identity, so that a dataset can be
written by hand and read back unchanged.

Why one module of over 700 lines: it is the dataset format itself, every
record and enumeration a file can hold, in the order docs/dataset-format.md
describes them. The records are declarations (fields and their docstrings),
not logic; one module keeps the whole schema readable at once, as a file
format's definition should be.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from attrs import frozen

from cadretrain.i18n import N_, Language, translate
from cadretrain.record_checks import check_record

if TYPE_CHECKING:
    from cadretrain.lookups import DatasetIndex

__all__ = [
    "SCHEMA_VERSION",
    "Attitude",
    "BodyType",
    "Bound",
    "Change",
    "ClassGroup",
    "ClassRecord",
    "Classification",
    "CourseCategory",
    "CourseType",
    "Dataset",
    "Enrollment",
    "Lecturer",
    "LecturerRole",
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
    "Qualification",
    "QualificationKind",
    "Requirement",
    "Result",
    "ResultCounts",
    "SourceDocument",
    "StateManagementLevel",
]

class _Record:
    # Every record checks its fields after __init__, as the loader checks a
    # file (cadretrain.record_checks): a mistake is refused where it is made.
    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        check_record(self)


#: The version of the dataset file format this library writes and reads.
SCHEMA_VERSION = 1


class OrganizationKind(enum.Enum):
    """What an organization is. Party bodies and the schools that co-host classes."""

    PARTY_COMMITTEE = "party-committee"  #: đảng bộ / đảng ủy
    GRASSROOTS_COMMITTEE = "grassroots-committee"  #: đảng bộ cơ sở
    BRANCH = "branch"  #: chi bộ
    DEPARTMENT = "department"  #: ban, văn phòng (a body of a committee)
    TRAINING_CENTRE = "training-centre"  #: trung tâm bồi dưỡng chính trị
    SCHOOL = "school"  #: trường đào tạo cán bộ
    ACADEMY = "academy"  #: học viện
    AGENCY = "agency"  #: cơ quan, đơn vị (state side)


class BodyType(enum.Enum):
    """What sort of body an organization is, where a regulation covers only one
    sort: Nghị định 29/2024/NĐ-CP covers state administrative bodies only."""

    STATE_ADMINISTRATIVE = "state-administrative"  #: cơ quan hành chính nhà nước
    PUBLIC_SERVICE = "public-service"  #: đơn vị sự nghiệp công lập
    PARTY = "party"  #: cơ quan của Đảng
    MASS_ORGANIZATION = "mass-organization"  #: Mặt trận Tổ quốc, tổ chức chính trị - xã hội
    ELECTED = "elected"  #: Quốc hội, Hội đồng nhân dân và cơ quan của chúng
    STATE_ENTERPRISE = "state-enterprise"  #: doanh nghiệp nhà nước
    ARMED_FORCES = "armed-forces"  #: lực lượng vũ trang
    OTHER = "other"


class PostPlacement(enum.Enum):
    """Where a post sits, as Nghị định 29/2024/NĐ-CP lays its standards out."""

    MINISTRY = "ministry"  #: Bộ, cơ quan ngang Bộ và các vụ, cục thuộc Bộ
    GENERAL_DEPARTMENT = "general-department"  #: Tổng cục và tương đương thuộc Bộ
    PROVINCIAL_DEPARTMENT = "provincial-department"  #: Sở và tương đương thuộc UBND cấp tỉnh
    SUB_DEPARTMENT = "sub-department"  #: Chi cục và tương đương thuộc Sở
    DISTRICT = "district"  #: cơ quan chuyên môn thuộc UBND cấp huyện


class ManagedBy(enum.Enum):
    """Who manages a cadre holding a post: the three groups of Quy định
    145-QĐ/TW (10/5/2024), Điều 1 khoản 2 điểm b."""

    #: nhóm 1: lãnh đạo chủ chốt và lãnh đạo cấp cao của Đảng, Nhà nước, MTTQ
    SENIOR_LEADERSHIP = "senior-leadership"
    #: nhóm 2: cán bộ thuộc diện Bộ Chính trị, Ban Bí thư quản lý
    POLITBURO = "politburo"
    #: nhóm 3: cán bộ thuộc diện cấp ủy, tổ chức đảng, lãnh đạo cơ quan, đơn vị quản lý
    COMMITTEE = "committee"


class PartyStatus(enum.Enum):
    """A person's standing towards the Party at a point in time."""

    NON_MEMBER = "non-member"  #: quần chúng
    CANDIDATE = "candidate"  #: quần chúng ưu tú, đối tượng kết nạp
    PROBATIONARY = "probationary"  #: đảng viên dự bị
    FULL = "full"  #: đảng viên chính thức

    def label(self, lang: Language | None = None) -> str:
        """The words reports use for this standing (``đảng viên dự bị``) in ``lang``
        (default: the current language), from the catalog."""
        return translate(_LABELS[self], lang)


class QualificationKind(enum.Enum):
    POLITICAL_THEORY = "political-theory"  #: lý luận chính trị
    STATE_MANAGEMENT = "state-management"  #: quản lý nhà nước
    COURSE_CERTIFICATE = "course-certificate"  #: giấy chứng nhận hoàn thành lớp
    #: ngạch công chức (its level a state-management rank value; ``issued`` is
    #: the appointment date)
    CIVIL_SERVICE_RANK = "civil-service-rank"


class PoliticalTheoryLevel(enum.Enum):
    """Political-theory levels, lowest first. Order matters: see :attr:`rank`."""

    ELEMENTARY = "elementary"  #: sơ cấp
    INTERMEDIATE = "intermediate"  #: trung cấp
    ADVANCED = "advanced"  #: cao cấp
    #: cao cấp lý luận chính trị - hành chính (ranks with advanced, above it)
    ADVANCED_ADMINISTRATION = "advanced-administration"
    BACHELOR = "bachelor"  #: cử nhân

    @property
    def rank(self) -> int:
        """The level's place in the order, 0 for the lowest: compare levels by rank."""
        return _PT_ORDER.index(self)


_PT_ORDER = list(PoliticalTheoryLevel)


class StateManagementLevel(enum.Enum):
    """State-management levels, lowest first. Order matters: see :attr:`rank`."""

    SPECIALIST = "specialist"  #: chuyên viên
    PRINCIPAL_SPECIALIST = "principal-specialist"  #: chuyên viên chính
    SENIOR_SPECIALIST = "senior-specialist"  #: chuyên viên cao cấp

    @property
    def rank(self) -> int:
        """The level's place in the order, 0 for the lowest: compare levels by rank."""
        return _SM_ORDER.index(self)


_SM_ORDER = list(StateManagementLevel)


class CourseCategory(enum.Enum):
    """What kind of training a course type is; rules and reports group by it."""

    PARTY_AWARENESS = "party-awareness"  #: đối tượng kết nạp đảng / nhận thức về Đảng
    NEW_MEMBER = "new-member"  #: đảng viên mới
    PARTY_WORK = "party-work"  #: nghiệp vụ công tác đảng
    KNOWLEDGE_UPDATE = "knowledge-update"  #: bồi dưỡng, cập nhật kiến thức
    POLITICAL_THEORY = "political-theory"  #: lý luận chính trị
    STATE_MANAGEMENT = "state-management"  #: quản lý nhà nước
    CIVIL_SERVICE_RANK = "civil-service-rank"  #: bồi dưỡng ngạch
    OTHER = "other"


class Classification(enum.Enum):
    """Classification of a learner's result (xếp loại).

    Graded classes use ``outstanding`` to ``average`` (and ``fail``); classes
    that only pass or fail use ``pass`` and ``fail``. Every classification but
    ``fail`` meets the requirement (*đạt yêu cầu*): see :attr:`passed`.
    """

    OUTSTANDING = "outstanding"  #: xuất sắc (above giỏi)
    EXCELLENT = "excellent"  #: giỏi
    GOOD = "good"  #: khá
    AVERAGE = "average"  #: trung bình
    PASS = "pass"  #: đạt (a class that is only passed or failed)
    FAIL = "fail"  #: không đạt

    @property
    def passed(self) -> bool:
        """Whether the result meets the requirement (đạt yêu cầu)."""
        return self is not Classification.FAIL

    def label(self, lang: Language | None = None) -> str:
        """The classification as reports write it (``giỏi``) in ``lang``
        (default: the current language), from the catalog."""
        return translate(_LABELS[self], lang)


class Attitude(enum.Enum):
    """A learner's study attitude (ý thức học tập), as a class notice reports it."""

    GOOD = "good"  #: tốt
    FAIR = "fair"  #: khá
    AVERAGE = "average"  #: trung bình
    POOR = "poor"  #: yếu


class LecturerRole(enum.Enum):
    LECTURER = "lecturer"  #: giảng viên
    GUEST_SPEAKER = "guest-speaker"  #: báo cáo viên


class Measure(enum.Enum):
    """What a printed figure counts."""

    CLASSES = "classes"  #: số lớp
    LEARNERS = "learners"  #: số học viên
    CLASSES_ATTAINMENT = "classes-attainment"  #: % kế hoạch, tính theo số lớp
    LEARNERS_ATTAINMENT = "learners-attainment"  #: % kế hoạch, tính theo số học viên
    MEMBERS_ATTENDED = "members-attended"  #: số đảng viên được học tập (người)
    NON_MEMBERS_ATTENDED = "non-members-attended"  #: số quần chúng được học tập (người)
    MEMBERS_REACHED = "members-reached"  #: % đảng viên của tổ chức được học tập
    RESULT_COUNT = "result-count"  #: số học viên xếp loại (giỏi, khá ...)
    RESULT_SHARE = "result-share"  #: % học viên xếp loại (giỏi, khá ...)
    #: % số lớp so với cùng kỳ năm trước ("bằng 105%", "tăng 12%": see :class:`Change`)
    CLASSES_CHANGE = "classes-change"
    #: % số học viên so với cùng kỳ năm trước
    LEARNERS_CHANGE = "learners-change"

    @property
    def is_percent(self) -> bool:
        """Whether the figure states a percentage (a number of percent)."""
        return self in _PERCENT_MEASURES

    def label(self, lang: Language | None = None) -> str:
        """What this measure counts, as a column title (``Số lớp``) in ``lang``
        (default: the current language), from the catalog."""
        return translate(_LABELS[self], lang)


_PERCENT_MEASURES = frozenset({
    Measure.CLASSES_ATTAINMENT, Measure.LEARNERS_ATTAINMENT,
    Measure.MEMBERS_REACHED, Measure.RESULT_SHARE,
    Measure.CLASSES_CHANGE, Measure.LEARNERS_CHANGE,
})


class Change(enum.Enum):
    """How a figure of change against the same period a year earlier is
    printed: the period's count as a share of the earlier one's ("bằng 105%
    so với cùng kỳ năm trước"), or the difference as a share of the earlier
    count ("tăng 12% so với cùng kỳ", "giảm 5%")."""

    RATIO = "ratio"  #: bằng X% so với cùng kỳ (the default)
    INCREASE = "increase"  #: tăng X% so với cùng kỳ
    DECREASE = "decrease"  #: giảm X% so với cùng kỳ


class Bound(enum.Enum):
    """A printed figure that states a bound, not a value."""

    MORE_THAN = "more-than"  #: trên, hơn
    AT_LEAST = "at-least"  #: ít nhất, không dưới
    LESS_THAN = "less-than"  #: dưới
    AT_MOST = "at-most"  #: không quá, tối đa



# ---------------------------------------------------------------- organizations


@frozen(kw_only=True)
class MemberCount(_Record):
    """How many party members an organization had on a date.

    Used where an organization's people are not listed one by one.
    """

    on: date
    members: int


@frozen(kw_only=True)
class Organization(_Record):
    """A node of the organization tree: a committee, a branch, a school."""

    id: str
    name: str
    kind: OrganizationKind
    parent: str | None = None
    short_name: str | None = None
    member_counts: tuple[MemberCount, ...] = ()
    #: what sort of body it is; an organization without one takes its parent's
    body: BodyType | None = None


# ---------------------------------------------------------------------- people


@frozen(kw_only=True)
class PartyStatusChange(_Record):
    """From ``since`` on, the person's status is ``status``.

    Admission and full membership are each several dated acts; a record keeps
    the ones it knows (a file that gives only ``since`` still loads, and rules
    that need a missing date say which one they lacked):

    - ``resolution``: the branch's resolution (nghị quyết của chi bộ) proposing
      the admission (on a ``probationary`` change) or the full membership (on a
      ``full`` change);
    - ``decision``: the competent committee's decision (quyết định kết nạp;
      quyết định công nhận đảng viên chính thức); party age counts from the
      admission decision;
    - ``ceremony``: the admission ceremony (lễ kết nạp), ``probationary`` only;
      the 12-month probation counts from it.

    ``since`` is the day the status begins as the file records it. For a
    ``full`` change it is the recognition as a full member.
    """

    status: PartyStatus
    since: date
    resolution: date | None = None
    decision: date | None = None
    ceremony: date | None = None


@frozen(kw_only=True)
class PostHolding(_Record):
    """A person holds ``post`` from ``start`` until ``end`` (open if None).

    ``from_outside`` marks an appointment of someone moved in from outside the
    state administrative bodies (the armed forces, a public service unit, a state
    enterprise...), who has a period to complete the post's standards."""

    post: str
    start: date
    end: date | None = None
    from_outside: bool = False


@frozen(kw_only=True)
class Qualification(_Record):
    """A qualification a person holds: a political-theory or state-management
    level, or a course-completion certificate.

    ``level`` is a :class:`PoliticalTheoryLevel` or :class:`StateManagementLevel`
    value for those kinds; ``course_type`` names the course for a certificate.
    A renewal is a new qualification record; nothing is overwritten.
    ``attests_equivalence`` marks a certificate of an equivalent level (giấy xác
    nhận tương đương trình độ) rather than a diploma of the level; rules say
    when such a certificate counts.
    """

    id: str
    kind: QualificationKind
    issued: date
    issuer: str
    level: str | None = None
    course_type: str | None = None
    expires: date | None = None
    number: str | None = None
    class_id: str | None = None
    attests_equivalence: bool = False


@frozen(kw_only=True)
class Person(_Record):
    """A cadre, party member or admission candidate.

    ``full_name`` is written in the Vietnamese order (family, middle, given);
    sorting uses the given name first (see :mod:`cadretrain.collation`).
    """

    id: str
    full_name: str
    organization: str
    birth_date: date | None = None
    party_status: tuple[PartyStatusChange, ...] = ()
    posts: tuple[PostHolding, ...] = ()
    qualifications: tuple[Qualification, ...] = ()


# ----------------------------------------------------------- posts and courses


@frozen(kw_only=True)
class Requirement(_Record):
    """A qualification a post asks for: at least ``level`` of ``kind``."""

    kind: QualificationKind
    level: str


@frozen(kw_only=True)
class Post(_Record):
    """A position (chức vụ) in an organization.

    ``category`` is the key rules use to find the standard a post requires
    (for example ``"department-director"``); ``requirements`` lists any
    requirement stated directly for this post.
    """

    id: str
    title: str
    organization: str
    category: str | None = None
    requirements: tuple[Requirement, ...] = ()
    #: where the post sits (under a ministry, a general department, ...)
    placement: PostPlacement | None = None
    #: who manages its holder (the groups of Quy định 145-QĐ/TW)
    managed_by: ManagedBy | None = None


@frozen(kw_only=True)
class CourseType(_Record):
    """A kind of course. The built-in catalog ships as data; a dataset adds its own."""

    id: str
    name: str
    category: CourseCategory
    name_en: str | None = None
    grants: Requirement | None = None


# --------------------------------------------------------------------- classes


@frozen(kw_only=True)
class Result(_Record):
    """A learner's result at the end of a class.

    ``attendance`` is the share of sessions attended, from 0 to 1;
    ``essay_grade`` is the written essay's grade (bài thu hoạch) on a 0-10 scale.
    """

    attendance: Decimal | None = None
    essay_grade: Decimal | None = None
    classification: Classification | None = None
    attitude: Attitude | None = None
    certificate_issued: bool = False
    certificate_number: str | None = None
    remarks: str | None = None


@frozen(kw_only=True)
class Enrollment(_Record):
    """A learner in a class, sent by a party organization.

    ``joined`` and ``left`` are set only for a learner who came late or left
    early; both lie within the class's dates.
    """

    person: str
    sending_organization: str
    joined: date | None = None
    left: date | None = None
    result: Result | None = None


@frozen(kw_only=True)
class ResultCounts(_Record):
    """How many learners of a class (or class group) got each classification,
    for classes a report knows only by counts: "12 giỏi, 30 khá, 5 trung bình".

    A graded class uses ``outstanding`` to ``average`` and ``fail``; a class
    that is only passed or failed uses ``passed`` and ``fail``. Learners not
    counted in any are unclassified (not known).
    """

    outstanding: int = 0
    excellent: int = 0
    good: int = 0
    average: int = 0
    passed: int = 0
    fail: int = 0

    def of(self, classification: Classification) -> int:
        """The count of one classification."""
        return int(getattr(self, _COUNT_FIELD[classification]))

    @property
    def total(self) -> int:
        """All learners with a classification."""
        return sum(self.of(c) for c in Classification)


_COUNT_FIELD = {
    Classification.OUTSTANDING: "outstanding",
    Classification.EXCELLENT: "excellent",
    Classification.GOOD: "good",
    Classification.AVERAGE: "average",
    Classification.PASS: "passed",
    Classification.FAIL: "fail",
}


@frozen(kw_only=True)
class Lecturer(_Record):
    """Someone who teaches in a class: a person of the dataset or a named guest."""

    name: str
    role: LecturerRole = LecturerRole.LECTURER
    person: str | None = None
    organization: str | None = None


@frozen(kw_only=True)
class ClassRecord(_Record):
    """One run of a course type (a lớp).

    A class has either a full roster (``enrollments``) or, when a report only
    gives a number, ``learner_count``. When both are given they must agree.
    ``group`` names the :class:`ClassGroup` this class is one of, when a report
    gives the class by itself and again inside an aggregate; it is then counted
    once, through the group.

    For a class known only by counts, ``party_members`` and ``non_members``
    split its learners by party status (đảng viên, quần chúng) as the report
    states them, and ``results`` gives its result counts; a roster gives both
    from its people and results instead.
    """

    id: str
    course_type: str
    start: date
    end: date
    host: str
    code: str | None = None
    title: str | None = None
    co_hosts: tuple[str, ...] = ()
    lecturers: tuple[Lecturer, ...] = ()
    venue: str | None = None
    learner_count: int | None = None
    enrollments: tuple[Enrollment, ...] | None = None
    group: str | None = None
    party_members: int | None = None
    non_members: int | None = None
    results: ResultCounts | None = None

    @property
    def learners(self) -> int:
        """How many learners the class had: the roster's size, else the stated count."""
        if self.enrollments is not None:
            return len(self.enrollments)
        return self.learner_count if self.learner_count is not None else 0


@frozen(kw_only=True)
class ClassGroup(_Record):
    """Classes a report gives only in aggregate: "13 lớp ... cho 1.084 học viên".

    Nothing is invented to split such a total into classes; the group counts
    as ``classes`` classes with ``learners`` learners in all. Classes the
    report also names one by one point here with their ``group`` field.
    ``party_members``, ``non_members`` and ``results`` are counts for the
    whole group, as for a :class:`ClassRecord` known by counts.
    """

    id: str
    course_type: str
    classes: int
    learners: int
    period_start: date
    period_end: date
    host: str
    co_hosts: tuple[str, ...] = ()
    source: str | None = None
    party_members: int | None = None
    non_members: int | None = None
    results: ResultCounts | None = None


# ------------------------------------------------------------ plans and sources


@frozen(kw_only=True)
class SourceDocument(_Record):
    """A document that data comes from: a plan, a report, a decision."""

    id: str
    title: str
    number: str | None = None
    issued: date | None = None
    issuer: str | None = None


@frozen(kw_only=True)
class Plan(_Record):
    """A quota (kế hoạch): classes and/or learners of a course type for a period,
    within an organization's scope (the organization and everything below it).

    A plan names one course type (``course_type``) or several together
    (``course_types``: "240 lớp các loại"), never both; :attr:`types` is the
    set either way.
    """

    id: str
    period_start: date
    period_end: date
    scope: str
    course_type: str | None = None
    classes: int | None = None
    learners: int | None = None
    source: str | None = None
    note: str | None = None
    course_types: tuple[str, ...] = ()

    @property
    def types(self) -> frozenset[str]:
        """The course types the plan covers."""
        if self.course_type is not None:
            return frozenset((self.course_type, *self.course_types))
        return frozenset(self.course_types)


@frozen(kw_only=True)
class PrintedFigure(_Record):
    """A figure as printed in a source report, kept to check it against the data.

    ``quote`` is the text as printed; ``value`` the number it states (a percentage
    as a number of percent: ``162.5`` for "162,5%"). The figure selects classes
    hosted within ``scope`` that start within the period and are of one of
    ``course_types`` (all when empty). ``parts`` names other figures this one
    claims to be the total of.
    """

    id: str
    source: str
    quote: str
    measure: Measure
    value: Decimal
    period_start: date
    period_end: date
    scope: str
    course_types: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    bound: Bound | None = None
    classifications: tuple[Classification, ...] = ()
    classes: tuple[str, ...] = ()
    partner: str | None = None
    counted_on: date | None = None
    #: For a ``classes-change`` / ``learners-change`` figure: how the change
    #: is printed (None: as a ratio, "bằng 105%").
    change: Change | None = None


# --------------------------------------------------------------------- dataset


@frozen(kw_only=True)
class Dataset(_Record):
    """Everything one file holds. ``course_types`` extend the built-in catalog."""

    schema_version: int = SCHEMA_VERSION
    title: str | None = None
    organizations: tuple[Organization, ...] = ()
    course_types: tuple[CourseType, ...] = ()
    people: tuple[Person, ...] = ()
    posts: tuple[Post, ...] = ()
    classes: tuple[ClassRecord, ...] = ()
    class_groups: tuple[ClassGroup, ...] = ()
    plans: tuple[Plan, ...] = ()
    documents: tuple[SourceDocument, ...] = ()
    figures: tuple[PrintedFigure, ...] = ()

    # -------------------------------------------------------------- lookups
    # Built once per dataset (cadretrain.lookups) and shared by every caller.
    # A missing id raises cadretrain.lookups.UnknownId, a KeyError.

    @property
    def index(self) -> DatasetIndex:
        """Every record by id, and each organization's children (built on first use)."""
        from cadretrain.lookups import index_of

        return index_of(self)

    def person(self, id: str) -> Person:
        """The person with this id."""
        return self.index.people[id]

    def organization(self, id: str) -> Organization:
        """The organization with this id."""
        return self.index.organizations[id]

    def class_record(self, id: str) -> ClassRecord:
        """The class with this id."""
        return self.index.classes[id]

    def course_type(self, id: str) -> CourseType:
        """The course type with this id: the dataset's own, else the built-in one."""
        return self.index.course_types[id]

    def post(self, id: str) -> Post:
        """The post with this id."""
        return self.index.posts[id]

    def children(self, organization: str) -> tuple[Organization, ...]:
        """The organizations directly under ``organization``, in dataset order."""
        return self.index.children(organization)


# The words of the enumerations' labels (public through each member's label()),
# kept in the catalog so that every output and every plugin says the same.
_LABELS: dict[enum.Enum, str] = {
    PartyStatus.NON_MEMBER: N_("non-member"),
    PartyStatus.CANDIDATE: N_("admission candidate"),
    PartyStatus.PROBATIONARY: N_("probationary party member"),
    PartyStatus.FULL: N_("full party member"),
    Classification.OUTSTANDING: N_("outstanding"),
    Classification.EXCELLENT: N_("excellent"),
    Classification.GOOD: N_("good"),
    Classification.AVERAGE: N_("average"),
    Classification.PASS: N_("pass"),
    Classification.FAIL: N_("fail"),
    Measure.CLASSES: N_("Classes"),
    Measure.LEARNERS: N_("Learners"),
    Measure.CLASSES_ATTAINMENT: N_("Attainment by classes"),
    Measure.LEARNERS_ATTAINMENT: N_("Attainment by learners"),
    Measure.MEMBERS_ATTENDED: N_("Party members trained"),
    Measure.NON_MEMBERS_ATTENDED: N_("Non-members trained"),
    Measure.MEMBERS_REACHED: N_("Share of party members trained"),
    Measure.RESULT_COUNT: N_("Learners by result"),
    Measure.RESULT_SHARE: N_("Share of learners by result"),
    Measure.CLASSES_CHANGE: N_("Classes against the same period a year earlier"),
    Measure.LEARNERS_CHANGE: N_("Learners against the same period a year earlier"),
}
