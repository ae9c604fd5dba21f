"""``cadretrain export PATH --to NAME -o FILE``: write a document with an exporter."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cadretrain.cli._common import (
    CommandFailed,
    add_document_options,
    load_dataset,
    load_rules,
    overwrites_input,
    print_json,
    to_stdout,
    write_stdout,
    writing,
)
from cadretrain.cli._progress import Progress
from cadretrain.cli.exporters import add_plugin_options
from cadretrain.i18n import _


def _option(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(_("{text}: expected KEY=VALUE").format(
            text=repr(text)))
    return key.strip(), value


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "export",
        help=_("write a report, roster, notices or data with an exporter"),
        description=_(
            "Write a document from a dataset with one of the installed exporters (see "
            "`cadretrain exporters`). The file is written whole or not at all: a failed "
            "export leaves an existing file untouched. Exit status: 0 written, 1 invalid "
            "dataset or failed export, 2 unreadable input or wrong usage."),
    )
    parser.add_argument("path", metavar="PATH")  # its help: cadretrain.cli.build_parser
    parser.add_argument("--to", required=True, metavar="NAME",
                        help=_("the exporter (e.g. json)"))
    parser.add_argument("-o", "--output", required=True, metavar="FILE",
                        help=_("the file to write; - writes it to standard output"))
    parser.add_argument("--document", metavar="KIND",
                        help=_("the document kind (default: the exporter's first)"))
    add_document_options(
        parser, year_help=_("the year reported on"),
        on_help=_("the date rules are checked on (default: end of --year, or today)"),
        template_help=_("docx: the Word template of the report (same as --option "
                        "template=FILE)"))
    parser.add_argument("--option", type=_option, action="append", default=[],
                        metavar="KEY=VALUE", help=_("an exporter option (repeatable)"))
    add_plugin_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cadretrain.exporters import (
        ExportContext,
        ExportError,
        PluginError,
        default_meta,
        discover,
        export_bytes,
        export_file,
        meta_from_data,
        read_meta_data,
    )

    try:
        # Only the exporter asked for is imported, unless every plugin is to be checked.
        found = discover(plugins=False if args.no_plugins else None,
                         strict=args.strict_plugins,
                         names=None if args.strict_plugins else {args.to})
        installed = found.get(args.to)
    except PluginError as exc:
        print(f"cadretrain: {exc}", file=sys.stderr)
        return 1
    except ExportError as exc:
        print(f"cadretrain: --to {args.to}: {exc}", file=sys.stderr)
        return 2
    options = dict(args.option)
    if args.template:
        options["template"] = args.template
    if not to_stdout(args.output) and overwrites_input(
            args.output, [args.path, args.meta, options.get("template"),
                          getattr(args, "rules", None)]):
        return 2
    expected = ".zip" if args.document == "notices" and options.get("split", "").lower() in (
        "true", "1", "yes") else installed.exporter.extension
    suffix = Path(args.output).suffix
    if suffix.lower() != expected.lower() and not to_stdout(args.output):
        print(_("cadretrain: warning: {output}: the {name} exporter writes {expected} files, "
                "not {suffix}").format(output=args.output, name=installed.exporter.name,
                                       expected=expected, suffix=suffix or _("(no extension)")),
              file=sys.stderr)
    try:
        meta_data = read_meta_data(args.meta) if args.meta else {}
    except ExportError as exc:
        print(f"cadretrain: {exc}", file=sys.stderr)
        return 2
    progress = Progress(total=2)
    progress.step(_("reading the dataset"))
    try:
        rules = load_rules(args.rules)
        loaded = load_dataset(args.path, on=args.on, progress=progress)
    except CommandFailed as failed:
        return failed.status
    progress.step(_("making the document"))
    dataset = loaded.dataset
    with writing(args.output, progress), progress.listening():
        period = args.period
        year = args.year if args.year is not None else (
            period[1].year if period is not None else None)
        base = default_meta(dataset, year=year, on=args.on)
        meta = meta_from_data(meta_data, base=base, source=args.meta or "meta")
        year = year if year is not None else meta.year
        extra = {} if args.on is None else {"on": args.on}
        context = ExportContext(dataset=dataset, meta=meta, year=year, dates=period, rules=rules,
                                **extra)
        if to_stdout(args.output):
            content = export_bytes(installed, context, args.document, options)
        else:
            target = export_file(installed, context, args.output, args.document, options)
    progress.finish()
    if to_stdout(args.output):
        write_stdout(content)
        return 0
    if args.json:
        print_json({"wrote": [str(target)], "exporter": installed.exporter.name})
        return 0
    print(_("wrote {path} ({exporter})").format(path=target, exporter=installed.exporter.name),
          file=sys.stderr)
    return 0
