"""The report's sentences, one function per paragraph, in the order the report
prints them: the opening, the results by course type, members reached,
partners, lecturers, the distribution of results, the notes.

Kept in one module (over 400 lines) because the paragraphs read as one text:
their wording is reviewed together against the reports offices write.

Every sentence is a message of the catalog (English in the code, Vietnamese
in ``vi.po``): the report is Vietnamese by default and English under
``i18n.language("en")``; numbers and dates follow the language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from fractions import Fraction

from cadretrain.attainment import AttainmentLine
from cadretrain.formatting import format_count, format_date, format_percent
from cadretrain.i18n import N_, _, current_language, ngettext, pgettext, translate
from cadretrain.metadata import ReportMeta
from cadretrain.model import (
    Classification,
    ClassRecord,
    CourseCategory,
    LecturerRole,
    Measure,
    OrganizationKind,
    PartyStatus,
    Person,
)
from cadretrain.partners import Held
from cadretrain.progress import counted
from cadretrain.reconciliation import figure_decimals, printed_precision
from cadretrain.report.document import Figure, Paragraph, Span
from cadretrain.report.facts import (
    _LEARNERS_BY_CATEGORY,
    _OWN_BODY_KINDS,
    _REPORT_NUMBER,
    _SCHOOL_KINDS,
    _STATUS_WORDS,
    _Facts,
    _join,
    _lower_first,
    _Table,
    _Writer,
)


def _opening(facts: _Facts, meta: ReportMeta, issuer: str, subject: str) -> Paragraph:
    if meta.basis:
        return Paragraph(spans=(Span(text=meta.basis.strip()),))
    dataset = facts.dataset
    reports = {f.source for f in dataset.figures}
    plan_sources = [p.source for p in dataset.plans if p.source  # plans overlapping it
                    and (facts.period is None or (p.period_start <= facts.period[1]
                                                  and facts.period[0] <= p.period_end))]
    by_id = {d.id: d for d in dataset.documents}
    chosen = [by_id[s] for s in dict.fromkeys(plan_sources) if s in by_id and s not in reports]
    if not chosen:  # no plan document: the instructions the dataset names
        chosen = [d for d in dataset.documents if d.id not in reports and d.number
                  and not _REPORT_NUMBER.search(d.number)]
    phrases = []
    for doc in chosen:
        title = doc.title.strip()
        kind, _space, rest = title.partition(" ")
        for word in ("Kế hoạch", "Kết luận", "Chỉ thị", "Nghị quyết", "Hướng dẫn", "Quy định",
                     "Quyết định", "Thông báo", "Chương trình"):
            if title.lower().startswith(word.lower() + " "):
                kind, rest = word, title[len(word) + 1:]
                break
        else:
            kind, rest = _("document"), title
        phrase = kind + (_(" No. {number}").format(number=doc.number) if doc.number else "")
        if doc.issued:
            phrase += _(" of {date}").format(date=format_date(doc.issued, current_language()))
        if doc.issuer:
            phrase += _(" by {issuer}").format(issuer=facts.name(doc.issuer))
        if rest:
            # A Vietnamese title may begin with its own "về" (on).
            phrase += (" " + _lower_first(rest) if rest.lower().startswith("về ")
                       else _(" on {subject}").format(subject=_lower_first(rest)))
        phrases.append(phrase)
    text = (_("Pursuant to {documents}, ").format(documents=_join(phrases)) if phrases
            else "") + _("{issuer} reports on {subject} as follows:").format(
                issuer=issuer, subject=subject)
    return Paragraph(spans=(Span(text=text[:1].upper() + text[1:]),))


def _classes_phrase(w: _Writer, facts: _Facts, course_type: str, classes: Figure,
                    learners: Figure, who: str | None = None) -> str:
    name = facts.course(course_type)
    who = who or pgettext("unit", "learners")
    if " cho " in f" {name} ":  # never "… cho đảng viên mới cho …"
        return ngettext("{classes} class of {name} with {learners} {who}",
                        "{classes} classes of {name} with {learners} {who}",
                        classes.value).format(
            classes=w.figure(classes), name=name, learners=w.figure(learners), who=who)
    return ngettext("{classes} class of {name} for {learners} {who}",
                    "{classes} classes of {name} for {learners} {who}", classes.value).format(
        classes=w.figure(classes), name=name, learners=w.figure(learners), who=who)


def _who(facts: _Facts, course_type: str, records: Sequence[ClassRecord],
         w: _Writer) -> tuple[str, str]:
    """The learners' noun and a clause on their party status: from the
    rosters when every class of the line has one, else by course category."""
    learners = pgettext("unit", "learners")
    if records and all(r.enrollments is not None for r in records):
        counts: dict[str, int] = {}
        unknown = 0  # learners whose party status is not known
        for record in records:
            for e in record.enrollments or ():
                person = facts.people.get(e.person)
                status = _status_on(person, record.start) if person else None
                word = translate(_STATUS_WORDS[status]) if status else None
                if word is None:
                    unknown += 1
                else:
                    counts[word] = counts.get(word, 0) + 1
        if counts:
            ids = "+".join(r.id for r in records)
            parts = [f"{w.count(n, f'enrollments[{ids}].party_status')} {word}"
                     for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
            if unknown:
                parts.append(ngettext("{n} learner of unknown status",
                                      "{n} learners of unknown status", unknown).format(
                    n=w.count(unknown, f"enrollments[{ids}].party_status")))
            return learners, _(" (of whom {parts})").format(parts=", ".join(parts))
        return learners, ""
    category = facts.category(course_type)
    noun = _LEARNERS_BY_CATEGORY.get(category) if category else None
    return (translate(noun) if noun else learners), ""


def _status_on(person: Person, day: date) -> PartyStatus | None:
    status = None
    for change in sorted(person.party_status, key=lambda c: c.since):
        if change.since <= day:
            status = change.status
    return status


def _results(facts: _Facts, tab: _Table, host_root: str | None) -> list[Paragraph]:
    table = tab.table
    paragraphs: list[Paragraph] = []
    held = facts.held()
    records_by_type: dict[str, list[ClassRecord]] = {}
    for record in facts.classes():
        if record.group is None:
            records_by_type.setdefault(record.course_type, []).append(record)
    grouped_types = {g.course_type for g in facts.dataset.class_groups
                     if facts.inside(g.period_start)}

    def who(course_type: str, w: _Writer) -> tuple[str, str]:
        if course_type in grouped_types:  # counts only: by category
            return _who(facts, course_type, (), w)
        return _who(facts, course_type, records_by_type.get(course_type, []), w)

    planned = [ln for ln in table.rows if ln.classes.planned is not None
               or ln.learners.planned is not None]
    unplanned = [ln for ln in table.rows if ln not in planned]
    described: set[str] = set()  # held entries told in a course type's sentence

    # The planned course types together, as "28 lớp ..., đạt 147% kế hoạch, trong đó: ...".
    if planned and _sum_planned(planned) == (0, 0):
        plan = _plan_words(planned)
        paragraphs.append(Paragraph(spans=(Span(
            text=_("No class of the {plan} has been held yet.").format(plan=plan)),)))
    elif planned:
        w = _Writer()
        total = _sum_planned(planned)
        rate_c = _planned_rate(tab, planned, Measure.CLASSES_ATTAINMENT)
        rate_l = _planned_rate(tab, planned, Measure.LEARNERS_ATTAINMENT)
        n_classes = w.count(total[0], "attainment[planned].classes.actual")
        n_learners = w.count(total[1], "attainment[planned].learners.actual")
        w.add(ngettext("Under the plan, {classes} class was held for {learners} learners",
                       "Under the plan, {classes} classes were held for {learners} learners",
                       total[0]).format(classes=n_classes, learners=n_learners))
        w.add(*_rates_clause(w, rate_c, rate_l, _plan_words(planned)))
        if len(planned) > 1:
            w.add(_(", of which: "))
            items = []
            for line in counted(planned, N_("course types")):
                items.append(_type_item(w, facts, tab, line, who))
            w.add("; ".join(items))
        w.add(".")
        paragraphs.append(w.paragraph())

    unplanned_paragraphs: list[tuple[bool, Paragraph]] = []
    for line in counted(unplanned, N_("course types")):
        course_type = line.course_type or ""
        entries = [h for h in held if h.course_type == course_type]
        w = _Writer()
        classes = tab.actual(line, Measure.CLASSES_ATTAINMENT)
        learners = tab.actual(line, Measure.LEARNERS_ATTAINMENT)
        noun, status = who(course_type, w)
        hosts = list(dict.fromkeys(h.host for h in entries))
        co_sets = {h.co_hosts for h in entries}
        if len(hosts) == 1 and len(co_sets) == 1 and next(iter(co_sets)):
            co = next(iter(co_sets))
            w.add(_held_with(facts, [hosts[0]], co))
            described.update(h.source for h in entries)
        else:
            w.add(_("Held "))
        w.add(_classes_phrase(w, facts, course_type, classes, learners, noun), status, ".")
        first = facts.category(course_type) is CourseCategory.KNOWLEDGE_UPDATE
        unplanned_paragraphs.append((first, w.paragraph()))

    # As committees write it: knowledge-update classes first, then the planned
    # classes, the classes held with member organizations, the other kinds,
    # and the classes held with schools.
    members, others = _partners(facts, [h for h in held if h.source not in described])
    paragraphs[:0] = [p for first, p in unplanned_paragraphs if first]
    paragraphs += members
    paragraphs += [p for first, p in unplanned_paragraphs if not first]
    paragraphs += others
    lecturers = _lecturers(facts, host_root)
    if lecturers is not None:
        paragraphs.append(lecturers)
    results = _distribution(facts)
    if results is not None:
        paragraphs.append(results)
    share = _members_reached(facts, host_root)
    if share is not None:
        paragraphs.append(share)
    return paragraphs


def _members_reached(facts: _Facts, root: str | None) -> Paragraph | None:
    """The share of the committee's party members who attended a class of the
    period, when the committee has a member count (a lower bound, and said
    so, when some learners' party status is not known)."""
    from cadretrain.population import member_share
    from cadretrain.selection import Selection

    if root is None or facts.period is None:
        return None
    share = member_share(facts.dataset, root, on=facts.period[1],
                         selection=Selection(period=facts.period))
    ratio = share.ratio
    if ratio is None or share.members is None:
        return None
    w = _Writer()
    source = f"population[{root}]"
    attended = w.count(share.attended.members, f"{source}.attended.members")
    members = w.count(share.members, f"{source}.members")
    # At the precision the committee prints its share with (99,38%), else one decimal.
    decimals = printed_precision((f for f in facts.dataset.figures
                                  if f.measure is Measure.MEMBERS_REACHED and f.scope == root),
                                 facts.period)
    rate = w.figure(Figure(text=format_percent(ratio, 1 if decimals is None else decimals,
                                               current_language()),
                           value=ratio.numerator, denominator=ratio.denominator,
                           source=f"{source}.share"))
    w.add(_("{attended} party members of {organization} attended the classes, {rate} of its "
            "{members} party members").format(attended=attended, organization=facts.name(root),
                                              rate=rate, members=members))
    if not share.complete:
        unknown = w.count(share.attended.unknown, f"{source}.attended.unknown")
        w.add(ngettext(" (at least; for {unknown} learner it is not known whether they are "
                       "a party member)",
                       " (at least; for {unknown} learners it is not known whether they are "
                       "party members)", share.attended.unknown).format(unknown=unknown))
    w.add(".")
    return w.paragraph()


def _sum_planned(lines: Sequence[AttainmentLine]) -> tuple[int, int]:
    return (sum(ln.classes.actual for ln in lines), sum(ln.learners.actual for ln in lines))


def _planned_rate(tab: _Table, lines: Sequence[AttainmentLine],
                  measure: Measure) -> Figure | None:
    """The rate of the planned lines together: the total's when every line
    is planned, else from the planned lines' own sums (never an average)."""
    if len(lines) == 1:
        return tab.rate(lines[0], measure)
    with_plan = [ln for ln in lines if ln.of(measure).planned]
    if not with_plan:
        return None
    if len(with_plan) == len(tab.table.rows) or all(
            ln.of(measure).planned is not None for ln in tab.table.rows):
        return tab.rate(tab.table.total, measure)
    done = sum(ln.of(measure).actual_planned for ln in with_plan)
    plan = sum(ln.of(measure).planned or 0 for ln in with_plan)
    ratio = Fraction(done, plan)
    total = tab.table.total
    decimals = figure_decimals(tab.facts.dataset, tab.table, total, measure)
    word = "classes" if measure is Measure.CLASSES_ATTAINMENT else "learners"
    return Figure(text=format_percent(ratio, 1 if decimals is None else decimals,
                                      current_language()),
                  value=ratio.numerator, denominator=ratio.denominator,
                  source=f"attainment[planned].{word}.rate")


def _rates_clause(w: _Writer, by_classes: Figure | None, by_learners: Figure | None,
                  plan: str | None = None) -> list[str]:
    """``plan``: ``kế hoạch``, or ``kế hoạch năm 2025`` when the period is part
    of a longer plan's (progress against the year's plan)."""
    plan = plan or _("plan")
    if by_classes and by_learners:
        return [_(", attaining {classes} of the {plan} in classes and {learners} in "
                  "learners").format(classes=w.figure(by_classes), plan=plan,
                                     learners=w.figure(by_learners))]
    if by_classes:
        return [_(", attaining {rate} of the {plan}").format(rate=w.figure(by_classes),
                                                            plan=plan)]
    if by_learners:
        return [_(", attaining {rate} of the {plan} in learners").format(
            rate=w.figure(by_learners), plan=plan)]
    return []


def _plan_words(lines: Sequence[AttainmentLine]) -> str:
    """``kế hoạch``, or ``kế hoạch năm N`` when the lines count against a
    plan longer than the period (a report part-way through the year)."""
    periods = {ln.plan_period for ln in lines if ln.plan_period is not None}
    if len(periods) != 1:
        return _("plan")
    start, end = next(iter(periods))
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return _("plan for {year}").format(year=end.year)
    return _("plan for the whole period")  # a plan of several years or of odd dates


def _type_item(w: _Writer, facts: _Facts, tab: _Table, line: AttainmentLine,
               who: Callable[[str, _Writer], tuple[str, str]]) -> str:
    course_type = line.course_type or ""
    if line.classes.actual == 0 and line.learners.actual == 0:
        return _("no class of {course} held yet").format(course=facts.course(course_type))
    noun, status = who(course_type, w)
    phrase = _classes_phrase(w, facts, course_type, tab.actual(line, Measure.CLASSES_ATTAINMENT),
                             tab.actual(line, Measure.LEARNERS_ATTAINMENT), noun) + status
    rate_c = tab.rate(line, Measure.CLASSES_ATTAINMENT)
    rate_l = tab.rate(line, Measure.LEARNERS_ATTAINMENT)
    if rate_c and rate_l:
        phrase += _(", attaining {classes} (classes) and {learners} (learners)").format(
            classes=w.figure(rate_c), learners=w.figure(rate_l))
    elif rate_c or rate_l:
        phrase += _(", attaining {rate}").format(
            rate=w.figure(rate_c or rate_l))  # type: ignore[arg-type]
    return phrase


def _held_with(facts: _Facts, hosts: Sequence[str], co_hosts: Sequence[str]) -> str:
    """``Đảng ủy … phối hợp với … tổ chức `` (with schools: ``liên kết, phối hợp với``)."""
    host = _join([facts.name(h) for h in hosts])
    partners = _join([facts.name(c) for c in co_hosts])
    if all(facts.kind(c) in _SCHOOL_KINDS for c in co_hosts):
        return _("{host}, jointly with {partners}, held ").format(host=host, partners=partners)
    return _("{host}, with {partners}, held ").format(host=host, partners=partners)


def _partners(facts: _Facts, held: Sequence[Held]) -> tuple[list[Paragraph], list[Paragraph]]:
    """The classes held with each partner: member organizations one by one,
    then schools and other partners by the set they held classes with."""
    with_partner = [h for h in held if h.co_hosts]
    members: dict[str, list[Held]] = {}
    others: dict[tuple[str, ...], list[Held]] = {}
    for item in with_partner:
        single = item.co_hosts[0] if len(item.co_hosts) == 1 else None
        if single is not None and facts.kind(single) not in _SCHOOL_KINDS + _OWN_BODY_KINDS \
                and single in facts.orgs:
            members.setdefault(single, []).append(item)
        else:
            others.setdefault(item.co_hosts, []).append(item)
    paragraphs = []
    with_others = []
    if members:
        w = _Writer()
        kinds = {facts.kind(m) for m in members}
        hosts = _join([facts.name(h) for h in dict.fromkeys(
            i.host for items in members.values() for i in items)])
        n = w.count(len(members), "classes.co_hosts")
        if kinds == {OrganizationKind.PARTY_COMMITTEE}:
            w.add(ngettext("{hosts} held classes with {n} party committee, namely: ",
                           "{hosts} held classes with {n} party committees, namely: ",
                           len(members)).format(hosts=hosts, n=n))
        else:
            w.add(ngettext("{hosts} held classes with {n} party organization, namely: ",
                           "{hosts} held classes with {n} party organizations, namely: ",
                           len(members)).format(hosts=hosts, n=n))
        sentences = []
        for member in sorted(members, key=lambda m: _position(facts, m)):
            sentences.append(_("with {partner}, held {classes}").format(
                partner=facts.name(member),
                classes="; ".join(_held_phrase(w, facts, members[member]))))
        w.add(". ".join(s[:1].upper() + s[1:] for s in sentences), ".")
        paragraphs.append(w.paragraph())
    for co_hosts, items in others.items():
        w = _Writer()
        w.add(_held_with(facts, list(dict.fromkeys(i.host for i in items)), co_hosts),
              "; ".join(_held_phrase(w, facts, items)), ".")
        with_others.append(w.paragraph())
    return paragraphs, with_others


def _position(facts: _Facts, org: str) -> int:
    ids = list(facts.orgs)
    return ids.index(org) if org in facts.orgs else len(ids)


def _held_phrase(w: _Writer, facts: _Facts, items: Sequence[Held]) -> list[str]:
    by_type: dict[str, list[Held]] = {}
    for item in items:
        by_type.setdefault(item.course_type, []).append(item)
    phrases = []
    for course_type, group in by_type.items():
        sources = "+".join(i.source for i in group)
        classes = sum(i.classes for i in group)
        learners = sum(i.learners for i in group)
        lang = current_language()
        phrases.append(_classes_phrase(
            w, facts, course_type,
            Figure(text=format_count(classes, lang), value=classes, source=f"{sources}.classes"),
            Figure(text=format_count(learners, lang), value=learners,
                   source=f"{sources}.learners")))
    return phrases


def _own_bodies(facts: _Facts, root: str | None) -> set[str]:
    if root is None:
        return set()
    return {root} | {o.id for o in facts.dataset.organizations
                     if o.parent == root and o.kind in _OWN_BODY_KINDS}


def _lecturers(facts: _Facts, root: str | None) -> Paragraph | None:
    """Who taught: lecturers and guest speakers of the period's classes (each
    counted once by person or name), those from outside the committee named
    by organization; and the cadres the committee sent to speak at classes
    of other organizations."""
    records = facts.classes()
    own = _own_bodies(facts, root)
    seen: dict[tuple[LecturerRole, str], str | None] = {}
    sent: dict[str, set[str]] = {}
    for record in records:
        for lecturer in record.lecturers:
            key = lecturer.person or lecturer.name
            seen.setdefault((lecturer.role, key), lecturer.organization)
            if lecturer.organization in own and record.host not in own:
                sent.setdefault(record.host, set()).add(key)
    if not seen:
        return None
    ids = "+".join(r.id for r in records if r.lecturers)
    w = _Writer()
    teachers = [org for (role, _key), org in seen.items() if role is LecturerRole.LECTURER]
    speakers = [org for (role, _key), org in seen.items() if role is LecturerRole.GUEST_SPEAKER]
    parts = []
    if teachers:
        outside = [o for o in teachers if o and root and not facts.tree.within(o, root)]
        text = ngettext("{n} lecturer", "{n} lecturers", len(teachers)).format(
            n=w.count(len(teachers), f"classes[{ids}].lecturers"))
        if outside:
            names = _join([facts.name(o) for o in dict.fromkeys(outside)])
            text += ngettext(" (of whom {n} lecturer of {names})",
                             " (of whom {n} lecturers of {names})", len(outside)).format(
                n=w.count(len(outside), f"classes[{ids}].lecturers"), names=names)
        parts.append(text)
    if speakers:
        parts.append(ngettext("{n} guest speaker", "{n} guest speakers", len(speakers)).format(
            n=w.count(len(speakers), f"classes[{ids}].lecturers")))
    w.add(_("The classes were taught by {teachers}.").format(teachers=_join(parts)))
    if sent:
        n = sum(len(v) for v in sent.values())
        w.add(ngettext(" Cadres were sent {n} time as lecturers or guest speakers to the "
                       "classes of {organizations}.",
                       " Cadres were sent {n} times as lecturers or guest speakers to the "
                       "classes of {organizations}.", n).format(
            n=w.count(n, "classes.lecturers"),
            organizations=_join([facts.name(h) for h in sent])))
    return w.paragraph()


def _distribution(facts: _Facts) -> Paragraph | None:
    """How the learners with a result were classified: from rosters and from
    the result counts stated for a class or group
    (:func:`cadretrain.distribution.result_distribution`); shares among the
    classified learners."""
    from cadretrain.distribution import result_distribution
    from cadretrain.selection import Selection

    dist = result_distribution(facts.dataset, Selection(period=facts.period))
    if not dist.classified:
        return None
    w = _Writer()
    source = "results.classification"
    classified = w.count(dist.classified, source)
    parts = []
    for classification in Classification:
        n = dist.counts.get(classification, 0)
        if not n:
            continue
        share = Fraction(n, dist.classified)
        rate = Figure(text=format_percent(share, 1, current_language()), value=share.numerator,
                      denominator=share.denominator, source=f"{source}.{classification.value}")
        parts.append(f"{w.count(n, f'{source}.{classification.value}')} "
                     f"{classification.label()} ({w.figure(rate)})")
    w.add(ngettext("The result of the {n} learner classified: {parts}",
                   "The results of the {n} learners classified: {parts}",
                   dist.classified).format(n=classified, parts=", ".join(parts)))
    unclassified = dist.reported - dist.classified  # in classes whose results are known
    if unclassified > 0:
        w.add(ngettext("; {n} learner not yet classified", "; {n} learners not yet classified",
                       unclassified).format(n=w.count(unclassified, source)))
    w.add(".")
    return w.paragraph()


def _notes(facts: _Facts) -> list[Paragraph]:
    """The reconciliation notes: printed figures the data does not give, and
    the plans the data derives from printed percentages."""
    notes = []
    period = facts.period
    from cadretrain.figures import check_figures

    for check in check_figures(facts.dataset, period=period):
        if check.reproduced:
            continue
        fig = check.figure
        notes.append(Paragraph(spans=(Span(
            text=_("The printed figure “{quote}” ({source}): {difference}; this report uses "
                   "the data's figure.").format(quote=fig.quote, source=fig.source,
                                                difference=check.describe(current_language()))),
        )))
    reports = {f.source for f in facts.dataset.figures}
    for plan in facts.dataset.plans:
        if period is not None and not (period[0] <= plan.period_start
                                       and plan.period_end <= period[1]):
            continue
        if plan.source in reports:
            course = ", ".join(facts.course(c) for c in sorted(plan.types))
            note = f" {plan.note}" if plan.note else ""
            notes.append(Paragraph(spans=(Span(
                text=_("The plan of the classes of {course} ({id}) is not in its source "
                       "document: it is derived from the printed percentage.{note}").format(
                    course=course, id=plan.id, note=note)),)))
    return notes
