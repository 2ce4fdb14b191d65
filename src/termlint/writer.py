"""Writing a fixed file without ever leaving it half written.

The new bytes go to a temporary file in the same folder, are flushed to disk, take the
original's permissions (and, where the system allows, its owner, group and extended
attributes), and only then replace the original with an atomic rename. A symlink stays a
symlink: its target is what gets replaced. If the file changed on disk since it was read,
or anything fails on the way, the temporary file is removed, the original is untouched,
and the error names the file.

A hard-linked file becomes a file of its own: the other names keep the old text.
"""
from __future__ import annotations

import os
import stat
import tempfile


class WriteError(OSError):
    """The file could not be written; the original is unchanged."""


def write_atomic(path: str, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace the contents of `path` (or of the file its symlink points to) with `data`.

    `expected`: the bytes the file held when it was read; if it holds something else now
    (an editor saved it meanwhile), nothing is written.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        st = os.stat(target)
    except FileNotFoundError as exc:
        raise WriteError(f"{path}: the file was deleted or moved while termlint was running; "
                         "not written") from exc
    except OSError as exc:
        raise WriteError(f"{path}: cannot read its permissions ({exc.strerror or exc}); not changed") from exc
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteError(f"{path}: the file is read-only; not changed")
    if expected is not None and _current(target) != expected:
        raise WriteError(f"{path}: the file changed on disk while termlint was running; not changed")
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".termlint-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_metadata(target, tmp, st)
        os.replace(tmp, target)
        tmp = ""
    except Exception as exc:
        reason = (exc.strerror or str(exc)) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
        message = f"{path}: could not write the fixed file ({reason}); the original is unchanged"
        raise WriteError(message) from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _sync_folder(folder)


def _current(target: str) -> bytes | None:
    try:
        with open(target, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _copy_metadata(original: str, tmp: str, st: os.stat_result) -> None:
    """Permissions always; owner, group and extended attributes where allowed."""
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    if hasattr(os, "chown"):
        try:
            tst = os.stat(tmp)
            if (tst.st_uid, tst.st_gid) != (st.st_uid, st.st_gid):
                os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # another user's file: the fixed file is ours, as any editor would leave it
    if hasattr(os, "listxattr"):
        try:
            for name in os.listxattr(original):
                try:
                    os.setxattr(tmp, name, os.getxattr(original, name))
                except OSError:
                    pass
        except OSError:
            pass


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (best effort; not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
