"""Finding exporters: the entry-point group ``cadretrain.exporters``.

There is no list of exporters in code: the built-ins are entry points of the
``cadretrain`` distribution itself, third-party exporters are entry points of
theirs. A plugin that fails to load is reported and left out; the others keep
working.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Collection, Iterable
from importlib.metadata import EntryPoint, entry_points

from attrs import frozen

from cadretrain.exporters.api import INTERFACE_VERSION, Exporter, ExportError
from cadretrain.i18n import _, current_language

GROUP = "cadretrain.exporters"
#: Set to 1 to load only cadretrain's own exporters.
NO_PLUGINS_ENV = "CADRETRAIN_NO_PLUGINS"
OWN_DISTRIBUTION = "cadretrain"


@frozen(kw_only=True)
class Installed:
    """An exporter and the distribution it comes from."""

    exporter: Exporter
    distribution: str
    version: str

    @property
    def builtin(self) -> bool:
        return _normal(self.distribution) == OWN_DISTRIBUTION


@frozen(kw_only=True)
class BrokenPlugin:
    """An entry point that could not be used, and why."""

    name: str
    distribution: str
    version: str
    error: str

    def __str__(self) -> str:
        return _("exporter {name} from {distribution} {version}: {error}").format(
            name=repr(self.name), distribution=self.distribution, version=self.version,
            error=self.error)


@frozen(kw_only=True)
class Discovery:
    """Every usable exporter by name, and every broken or conflicting one."""

    exporters: dict[str, Installed]
    broken: tuple[BrokenPlugin, ...]
    plugins_enabled: bool

    def get(self, name: str) -> Installed:
        """The exporter ``name``, or :class:`ExportError` saying why it is not there."""
        if name in self.exporters:
            return self.exporters[name]
        problems = [b for b in self.broken if b.name == name]
        if problems:
            raise ExportError("\n".join(str(b) for b in problems))
        known = ", ".join(sorted(self.exporters)) or "-"
        raise ExportError((_("no exporter named {name}; installed: {known}")
                           if self.plugins_enabled else
                           _("no exporter named {name}; installed: {known} (third-party "
                             "exporters are turned off)")).format(name=repr(name), known=known))


class PluginError(ExportError):
    """Strict mode: some plugin is broken."""


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def plugins_disabled_by_env() -> bool:
    return os.environ.get(NO_PLUGINS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _origin(ep: EntryPoint) -> tuple[str, str]:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return _("an unknown distribution"), "?"
    return str(dist.metadata["Name"] or dist.name), str(dist.version)


def _load(ep: EntryPoint) -> Exporter:
    """The :class:`Exporter` an entry point names (an object, or a function
    returning one). Raises with a message saying what is wrong."""
    target = ep.load()
    exporter = target if isinstance(target, Exporter) else None
    if exporter is None and callable(target):
        exporter = target()
    if not isinstance(exporter, Exporter):
        raise TypeError(_("{value} is not a cadretrain.exporters.Exporter (got {type})").format(
            value=ep.value, type=type(exporter).__name__))
    if exporter.interface_version != INTERFACE_VERSION:
        older = exporter.interface_version < INTERFACE_VERSION
        raise TypeError((
            _("written for an older exporter interface (version {version}); this cadretrain "
              "provides version {current}: update the plugin") if older else
            _("written for a newer exporter interface (version {version}); this cadretrain "
              "provides version {current}: update the plugin or cadretrain")).format(
            version=exporter.interface_version, current=INTERFACE_VERSION))
    if exporter.name != ep.name:
        raise TypeError(_("registered as {name} but calls itself {own}").format(
            name=repr(ep.name), own=repr(exporter.name)))
    return exporter


def _claimed(name: str, claimants: list[tuple[EntryPoint, str, str]]) -> str:
    names = ", ".join(f"{d} {v}" for _ep, d, v in claimants)
    return _("the name {name} is claimed by {names}; uninstall one of them").format(
        name=repr(name), names=names)


def _claims(enabled: bool, points: Iterable[EntryPoint] | None,
            names: Collection[str] | None) -> dict[str, list[tuple[EntryPoint, str, str]]]:
    found = entry_points(group=GROUP) if points is None else points
    claims: dict[str, list[tuple[EntryPoint, str, str]]] = {}
    for ep in found:
        if names is not None and ep.name not in names:
            continue  # not imported at all: a broken plugin cannot touch the others
        dist, version = _origin(ep)
        if not enabled and _normal(dist) != OWN_DISTRIBUTION:
            continue
        claims.setdefault(ep.name, []).append((ep, dist, version))
    return claims


def discover(*, plugins: bool | None = None, strict: bool = False,
             points: Iterable[EntryPoint] | None = None,
             names: Collection[str] | None = None) -> Discovery:
    """Load every exporter of the group, or only those called ``names``
    (``export --to json`` imports no third-party plugin). ``plugins=False``
    (or the environment variable ``CADRETRAIN_NO_PLUGINS=1`` when ``plugins``
    is None) loads only cadretrain's own; ``strict`` raises
    :class:`PluginError` listing every broken plugin instead of leaving them
    out."""
    enabled = (not plugins_disabled_by_env()) if plugins is None else plugins
    claims = _claims(enabled, points, names)
    exporters: dict[str, Installed] = {}
    broken: list[BrokenPlugin] = []
    for name in sorted(claims):
        claimants = claims[name]
        if len(claimants) > 1:
            for _ep, dist, version in claimants:
                broken.append(BrokenPlugin(name=name, distribution=dist, version=version,
                                           error=_claimed(name, claimants)))
            continue
        ep, dist, version = claimants[0]
        try:
            exporter = _load(ep)
        # SystemExit too: a plugin calling sys.exit() on import must not end the listing.
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - reported, not raised
            broken.append(BrokenPlugin(name=name, distribution=dist, version=version,
                                       error=f"{type(exc).__name__}: {exc}"))
            continue
        exporters[name] = Installed(exporter=exporter, distribution=dist, version=version)
    if strict and broken:
        raise PluginError(_("broken exporter plugins (strict mode):") + "\n"
                          + "\n".join(f"  {b}" for b in broken))
    return Discovery(exporters=exporters, broken=tuple(broken), plugins_enabled=enabled)


def available_exporters(*, plugins: bool | None = None, strict: bool = False) -> list[Installed]:
    """The usable exporters, by name."""
    found = discover(plugins=plugins, strict=strict)
    return [found.exporters[n] for n in sorted(found.exporters)]


@frozen(kw_only=True)
class Listed:
    """What ``cadretrain exporters`` shows of an exporter."""

    name: str
    description: str
    extension: str
    media_type: str
    documents: tuple[str, ...]
    #: (name, help, default) of each option.
    options: tuple[tuple[str, str, str | None], ...]
    distribution: str
    version: str


@frozen(kw_only=True)
class Listing:
    """Every exporter found, described, and every broken plugin."""

    exporters: tuple[Listed, ...]
    broken: tuple[BrokenPlugin, ...]
    plugins_enabled: bool


def _listed(exporter: Exporter, distribution: str, version: str) -> Listed:
    return Listed(name=exporter.name, description=exporter.describe(),
                  extension=exporter.extension, media_type=exporter.media_type,
                  documents=tuple(exporter.documents),
                  options=tuple((o.name, o.describe(), o.default) for o in exporter.options),
                  distribution=distribution, version=version)


#: Loads one entry point in a child process and prints what it describes.
_CHILD = """
import json, sys
from importlib.metadata import entry_points
from cadretrain import i18n
from cadretrain.exporters.registry import GROUP, _listed, _load, _origin
name, dist = sys.argv[1], sys.argv[2]
i18n.set_language(sys.argv[3])  # described in the listing's language
ep = next(e for e in entry_points(group=GROUP) if e.name == name and _origin(e)[0] == dist)
try:
    found = _listed(_load(ep), *_origin(ep))
except (Exception, SystemExit) as exc:
    print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
else:
    print(json.dumps({"listed": [found.name, found.description, found.extension,
                                 found.media_type, found.documents, found.options]}))
"""
#: How long a plugin may take to load when listed.
LIST_TIMEOUT = 60


def _describe_in_child(name: str, dist: str, version: str) -> Listed | str:
    """The plugin's description, loaded in a child process (so that one which
    ends the process, or hangs, on import cannot take the listing with it), or
    why it could not be loaded."""
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, name, dist, current_language()],
                              capture_output=True,
                              text=True, timeout=LIST_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return _("did not load within {seconds} s").format(seconds=LIST_TIMEOUT)
    lines = done.stdout.strip().splitlines()
    try:
        answer = json.loads(lines[-1]) if lines else None
    except ValueError:
        answer = None
    if done.returncode != 0 or not isinstance(answer, dict):
        return _("ended the process while loading (exit status {status})").format(
            status=done.returncode)
    if "error" in answer:
        return str(answer["error"])
    n, description, extension, media_type, documents, options = answer["listed"]
    return Listed(name=n, description=description, extension=extension, media_type=media_type,
                  documents=tuple(documents),
                  options=tuple((o, h, d) for o, h, d in options),
                  distribution=dist, version=version)


def list_exporters(*, plugins: bool | None = None, strict: bool = False,
                   points: Iterable[EntryPoint] | None = None) -> Listing:
    """Every exporter described, as :func:`discover` finds them, except that
    each third-party plugin is imported in a child process of its own: the
    listing survives a plugin that exits the process on import. (A plugin is
    only ever imported into cadretrain's own process when it is asked for.)"""
    enabled = (not plugins_disabled_by_env()) if plugins is None else plugins
    claims = _claims(enabled, points, None)
    own = {n for n, c in claims.items()
           if len(c) == 1 and _normal(c[0][1]) == OWN_DISTRIBUTION}
    found = discover(plugins=False, points=[c[0][0] for n, c in claims.items() if n in own])
    listed = [_listed(i.exporter, i.distribution, i.version) for i in found.exporters.values()]
    broken = list(found.broken)
    for name in sorted(set(claims) - own):
        claimants = claims[name]
        if len(claimants) > 1:
            broken += [BrokenPlugin(name=name, distribution=d, version=v,
                                    error=_claimed(name, claimants))
                       for _ep, d, v in claimants]
            continue
        _ep, dist, version = claimants[0]
        described = _describe_in_child(name, dist, version)
        if isinstance(described, str):
            broken.append(BrokenPlugin(name=name, distribution=dist, version=version,
                                       error=described))
        else:
            listed.append(described)
    if strict and broken:
        raise PluginError(_("broken exporter plugins (strict mode):") + "\n"
                          + "\n".join(f"  {b}" for b in broken))
    return Listing(exporters=tuple(sorted(listed, key=lambda x: x.name)), broken=tuple(broken),
                   plugins_enabled=enabled)
