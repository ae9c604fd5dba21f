"""Writing a directory of files all or nothing.

:func:`staged_directory` gives a staging directory beside the target
(``.NAME.cadretrain-new-PID-XXXX``, on the same file system). The files are
written there; when every one is written, they are flushed to disk and the
staging directory takes the target's place with two renames: the earlier
directory, if any, is first moved aside (``.NAME.cadretrain-old-PID-XXXX``),
then the staging directory is renamed to the target, and the earlier one is
removed. A failure, a full disk or a killed process before the renames leave
the earlier directory as it was; the next run removes what was left behind,
and puts the earlier directory back if the process died between the two
renames. Two runs writing the same directory at the same time are not
supported (one of them fails; neither leaves a mixed directory).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from cadretrain.atomic import _umask, atomic_writer
from cadretrain.i18n import _

__all__ = ["Staging", "leftovers", "recover", "staged_directory"]

_NEW, _OLD = "cadretrain-new", "cadretrain-old"


class Staging:
    """The staging directory being filled (``path``); its documents are dated
    ``stamp`` (see :mod:`cadretrain.atomic`)."""

    def __init__(self, path: Path, stamp: date | None = None) -> None:
        self.path = path
        self.stamp = stamp
        # One os.sync flushes every file at the end; without it (Windows), each
        # file is flushed to disk as it is written.
        self._sync_each = not hasattr(os, "sync")

    def joinpath(self, *parts: str) -> Path:
        return self.path.joinpath(*parts)

    def create(self, path: Path) -> contextlib.AbstractContextManager[BinaryIO]:
        """A new file at ``path`` (inside the staging directory) to write into,
        through the one atomic writer (mode, reproducible zips)."""
        return atomic_writer(path, stamp=self.stamp, fsync=self._sync_each)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a leftover of this process is never in use
    if os.name != "posix":
        return False  # os.kill(pid, 0) would send CTRL_C_EVENT on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def leftovers(target: Path) -> list[Path]:
    """What interrupted runs left beside ``target`` (staging and moved-aside
    directories) whose process is gone."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.({_NEW}|{_OLD})-(\d+)-")
    found = []
    try:
        entries = list(target.parent.iterdir())
    except FileNotFoundError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match and not _pid_alive(int(match.group(2))):
            found.append(entry)
    return sorted(found)


def recover(target: Path) -> None:
    """Clean what an interrupted run left beside ``target``. When the run
    died between moving the earlier directory aside and putting the new one
    in its place, the earlier one is put back."""
    found = leftovers(target)
    old = [p for p in found if p.name.startswith(f".{target.name}.{_OLD}-")]
    if old and not target.exists():
        os.rename(old[0], target)
        found.remove(old[0])
    for path in found:
        shutil.rmtree(path, ignore_errors=True)


def _sync_directory(path: Path) -> None:
    if os.name != "posix":
        return  # directories cannot be opened for fsync there
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def staged_directory(target: Path, *, stamp: date | None = None) -> Iterator[Staging]:
    """Fill a staging directory that replaces ``target`` as a whole when the
    block ends without an error; on an error it is removed and ``target`` is
    left as it was. Files are written through :func:`cadretrain.atomic.atomic_writer`
    (mode, reproducible zips dated ``stamp``). ``target``'s parent is created if need be. Raises
    :class:`NotADirectoryError` when ``target`` is a file."""
    target = Path(os.path.abspath(target))
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(_("{path}: exists and is not a directory").format(path=target))
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    tag = f"{os.getpid()}-"
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.{_NEW}-{tag}", dir=target.parent))
    aside: Path | None = None
    try:
        # mkdtemp makes a private directory; the pack gets the mode of the one
        # it replaces, or the one mkdir would give.
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o777 & ~_umask()  # what mkdir gives
        os.chmod(staging, mode)
        yield Staging(staging, stamp)
        if hasattr(os, "sync"):
            os.sync()  # one call flushes every file written, instead of one fsync each
        if target.exists():
            aside = target.parent / f".{target.name}.{_OLD}-{tag}{secrets.token_hex(4)}"
            os.rename(target, aside)
        os.rename(staging, target)
        _sync_directory(target.parent)
    except BaseException:
        if aside is not None and not target.exists():
            os.rename(aside, target)  # the earlier directory goes back
            aside = None
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
