"""Finding exporters: the entry-point group ``cadretrain.exporters``.

There is no list of exporters in code: the built-ins are entry points of the
``cadretrain`` distribution itself, third-party exporters are entry points of
theirs. A plugin that fails to load is reported and left out; the others keep
working.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points

from attrs import frozen

from cadretrain.exporters.api import INTERFACE_VERSION, Exporter, ExportError

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
        return f"exporter {self.name!r} from {self.distribution} {self.version}: {self.error}"


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
        known = ", ".join(sorted(self.exporters)) or "none"
        hint = "" if self.plugins_enabled else " (third-party exporters are turned off)"
        raise ExportError(f"no exporter named {name!r}; installed: {known}{hint}")


class PluginError(ExportError):
    """Strict mode: some plugin is broken."""


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def plugins_disabled_by_env() -> bool:
    return os.environ.get(NO_PLUGINS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _origin(ep: EntryPoint) -> tuple[str, str]:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return "an unknown distribution", "?"
    return str(dist.metadata["Name"] or dist.name), str(dist.version)


def _load(ep: EntryPoint) -> Exporter:
    """The :class:`Exporter` an entry point names (an object, or a function
    returning one). Raises with a message saying what is wrong."""
    target = ep.load()
    exporter = target if isinstance(target, Exporter) else None
    if exporter is None and callable(target):
        exporter = target()
    if not isinstance(exporter, Exporter):
        raise TypeError(f"{ep.value} is not a cadretrain.exporters.Exporter "
                        f"(got {type(exporter).__name__})")
    if exporter.interface_version != INTERFACE_VERSION:
        age = "an older" if exporter.interface_version < INTERFACE_VERSION else "a newer"
        raise TypeError(
            f"written for {age} exporter interface (version {exporter.interface_version}); "
            f"this cadretrain provides version {INTERFACE_VERSION}: update the plugin"
            + (" or cadretrain" if age == "a newer" else ""))
    if exporter.name != ep.name:
        raise TypeError(f"registered as {ep.name!r} but calls itself {exporter.name!r}")
    return exporter


def discover(*, plugins: bool | None = None, strict: bool = False,
             points: Iterable[EntryPoint] | None = None) -> Discovery:
    """Load every exporter of the group. ``plugins=False`` (or the environment
    variable ``CADRETRAIN_NO_PLUGINS=1`` when ``plugins`` is None) loads only
    cadretrain's own; ``strict`` raises :class:`PluginError` listing every
    broken plugin instead of leaving them out."""
    enabled = (not plugins_disabled_by_env()) if plugins is None else plugins
    found = entry_points(group=GROUP) if points is None else points
    claims: dict[str, list[tuple[EntryPoint, str, str]]] = {}
    for ep in found:
        dist, version = _origin(ep)
        if not enabled and _normal(dist) != OWN_DISTRIBUTION:
            continue
        claims.setdefault(ep.name, []).append((ep, dist, version))
    exporters: dict[str, Installed] = {}
    broken: list[BrokenPlugin] = []
    for name in sorted(claims):
        claimants = claims[name]
        if len(claimants) > 1:
            names = " and ".join(f"{d} {v}" for _, d, v in claimants)
            for _, dist, version in claimants:
                broken.append(BrokenPlugin(
                    name=name, distribution=dist, version=version,
                    error=f"the name {name!r} is claimed by {names}; uninstall one of them"))
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
        raise PluginError("broken exporter plugins (strict mode):\n"
                          + "\n".join(f"  {b}" for b in broken))
    return Discovery(exporters=exporters, broken=tuple(broken), plugins_enabled=enabled)


def available_exporters(*, plugins: bool | None = None, strict: bool = False) -> list[Installed]:
    """The usable exporters, by name."""
    found = discover(plugins=plugins, strict=strict)
    return [found.exporters[n] for n in sorted(found.exporters)]
