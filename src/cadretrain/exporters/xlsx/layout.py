"""The data sheets of a cadretrain workbook: which sheet holds which records,
and which column holds which field, with Vietnamese headers.

This one table drives three things: the data sheets of an exported workbook,
the empty template (``cadretrain template xlsx``) and the importer, so that a
workbook written by one is read back by the other. It is pure data: nothing
here imports openpyxl.

A sheet holds either a top-level section of the dataset (``Tổ chức`` holds
``organizations``) or records nested in one (``Đảng tịch`` holds each
person's ``party_status``, with a first column naming the person). A field
path with a dot (``result.essay_grade``) is a field of a nested record, left
out when all its cells are empty.

Why one module of over 400 lines: it is a table, not logic: one
:class:`SheetLayout` per record kind with its columns in order, which the
writer and the reader both follow; read as one, it is the workbook's format.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping

from attrs import frozen

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
    "DATA_SHEETS",
    "DATE_FORMAT",
    "LIST_SEPARATOR",
    "Column",
    "SheetLayout",
    "enum_labels",
    "label_of",
    "sheet_named",
    "value_of_label",
]

#: How dates are shown: the Vietnamese day/month/year order.
DATE_FORMAT = "dd/mm/yyyy"
#: Several ids in one cell (co-hosts, parts of a figure) are separated by this.
LIST_SEPARATOR = "; "
#: Yes / no cells.
BOOL_LABELS = {True: "có", False: "không"}


def _labels(pairs: Mapping[enum.Enum, str]) -> dict[str, str]:
    return {member.value: label for member, label in pairs.items()}


_ENUM_LABELS: dict[str, dict[str, str]] = {
    "organization-kind": _labels({
        OrganizationKind.PARTY_COMMITTEE: "đảng bộ",
        OrganizationKind.GRASSROOTS_COMMITTEE: "đảng bộ cơ sở",
        OrganizationKind.BRANCH: "chi bộ",
        OrganizationKind.DEPARTMENT: "ban, văn phòng",
        OrganizationKind.TRAINING_CENTRE: "trung tâm bồi dưỡng chính trị",
        OrganizationKind.SCHOOL: "trường",
        OrganizationKind.ACADEMY: "học viện",
        OrganizationKind.AGENCY: "cơ quan, đơn vị",
    }),
    "party-status": _labels({
        PartyStatus.NON_MEMBER: "quần chúng",
        PartyStatus.CANDIDATE: "quần chúng ưu tú",
        PartyStatus.PROBATIONARY: "đảng viên dự bị",
        PartyStatus.FULL: "đảng viên chính thức",
    }),
    "qualification-kind": _labels({
        QualificationKind.POLITICAL_THEORY: "lý luận chính trị",
        QualificationKind.STATE_MANAGEMENT: "quản lý nhà nước",
        QualificationKind.COURSE_CERTIFICATE: "chứng nhận hoàn thành lớp",
        QualificationKind.CIVIL_SERVICE_RANK: "ngạch công chức",
    }),
    # Levels of both kinds share one column; their labels differ.
    "level": {
        **_labels({
            PoliticalTheoryLevel.ELEMENTARY: "sơ cấp",
            PoliticalTheoryLevel.INTERMEDIATE: "trung cấp",
            PoliticalTheoryLevel.ADVANCED: "cao cấp",
            PoliticalTheoryLevel.ADVANCED_ADMINISTRATION: "cao cấp lý luận chính trị - hành chính",
            PoliticalTheoryLevel.BACHELOR: "cử nhân",
        }),
        **_labels({
            StateManagementLevel.SPECIALIST: "chuyên viên",
            StateManagementLevel.PRINCIPAL_SPECIALIST: "chuyên viên chính",
            StateManagementLevel.SENIOR_SPECIALIST: "chuyên viên cao cấp",
        }),
    },
    "course-category": _labels({
        CourseCategory.PARTY_AWARENESS: "nhận thức về Đảng",
        CourseCategory.NEW_MEMBER: "đảng viên mới",
        CourseCategory.PARTY_WORK: "nghiệp vụ công tác đảng",
        CourseCategory.KNOWLEDGE_UPDATE: "cập nhật kiến thức",
        CourseCategory.POLITICAL_THEORY: "lý luận chính trị",
        CourseCategory.STATE_MANAGEMENT: "quản lý nhà nước",
        CourseCategory.CIVIL_SERVICE_RANK: "bồi dưỡng ngạch",
        CourseCategory.OTHER: "khác",
    }),
    "body-type": _labels({
        BodyType.STATE_ADMINISTRATIVE: "cơ quan hành chính nhà nước",
        BodyType.PUBLIC_SERVICE: "đơn vị sự nghiệp công lập",
        BodyType.PARTY: "cơ quan đảng",
        BodyType.MASS_ORGANIZATION: "mặt trận, đoàn thể",
        BodyType.ELECTED: "cơ quan dân cử",
        BodyType.STATE_ENTERPRISE: "doanh nghiệp nhà nước",
        BodyType.ARMED_FORCES: "lực lượng vũ trang",
        BodyType.OTHER: "khác",
    }),
    "post-placement": _labels({
        PostPlacement.MINISTRY: "thuộc Bộ",
        PostPlacement.GENERAL_DEPARTMENT: "thuộc Tổng cục",
        PostPlacement.PROVINCIAL_DEPARTMENT: "thuộc Sở",
        PostPlacement.SUB_DEPARTMENT: "thuộc Chi cục",
        PostPlacement.DISTRICT: "thuộc cấp huyện",
    }),
    "managed-by": _labels({
        ManagedBy.SENIOR_LEADERSHIP: "nhóm 1: lãnh đạo chủ chốt, cấp cao",
        ManagedBy.POLITBURO: "nhóm 2: diện Bộ Chính trị, Ban Bí thư quản lý",
        ManagedBy.COMMITTEE: "nhóm 3: diện cấp ủy, lãnh đạo cơ quan quản lý",
    }),
    "classification": _labels({
        Classification.OUTSTANDING: "xuất sắc",
        Classification.EXCELLENT: "giỏi",
        Classification.GOOD: "khá",
        Classification.AVERAGE: "trung bình",
        Classification.PASS: "đạt",
        Classification.FAIL: "không đạt",
    }),
    "bound": _labels({
        Bound.MORE_THAN: "trên",
        Bound.AT_LEAST: "ít nhất",
        Bound.LESS_THAN: "dưới",
        Bound.AT_MOST: "không quá",
    }),
    "attitude": _labels({
        Attitude.GOOD: "tốt",
        Attitude.FAIR: "khá",
        Attitude.AVERAGE: "trung bình",
        Attitude.POOR: "yếu",
    }),
    "lecturer-role": _labels({
        LecturerRole.LECTURER: "giảng viên",
        LecturerRole.GUEST_SPEAKER: "báo cáo viên",
    }),
    "measure": _labels({
        Measure.CLASSES: "số lớp",
        Measure.LEARNERS: "số học viên",
        Measure.CLASSES_ATTAINMENT: "% kế hoạch (số lớp)",
        Measure.LEARNERS_ATTAINMENT: "% kế hoạch (số học viên)",
        Measure.MEMBERS_ATTENDED: "số đảng viên được học tập",
        Measure.NON_MEMBERS_ATTENDED: "số quần chúng được học tập",
        Measure.MEMBERS_REACHED: "% đảng viên được học tập",
        Measure.RESULT_COUNT: "số học viên xếp loại",
        Measure.RESULT_SHARE: "% học viên xếp loại",
        Measure.CLASSES_CHANGE: "% số lớp so với cùng kỳ",
        Measure.LEARNERS_CHANGE: "% số học viên so với cùng kỳ",
    }),
    "change": _labels({
        Change.RATIO: "bằng",
        Change.INCREASE: "tăng",
        Change.DECREASE: "giảm",
    }),
}


def enum_labels(name: str) -> dict[str, str]:
    """Value → Vietnamese label for the enumeration ``name`` (a copy)."""
    return dict(_ENUM_LABELS[name])


def label_of(name: str, value: str) -> str:
    """The Vietnamese label of ``value``, or the value itself if it has none."""
    return _ENUM_LABELS[name].get(value, value)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


_BY_LABEL: dict[str, dict[str, str]] = {
    name: {
        **{_fold(value): value for value in labels},
        **{_fold(label): value for value, label in labels.items()},
    }
    for name, labels in _ENUM_LABELS.items()
}


def value_of_label(name: str, text: str) -> str | None:
    """The value a cell means: its Vietnamese label or the value itself,
    in any letter case. None when it is neither."""
    return _BY_LABEL[name].get(_fold(text))


@frozen
class Column:
    """One column of a data sheet.

    ``kind`` is how cells are written and read: ``text``, ``int``,
    ``decimal``, ``date``, ``bool``, ``ids`` (several ids in one cell), or
    ``enum:NAME`` (a Vietnamese label of the enumeration NAME). A ``derived``
    column is written for people to read (a name beside an id) and never read
    back; the template leaves it out.
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
    parent's id (field ``""``), ``section`` the parent's field holding them."""

    name: str
    section: str
    columns: tuple[Column, ...]
    parent: str | None = None
    description: str = ""

    @property
    def read_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.derived)


def _c(header: str, field: str, kind: str = "text", *, required: bool = False,
       width: float | None = None, derived: bool = False) -> Column:
    return Column(header, field, kind, required, width, derived)


#: What a class or class group known only by numbers may state: its learners
#: by party status and its results (the same columns on both sheets).
_STATED_COUNTS = (
    _c("Số đảng viên", "party_members", "int"),
    _c("Số quần chúng", "non_members", "int"),
    _c("Xuất sắc", "results.outstanding", "int"),
    _c("Giỏi", "results.excellent", "int"),
    _c("Khá", "results.good", "int"),
    _c("Trung bình", "results.average", "int"),
    _c("Đạt", "results.passed", "int"),
    _c("Không đạt", "results.fail", "int"),
)

DATA_SHEETS: tuple[SheetLayout, ...] = (
    SheetLayout("Tổ chức", "organizations", (
        _c("Mã tổ chức", "id", required=True),
        _c("Tên tổ chức", "name", required=True, width=48),
        _c("Loại", "kind", "enum:organization-kind", required=True),
        _c("Trực thuộc (mã)", "parent"),
        _c("Tên viết tắt", "short_name"),
        _c("Loại hình cơ quan", "body", "enum:body-type", width=28),
    ), description="Các tổ chức đảng, cơ quan và trường; mỗi dòng một tổ chức."),
    SheetLayout("Số đảng viên", "member_counts", (
        _c("Mã tổ chức", "", required=True),
        _c("Ngày", "on", "date", required=True),
        _c("Số đảng viên", "members", "int", required=True),
    ), parent="Tổ chức", description="Số đảng viên của một tổ chức vào một ngày."),
    SheetLayout("Văn bản", "documents", (
        _c("Mã văn bản", "id", required=True),
        _c("Tên văn bản", "title", required=True, width=48),
        _c("Số hiệu", "number"),
        _c("Ngày ban hành", "issued", "date"),
        _c("Cơ quan ban hành (mã)", "issuer"),
    ), description="Kế hoạch, báo cáo, quyết định là nguồn của số liệu."),
    SheetLayout("Loại lớp", "course_types", (
        _c("Mã loại lớp", "id", required=True),
        _c("Tên loại lớp", "name", required=True, width=48),
        _c("Nhóm", "category", "enum:course-category", required=True),
        _c("Tên tiếng Anh", "name_en"),
        _c("Cấp văn bằng", "grants.kind", "enum:qualification-kind"),
        _c("Trình độ được cấp", "grants.level", "enum:level"),
    ), description="Loại lớp riêng của bộ dữ liệu (ngoài danh mục có sẵn)."),
    SheetLayout("Chức vụ", "posts", (
        _c("Mã chức vụ", "id", required=True),
        _c("Tên chức vụ", "title", required=True, width=36),
        _c("Tổ chức (mã)", "organization", required=True),
        _c("Nhóm chức vụ", "category"),
        _c("Vị trí (NĐ 29)", "placement", "enum:post-placement"),
        _c("Diện quản lý", "managed_by", "enum:managed-by", width=28),
    ), description="Các chức vụ và tổ chức của chúng."),
    SheetLayout("Tiêu chuẩn chức vụ", "requirements", (
        _c("Mã chức vụ", "", required=True),
        _c("Loại văn bằng", "kind", "enum:qualification-kind", required=True),
        _c("Trình độ tối thiểu", "level", "enum:level", required=True),
    ), parent="Chức vụ", description="Trình độ tối thiểu mà một chức vụ yêu cầu."),
    SheetLayout("Học viên", "people", (
        _c("Mã học viên", "id", required=True),
        _c("Họ và tên", "full_name", required=True, width=28),
        _c("Tổ chức (mã)", "organization", required=True),
        _c("Ngày sinh", "birth_date", "date"),
    ), description="Cán bộ, đảng viên, quần chúng ưu tú; mỗi dòng một người."),
    SheetLayout("Đảng tịch", "party_status", (
        _c("Mã học viên", "", required=True),
        _c("Tình trạng", "status", "enum:party-status", required=True),
        _c("Từ ngày", "since", "date", required=True),
        _c("Nghị quyết chi bộ", "resolution", "date"),
        _c("Quyết định", "decision", "date"),
        _c("Lễ kết nạp", "ceremony", "date"),
    ), parent="Học viên", description="Diễn biến tình trạng đảng viên, theo thứ tự ngày; "
       "với kết nạp và công nhận chính thức: ngày nghị quyết của chi bộ, ngày quyết định, "
       "ngày lễ kết nạp."),
    SheetLayout("Đảm nhiệm chức vụ", "posts", (
        _c("Mã học viên", "", required=True),
        _c("Mã chức vụ", "post", required=True),
        _c("Từ ngày", "start", "date", required=True),
        _c("Đến ngày", "end", "date"),
        _c("Chuyển từ ngoài cơ quan hành chính", "from_outside", "bool"),
    ), parent="Học viên", description="Chức vụ một người đảm nhiệm, từ ngày đến ngày."),
    SheetLayout("Văn bằng", "qualifications", (
        _c("Mã học viên", "", required=True),
        _c("Họ và tên", "~person_name", width=28, derived=True),
        _c("Mã văn bằng", "id", required=True),
        _c("Loại văn bằng", "kind", "enum:qualification-kind", required=True),
        _c("Trình độ", "level", "enum:level"),
        _c("Ngày cấp", "issued", "date", required=True),
        _c("Nơi cấp (mã)", "issuer", required=True),
        _c("Loại lớp", "course_type"),
        _c("Hết hạn", "expires", "date"),
        _c("Số hiệu", "number"),
        _c("Mã lớp", "class_id"),
        _c("Giấy xác nhận tương đương", "attests_equivalence", "bool"),
    ), parent="Học viên", description="Văn bằng, chứng chỉ, giấy chứng nhận của từng người."),
    SheetLayout("Nhóm lớp", "class_groups", (
        _c("Mã nhóm lớp", "id", required=True),
        _c("Loại lớp", "course_type", required=True),
        _c("Số lớp", "classes", "int", required=True),
        _c("Số học viên", "learners", "int", required=True),
        _c("Từ ngày", "period_start", "date", required=True),
        _c("Đến ngày", "period_end", "date", required=True),
        _c("Đơn vị tổ chức (mã)", "host", required=True),
        _c("Đơn vị phối hợp (mã)", "co_hosts", "ids"),
        _c("Văn bản nguồn (mã)", "source"),
        *_STATED_COUNTS,
    ), description="Các lớp mà báo cáo chỉ cho số tổng: \"13 lớp cho 1.084 học viên\"."),
    SheetLayout("Lớp", "classes", (
        _c("Mã lớp", "id", required=True),
        _c("Loại lớp", "course_type", required=True),
        _c("Tên lớp", "title", width=36),
        _c("Ký hiệu", "code"),
        _c("Bắt đầu", "start", "date", required=True),
        _c("Kết thúc", "end", "date", required=True),
        _c("Đơn vị tổ chức (mã)", "host", required=True),
        _c("Đơn vị phối hợp (mã)", "co_hosts", "ids"),
        _c("Địa điểm", "venue"),
        _c("Số học viên", "learner_count", "int"),
        _c("Thuộc nhóm lớp (mã)", "group"),
        *_STATED_COUNTS,
    ), description="Mỗi dòng một lớp; danh sách học viên ở sheet Kết quả học tập."),
    SheetLayout("Giảng viên", "lecturers", (
        _c("Mã lớp", "", required=True),
        _c("Họ và tên", "name", required=True, width=28),
        _c("Vai trò", "role", "enum:lecturer-role"),
        _c("Mã học viên (nếu có)", "person"),
        _c("Đơn vị (mã)", "organization"),
    ), parent="Lớp", description="Giảng viên, báo cáo viên của từng lớp."),
    SheetLayout("Kết quả học tập", "enrollments", (
        _c("Mã lớp", "", required=True),
        _c("Mã học viên", "person", required=True),
        _c("Họ và tên", "~person_name", width=28, derived=True),
        _c("Đơn vị cử (mã)", "sending_organization", required=True),
        _c("Vào lớp", "joined", "date"),
        _c("Rời lớp", "left", "date"),
        _c("Chuyên cần", "result.attendance", "decimal"),
        _c("Điểm thu hoạch", "result.essay_grade", "decimal"),
        _c("Xếp loại", "result.classification", "enum:classification"),
        _c("Ý thức học tập", "result.attitude", "enum:attitude"),
        _c("Đã cấp chứng nhận", "result.certificate_issued", "bool"),
        _c("Số chứng nhận", "result.certificate_number"),
        _c("Ghi chú", "result.remarks", width=30),
    ), parent="Lớp", description="Danh sách học viên từng lớp và kết quả cuối khóa."),
    SheetLayout("Kế hoạch", "plans", (
        _c("Mã kế hoạch", "id", required=True),
        _c("Từ ngày", "period_start", "date", required=True),
        _c("Đến ngày", "period_end", "date", required=True),
        _c("Phạm vi (mã tổ chức)", "scope", required=True),
        _c("Loại lớp", "course_type"),
        _c("Số lớp", "classes", "int"),
        _c("Số học viên", "learners", "int"),
        _c("Văn bản nguồn (mã)", "source"),
        _c("Ghi chú", "note", width=40),
        _c("Các loại lớp (kế hoạch chung)", "course_types", "ids"),
    ), description="Chỉ tiêu kế hoạch: số lớp và/hoặc số học viên của một loại lớp, hoặc "
       "của nhiều loại lớp chung một chỉ tiêu."),
    SheetLayout("Số liệu báo cáo", "figures", (
        _c("Mã số liệu", "id", required=True),
        _c("Văn bản nguồn (mã)", "source", required=True),
        _c("Trích dẫn", "quote", required=True, width=48),
        _c("Chỉ số", "measure", "enum:measure", required=True),
        _c("Giá trị", "value", "decimal", required=True),
        _c("Từ ngày", "period_start", "date", required=True),
        _c("Đến ngày", "period_end", "date", required=True),
        _c("Phạm vi (mã tổ chức)", "scope", required=True),
        _c("Loại lớp", "course_types", "ids"),
        _c("Gồm các số liệu (mã)", "parts", "ids"),
        _c("Giới hạn", "bound", "enum:bound"),
        _c("Xếp loại (gồm)", "classifications", "ids"),
        _c("Các lớp (mã)", "classes", "ids"),
        _c("Phối hợp với (mã)", "partner"),
        _c("Số đảng viên tính đến ngày", "counted_on", "date"),
        _c("So với cùng kỳ (bằng/tăng/giảm)", "change", "enum:change"),
        _c("Đối chiếu với dữ liệu", "~status", width=48, derived=True),
    ), description="Số liệu in trong báo cáo, để đối chiếu với dữ liệu."),
)

#: The title of the sheet that says what the workbook is; not read back.
TITLE_FIELD_SHEET = "Nguồn dữ liệu"


def sheet_named(name: str) -> SheetLayout:
    for layout in DATA_SHEETS:
        if layout.name == name:
            return layout
    raise KeyError(name)
