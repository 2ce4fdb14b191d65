"""Writing a fixed file without ever leaving it half written.

The new bytes go to a temporary file in the same folder, are flushed to disk, take the
original's permissions, and only then replace the original with an atomic rename. A
symlink stays a symlink: its target is what gets replaced. If anything fails, the
temporary file is removed and the original is untouched.
"""
from __future__ import annotations

import os
import stat
import tempfile


class WriteError(OSError):
    """The file could not be written; the original is unchanged."""


def write_atomic(path: str, data: bytes) -> None:
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError as exc:
        raise WriteError(f"{path}: cannot read its permissions: {exc.strerror or exc}") from exc
    if not os.access(target, os.W_OK):
        raise WriteError(f"{path}: file is read-only; not changed")
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".termlint-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = ""
    except OSError as exc:
        raise WriteError(f"{path}: could not write the fixed file ({exc.strerror or exc}); "
                         "the original is unchanged") from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
