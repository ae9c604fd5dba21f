"""``cadretrain exporters``: the installed exporters and the broken plugins."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cadretrain.cli._common import add_json_option, print_json
from cadretrain.i18n import _


def add_plugin_options(parser: argparse.ArgumentParser) -> None:
    """``--no-plugins`` and ``--strict-plugins``, shared with ``export``."""
    parser.add_argument("--no-plugins", action="store_true",
                        help=_("load only cadretrain's own exporters, no third-party plugin "
                               "(also: environment variable CADRETRAIN_NO_PLUGINS=1)"))
    parser.add_argument("--strict-plugins", action="store_true",
                        help=_("treat any broken exporter plugin as an error"))


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "exporters",
        help=_("list the installed exporters (Word, Excel, JSON and plugins) and broken "
               "plugins"),
        description=_(
            "List every exporter found in the entry-point group cadretrain.exporters: its "
            "name (for export --to), what it writes, the document kinds (--document) and "
            "options (--option) it accepts, and the distribution and version it comes from. "
            "Plugins that failed to load are listed with the reason. Exit status: 0, or 1 "
            "when some plugin is broken and --strict-plugins is given."),
    )
    add_plugin_options(parser)
    add_json_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cadretrain.exporters import PluginError
    from cadretrain.exporters.registry import list_exporters

    try:
        found = list_exporters(plugins=False if args.no_plugins else None,
                               strict=args.strict_plugins)
    except PluginError as exc:
        print(f"cadretrain: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print_json({
            "exporters": [
                {"name": item.name, "extension": item.extension,
                 "media_type": item.media_type, "description": item.description,
                 "documents": list(item.documents),
                 "options": [{"name": name, "help": help_, "default": default}
                             for name, help_, default in item.options],
                 "distribution": item.distribution, "version": item.version}
                for item in found.exporters],
            "plugins_enabled": found.plugins_enabled,
            "broken": [str(b) for b in found.broken],
        })
        return 0
    for item in found.exporters:
        print(_("{name}  ({extension}, {media_type})  from {distribution} {version}").format(
            name=item.name, extension=item.extension, media_type=item.media_type,
            distribution=item.distribution, version=item.version))
        print(f"    {item.description}")
        print("    " + _("documents: {kinds}").format(kinds=", ".join(item.documents)))
        for name, help_, default in item.options:
            if default is not None:
                help_ = _("{help} (default {default})").format(help=help_, default=default)
            print(f"    --option {name}=...  {help_}")
    if not found.plugins_enabled:
        print(_("(third-party exporters are turned off)"))
    if found.broken:
        print(_("broken plugins:"))
        for broken in found.broken:
            print(f"  {broken}")
    return 0
