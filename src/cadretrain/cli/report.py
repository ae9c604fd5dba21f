"""``cadretrain report PATH -o DIR``: the year's report pack in one command."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cadretrain import i18n
from cadretrain.cli._common import (
    CommandFailed,
    add_document_options,
    load_dataset,
    load_rules,
    overwrites_input,
    print_json,
    problem_data,
    writing,
)
from cadretrain.cli._progress import Progress
from cadretrain.i18n import N_, _, ngettext, number
from cadretrain.problems import Severity


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "report",
        help=_("the year's report pack: Word report, Excel workbook, JSON, result notices"),
        description=_(
            "Validate a dataset, compute attainment against plan, reconcile the figures "
            "printed in its source reports, check the certification rules, and write into "
            "DIR: report.docx, the summary report in the party format; workbook.xlsx, plan "
            "against actual with live formulas; data.json, everything as JSON; "
            "notices/CLASS/ORGANIZATION.docx, the result notices of each class of the year "
            "that has a roster, one per sending organization (fewer with the options below). "
            "All or nothing: the documents are written into a staging directory beside DIR, "
            "which replaces DIR as a whole when every one is made; an earlier pack there "
            "stays whole until then. Prints the files written, then the warnings: printed "
            "figures the data does not reproduce and rule findings. Exit status: 0 written "
            "(warnings and findings included), 1 invalid dataset or failed export, 2 "
            "unreadable input or wrong usage."),
    )
    parser.add_argument("path", metavar="PATH")  # its help: cadretrain.cli.build_parser
    parser.add_argument("-o", "--output", required=True, metavar="DIR",
                        help=_("the directory to write into (created if need be)"))
    add_document_options(
        parser,
        year_help=_("the year reported on (default: the metadata's year, else the latest "
                    "year a class starts in)"),
        period_help=_("the period reported on instead of a calendar year: first and last "
                      "day (YYYY-MM-DD..YYYY-MM-DD) or months (2018-01..2018-06); a class "
                      "belongs to it by its start date"),
        on_help=_("the date rules are checked on (default: the last day of the year)"),
        template_help=_("the Word template of the report (.docx with placeholders; "
                        "`cadretrain template docx -o FILE` writes the built-in one), "
                        "checked before anything is written"))
    parser.add_argument("--no-notices", action="store_true",
                        help=_("write no result notices (the report, workbook and JSON only)"))
    parser.add_argument("--class", dest="classes", action="append", metavar="ID",
                        help=_("result notices of this class only (repeatable; any year)"))
    parser.add_argument("--notices-for", metavar="ORG",
                        help=_("only the result notices to this organization and the "
                               "organizations under it"))
    parser.add_argument("--jobs", type=int, metavar="N",
                        help=_("processes that make the notices (default: one per core; 1: "
                               "none besides this one)"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cadretrain.exporters import ExportError, read_meta_data
    from cadretrain.exporters.api import meta_from_data
    from cadretrain.pack import NOTICE_WARNING, NOTICES_STEP, SelectionError, build_pack

    progress = Progress(total=None)  # known once the dataset is read
    try:
        meta_data = read_meta_data(args.meta) if args.meta else {}
    except ExportError as exc:
        print(f"cadretrain: {exc}", file=sys.stderr)
        return 2
    if overwrites_input(args.output, [args.path, args.meta, getattr(args, "rules", None)],
                        directory=True):
        return 2
    try:
        rules = load_rules(args.rules)
    except CommandFailed as failed:
        return failed.status
    progress.step(i18n._("reading the dataset"))
    try:
        loaded = load_dataset(args.path, on=args.on, quiet_warnings=True,
                              json_errors=args.json, progress=progress)
    except CommandFailed as failed:
        return failed.status

    def step(label: str, done: int, total: int) -> None:
        progress.step(i18n.translate(label))

    with writing(args.output, progress), progress.listening():
        meta = meta_from_data(meta_data, source=args.meta or "meta") if args.meta else None
        try:
            pack = build_pack(loaded.dataset, meta=meta, year=args.year, period=args.period,
                              on=args.on, source=args.path, step=step, rules=rules,
                              docx_options={"template": args.template} if args.template
                              else None, notices=not args.no_notices, classes=args.classes,
                              notices_for=args.notices_for)
        except SelectionError as exc:  # an ExportError, but the usage is wrong: 2
            progress.clear()
            print(f"cadretrain: {exc}", file=sys.stderr)
            raise CommandFailed(2) from None
    if pack.notice_count > NOTICE_WARNING:
        progress.clear()
        print(_("cadretrain: this pack holds {notices} result notices (more than {limit}) of "
                "{classes} class(es); to write fewer: --no-notices, --class ID (repeatable) or "
                "--notices-for ORG").format(notices=number(pack.notice_count),
                                            limit=number(NOTICE_WARNING),
                                            classes=number(len(pack.notices))),
              file=sys.stderr)
    progress.total = progress.done + 3 + (1 if pack.notices else 0)

    def write_step(label: str, done: int, total: int) -> None:
        if label != NOTICES_STEP:
            progress.step(i18n.translate(label))
            return
        notice = done - len(pack.documents)
        if notice == 1:  # the first notice starts the step
            progress.step(i18n.translate(label))
        progress.count(N_("documents"), notice, pack.notice_count)

    with writing(args.output, progress), progress.listening():
        written = pack.write(args.output, step=write_step, processes=args.jobs)
    progress.finish()
    if args.json:
        errors = len(pack.findings.errors)
        print_json({
            "path": str(args.path), "year": pack.year, "on": pack.on.isoformat(),
            "ruleset_version": pack.findings.ruleset_version,
            "wrote": [{"path": str(path), "document": item.document,
                       "description": item.description}
                      for item, path in zip(pack.files, written, strict=True)],
            "classes_without_roster": list(pack.classes_without_roster),
            "data_warnings": [problem_data(p) for p in loaded.warnings],
            "warnings": list(pack.warnings()),
            "discrepancies": len(pack.discrepancies),
            "findings": len(pack.findings.findings), "findings_at_error_level": errors,
        })
        return 0

    from cadretrain.formatting import format_date
    from cadretrain.periods import period_label

    lang = i18n.current_language()
    print(_("{path}: {period}, rules checked on {date} (rule set {version})").format(
        path=args.path, period=period_label(pack.period, lang), date=format_date(pack.on, lang),
        version=pack.findings.ruleset_version))
    for item, path in zip(pack.documents, written, strict=False):
        print(_("wrote {path}  {description}").format(path=path, description=item.description))
    if pack.notices:
        folders = [c for c, _c in pack.notices]
        shown = ", ".join(folders[:20])
        if len(folders) > 20:
            shown += ", " + _("… ({n} more)").format(n=number(len(folders) - 20))
        print(ngettext("wrote {n} result notice of {classes} class(es) under {folder}/: "
                       "{shown}", "wrote {n} result notices of {classes} class(es) under "
                       "{folder}/: {shown}", pack.notice_count).format(
            n=number(pack.notice_count), classes=number(len(folders)),
            folder=written[len(pack.documents)].parent.parent, shown=shown))
    if pack.classes_without_roster:
        print(ngettext("no result notices for {n} class known only by its learner count: "
                       "{classes}", "no result notices for {n} classes known only by their "
                       "learner count: {classes}", len(pack.classes_without_roster)).format(
            n=number(len(pack.classes_without_roster)),
            classes=", ".join(pack.classes_without_roster)))
    sys.stdout.flush()  # the lines above come first when both streams go to one pipe
    problems = [str(p) for p in loaded.warnings]  # each reads "file: place: warning: ..."
    for line in problems:
        print(line, file=sys.stderr)
    lines = pack.warnings()
    first_finding = len(lines) - len(pack.findings.findings)
    warning = Severity.WARNING.label()
    for i, line in enumerate(lines):
        # Findings start with their severity; a printed figure is a warning.
        print(line if i >= first_finding else f"{warning}: {line}", file=sys.stderr)
    sys.stderr.flush()
    errors = len(pack.findings.errors)
    print(ngettext("{n} file written", "{n} files written", len(written)).format(
        n=number(len(written))) + "; " + ", ".join([
        ngettext("{n} data warning", "{n} data warnings", len(problems)).format(
            n=number(len(problems))),
        ngettext("{n} printed figure the data does not reproduce",
                 "{n} printed figures the data does not reproduce",
                 len(pack.discrepancies)).format(n=number(len(pack.discrepancies))),
        ngettext("{n} rule finding ({errors} at error level)",
                 "{n} rule findings ({errors} at error level)",
                 len(pack.findings.findings)).format(n=number(len(pack.findings.findings)),
                                                     errors=number(errors)),
    ]))
    return 0
