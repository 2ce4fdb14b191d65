"""Keep on disk what every run would otherwise rebuild: rule sets and compiled regexes.

Two caches share one folder, `TERMLINT_CACHE_DIR` if set, else `$XDG_CACHE_HOME/termlint`,
else `~/.cache/termlint`:

* Rule sets. Parsing the YAML rule files and compiling their terms takes a noticeable part
  of a second. `ruleset(paths, load)` keeps the loaded `RuleSet`, keyed by a hash of the
  rule files' paths and bytes, of termlint's own modules (so an edited compiler never
  serves stale patterns) and of the Python version.
* Regular expressions. The `regex` module parses and optimises a pattern in pure Python
  before handing a program to its C engine; for the long patterns that rule terms
  generate this takes up to a second each. `install()` makes every `regex` compilation in
  the process look for that program on disk first, keyed by the pattern, its flags and
  the build of `regex`'s engine and Python, and hand it straight to the engine.
  `program(pattern, flags)` does the same without `regex` loaded at all (see `rx`).

A cache that cannot be read or written is ignored: the run is slower, never wrong and
never failing. `TERMLINT_NO_CACHE=1` switches both caches off.
"""
from __future__ import annotations

import _sre
import _thread
import os
import sys

try:  # the C pickler alone: pickle.py would also load struct and look for Jython's modules
    import _pickle as pickle
except ImportError:  # pragma: no cover - a Python without it
    import pickle  # type: ignore[no-redef]
from collections.abc import Callable, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

_SPY_LOCK = _thread.RLock()  # threading's lock, without importing threading

_ENV_DIR = "TERMLINT_CACHE_DIR"
_ENV_OFF = "TERMLINT_NO_CACHE"
_FORMAT = 2  # bump when what is stored changes shape
_PROTOCOL = 5  # pickle.HIGHEST_PROTOCOL of the Pythons termlint runs on
_READ_SIZE = 1 << 20
_MAX_ENTRIES = 20000  # regex entries kept before the folder is emptied and refilled

_state: dict[str, Any] = {"dir": None, "dir_known": False, "writable": True, "installed": False}


# -- where ---------------------------------------------------------------------------------


def enabled() -> bool:
    return os.environ.get(_ENV_OFF, "") in ("", "0")


def directory() -> str | None:
    """The cache folder (not necessarily existing yet), or None when caching is off."""
    if not enabled():
        return None
    if not _state["dir_known"]:
        explicit = os.environ.get(_ENV_DIR)
        if explicit:
            root = explicit
        else:
            base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
            root = os.path.join(base, "termlint")
        _state["dir"] = root
        _state["dir_known"] = True
    return _state["dir"]


def reset() -> None:
    """Forget the folder chosen and whether it was writable (after the environment changed)."""
    _state.update(dir=None, dir_known=False, writable=True)
    _memo.clear()
    _re_memo.clear()


def _read(path: str) -> bytes | None:
    """The bytes of a cache entry, or None. With the descriptor alone (`open` would make a
    file object and a buffer for each): a run reads dozens of small entries."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        chunks = []
        while chunk := os.read(fd, _READ_SIZE):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write(path: str, data: bytes) -> None:
    """Write atomically; give up quietly (and for the rest of the run) when we cannot."""
    if not _state["writable"]:
        return
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        _state["writable"] = False


def _digest(*parts: bytes) -> str:
    try:
        from _blake2 import blake2b  # what hashlib.blake2b is, without loading OpenSSL (5 ms)
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b

    h = blake2b(digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


# -- rule sets -----------------------------------------------------------------------------


# The modules whose code decides what a loaded rule set holds.
_LOADER_MODULES = ("rules.py", "patterns.py", "morphology.py", "yamlio.py", "findings.py", "errors.py",
                   "cache.py", "__init__.py")


def _code_signature() -> bytes:
    """What termlint's loader looked like when this process imported it.

    Taken once, at import: a loader module edited while a process runs must not let
    that process store results of its old code under the new code's key."""
    return _SIGNATURE


def _signature_now() -> bytes:
    package = os.path.dirname(os.path.realpath(__file__))
    out = [f"{_FORMAT}|{sys.version}|{sys.implementation.cache_tag}".encode()]
    for name in _LOADER_MODULES:
        try:
            st = os.stat(os.path.join(package, name))
        except OSError:
            out.append(f"{name}:?".encode())
            continue
        out.append(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return b"\n".join(out)


_SIGNATURE = _signature_now()


def ruleset_key(paths: Sequence[str | os.PathLike[str]]) -> str | None:
    """A key for the rule files' contents, or None when one cannot be read (let the loader say why)."""
    parts = [_code_signature()]
    for p in paths:
        parts.append(os.fsencode(p))
        try:
            with open(p, "rb") as fh:
                parts.append(fh.read())
        except OSError:
            return None
    return _digest(*parts)


def ruleset(paths: Sequence[str | os.PathLike[str]], load: Callable[[Sequence[Any]], Any]) -> Any:
    """`load(paths)`, or what it returned last time for the same files."""
    root = directory()
    if root is None:
        return load(paths)
    key = ruleset_key(paths)
    if key is None:
        return load(paths)
    entry = os.path.join(root, "rules", f"{key}.pickle")
    data = _read(entry)
    if data is not None:
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a damaged or foreign entry is rebuilt
            pass
    result = load(paths)
    try:
        blob = pickle.dumps(_shared(result, {}), protocol=_PROTOCOL)
    except Exception:  # noqa: BLE001 - something unpicklable: just do not cache it
        return result
    _prune(os.path.dirname(entry), keep=16)
    _write(entry, blob)
    return result


def _shared(value: Any, seen: dict[Any, Any]) -> Any:
    """`value` with equal strings, ints, frozensets and tuples (records too) made one object
    each, so that the pickle stores each once and loading makes fewer objects (a rule set
    has thousands of equal trigger words and patterns). Equal to `value`, type for type:
    a container is matched by its type and the identity of its (already shared) items, so
    that neither 1 and True nor (1,) and (True,) are taken for one another."""
    kind = type(value)
    if kind is str or kind is int:
        return seen.setdefault((kind, value), value)
    if kind is frozenset:
        members = [_shared(item, seen) for item in value]
        return seen.setdefault((kind, frozenset(map(id, members))), frozenset(members))
    if kind is tuple or (isinstance(value, tuple) and hasattr(kind, "_fields")):
        items = tuple(_shared(item, seen) for item in value)
        return seen.setdefault((kind, tuple(map(id, items))), items if kind is tuple else tuple.__new__(kind, items))
    if kind is dict:
        return {_shared(k, seen): _shared(v, seen) for k, v in value.items()}
    if kind is list:
        return [_shared(item, seen) for item in value]
    return value


def _prune(folder: str, *, keep: int, suffix: str = ".pickle") -> None:
    """Remove the oldest entries (names ending in `suffix`) of a folder beyond `keep`; a
    file being written (its name starts with a dot) is left alone."""
    try:
        with os.scandir(folder) as found:
            entries = sorted((e.stat().st_mtime, e.path) for e in found
                             if e.name.endswith(suffix) and not e.name.startswith(".") and e.is_file())
    except OSError:
        return
    for _, old in entries[: max(0, len(entries) - keep + 1)]:
        try:
            os.unlink(old)
        except OSError:
            pass


# -- compiled regular expressions --------------------------------------------------------

_memo: dict[tuple[str, int, int], Any] = {}


def install() -> bool:
    """Route this process's `regex` compilations through the disk cache.

    Returns False (and changes nothing) when caching is off or this version of `regex`
    is not laid out as expected; compilation then works as usual.
    """
    if _state["installed"]:
        return True
    if directory() is None:
        return False
    try:
        from regex import _main
    except ImportError:  # pragma: no cover - regex is a dependency
        return False
    original = getattr(_main, "_compile", None)
    engine = getattr(_main, "_regex", None)
    if original is None or engine is None or not hasattr(engine, "compile"):
        return False
    code = getattr(original, "__code__", None)
    if code is None or code.co_varnames[:5] != ("pattern", "flags", "ignore_unused", "kwargs", "cache_it"):
        return False
    skip = int(_main.DEBUG | _main.LOCALE)
    folder_name = _regex_folder(engine)

    def compile_cached(pattern: Any, flags: Any, ignore_unused: Any, kwargs: Any, cache_it: Any) -> Any:
        if kwargs or type(pattern) is not str or int(flags) & skip:
            return original(pattern, flags, ignore_unused, kwargs, cache_it)
        key = (pattern, int(flags), int(_main.DEFAULT_VERSION))
        return _through_disk(
            _memo, key, folder_name, repr(key[1:]).encode(), engine.compile,
            lambda: _capture(_main, engine, original, pattern, flags, ignore_unused, cache_it))

    _main._compile = compile_cached
    _state["installed"] = True
    return True


_REGEX_SKIP = 0x200 | 0x4  # regex.DEBUG | regex.LOCALE: compiled as usual, never cached
_REGEX_DEFAULT_VERSION = 0x2000  # regex.VERSION0, what `regex` assumes unless told otherwise


def program(pattern: str, flags: int) -> Any:
    """The `regex` pattern that `regex.compile(pattern, flags)` gives, from this process's
    memo or from the disk cache, handed to the C engine without loading `regex`'s pattern
    compiler (a fifth of a small run's start-up); None when it is not there."""
    if type(pattern) is not str or flags & _REGEX_SKIP:
        return None
    main = sys.modules.get("regex._main")
    key = (pattern, flags, int(main.DEFAULT_VERSION) if main is not None else _REGEX_DEFAULT_VERSION)
    found = _memo.get(key)
    if found is not None:
        return found
    engine = _regex_engine() if directory() is not None else None
    if engine is None:
        return None
    return _through_disk(_memo, key, _regex_folder(engine), repr(key[1:]).encode(), engine.compile, None)


def _regex_engine() -> Any:
    """`regex`'s C engine (`regex._regex`), loaded alone when `regex` itself is not loaded yet;
    None when it cannot be found. Registered under its own name, so that `regex`, imported
    later, uses this same module."""
    engine = sys.modules.get("regex._regex")
    if engine is not None or "regex" in sys.modules:
        return engine
    if "engine" in _state:
        return _state["engine"]
    _state["engine"] = None
    try:
        import importlib.machinery
        import importlib.util

        spec = importlib.util.find_spec("regex")
        for folder in (spec.submodule_search_locations or []) if spec is not None else []:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, "_regex" + suffix)
                if not os.path.isfile(path):
                    continue
                loader = importlib.machinery.ExtensionFileLoader("regex._regex", path)
                found = importlib.util.spec_from_file_location("regex._regex", path, loader=loader)
                if found is None:
                    continue
                module = importlib.util.module_from_spec(found)
                loader.exec_module(module)
                sys.modules["regex._regex"] = module
                _state["engine"] = module
                return module
    except Exception:  # noqa: BLE001 - laid out otherwise: `regex` compiles (and caches) as usual
        return None
    return None


def _regex_folder(engine: Any) -> str:
    """The cache folder of one build of `regex`'s engine: programs of another build (its
    format may differ) are never handed to it. Worked out once a process (it stats the
    engine's file), not for every program loaded."""
    known = _state.get("regex_folder")
    if known is not None and known[0] is engine:
        return known[1]
    folder = _regex_folder_of(engine)
    _state["regex_folder"] = (engine, folder)
    return folder


def _regex_folder_of(engine: Any) -> str:
    try:
        st = os.stat(engine.__file__)
        build = f"{getattr(engine, 'MAGIC', 0)}-{st.st_size}-{st.st_mtime_ns}"
    except (AttributeError, TypeError, OSError):  # no file to tell builds apart by
        build = f"{getattr(engine, 'MAGIC', 0)}-unknown-{id(engine)}"
    return f"regex-{build}-{sys.implementation.cache_tag}-{_FORMAT}"


def _capture(main: Any, engine: Any, original: Any, pattern: str, flags: Any, ignore_unused: Any,
             cache_it: Any) -> tuple[Any, tuple[Any, ...] | None]:
    """Compile as usual, keeping the arguments that the C engine received."""
    result, seen = _spying(main, "_regex", engine, lambda: original(pattern, flags, ignore_unused, {}, cache_it))
    # Another thread compiling at the same time may have gone through the spy too.
    mine = [a for a in seen if a[0] == pattern and a[1] == result.flags]
    if len(mine) != 1:
        return result, None
    # Flags come as `regex`'s own int type: stored as plain ints, loading them back needs
    # no `regex` (see `program`).
    return result, tuple(int(a) if isinstance(a, int) and type(a) is not int else a for a in mine[0])


def _spying(holder: Any, name: str, engine: Any, compile_now: Callable[[], Any]) -> tuple[Any, list[tuple[Any, ...]]]:
    """Run `compile_now` with `holder.<name>` (a C engine module) replaced by a spy that
    records the arguments of every `compile` call it passes on to `engine`."""
    seen: list[tuple[Any, ...]] = []

    class _Spy:
        def __getattr__(self, attr: str) -> Any:
            return getattr(engine, attr)

        def compile(self, *args: Any) -> Any:
            seen.append(args)
            return engine.compile(*args)

    with _SPY_LOCK:
        setattr(holder, name, _Spy())
        try:
            result = compile_now()
        finally:
            setattr(holder, name, engine)
    return result, seen


def _store_regex(entry: str, args: tuple[Any, ...]) -> None:
    try:
        blob = pickle.dumps(args, protocol=_PROTOCOL)
    except Exception:  # noqa: BLE001
        return
    if not _state.get("counted"):  # once a run: a folder of stale patterns starts again
        _state["counted"] = True
        try:
            folder = os.path.dirname(entry)
            crowded = os.path.isdir(folder) and sum(1 for _ in os.scandir(folder)) > _MAX_ENTRIES
            for old in os.listdir(folder) if crowded else ():
                os.unlink(os.path.join(folder, old))
        except OSError:
            pass
    _write(entry, blob)


# -- compiled `re` patterns ------------------------------------------------------------------

_re_memo: dict[tuple[str, int], Any] = {}


def compile_re(pattern: str, flags: int) -> Any:
    """`re.compile(pattern, flags)`, with the compiled program kept on disk.

    Python's `re` parses and compiles in Python; for the long patterns that rule terms
    generate that is most of a small run. The arguments that `re` hands its C engine
    (`_sre.compile`) are stored, keyed by the pattern, the flags and the Python version,
    and handed straight to the engine next time. Raises `re.error` as `re.compile` does.
    """
    return _through_disk(_re_memo, (pattern, int(flags)), f"re-{sys.implementation.cache_tag}-{_FORMAT}",
                         str(int(flags)).encode(), _sre.compile, lambda: _capture_re(pattern, int(flags)))


_RE_DEBUG = 128  # re.DEBUG: compiled as usual (it prints), never cached


def install_re() -> bool:
    """Send `re`'s own compilations in this process (`re._compiler.compile`, which
    `re.compile` calls for a pattern not in its memo) through `compile_re`. The standard
    modules the command line imports (argparse, gettext, locale, fnmatch) compile
    patterns as they load: a fortieth of a run on one small file. For the termlint
    program only (see `__main__`); a program that imports termlint keeps its `re` as it
    is. False when `re` is laid out otherwise (nothing is changed then)."""
    if _state.get("re_original") is not None:
        return True
    import re

    compiler: Any = getattr(re, "_compiler", None)
    original = getattr(compiler, "compile", None)
    if original is None or not hasattr(compiler, "_sre"):
        return False

    def compile_cached(pattern: Any, flags: Any = 0) -> Any:
        if type(pattern) is not str or int(flags) & _RE_DEBUG or directory() is None:
            return original(pattern, flags)
        return compile_re(pattern, int(flags))

    _state["re_original"] = original
    compiler.compile = compile_cached
    return True


def _through_disk(memo: dict[Any, Any], key: tuple[Any, ...], folder_name: str, key_bytes: bytes,
                  engine_compile: Callable[..., Any],
                  capture: Callable[[], tuple[Any, tuple[Any, ...] | None]] | None) -> Any:
    """The compiled pattern `key[0]`: from this process's memo, else from the disk entry
    (the arguments its C engine takes, handed to `engine_compile`), else compiled by
    `capture`, which also gives the arguments to store (without `capture`: None)."""
    found = memo.get(key)
    if found is not None:
        return found
    pattern = key[0]
    root = directory()
    entry = None
    if root is not None:
        entry = os.path.join(root, folder_name, _digest(key_bytes, pattern.encode("utf-8", "surrogatepass")))
        found = _load_program(entry, pattern, engine_compile)
    if found is None:
        if capture is None:
            return None
        found, args = capture()
        if entry is not None and args is not None:
            _store_regex(entry, args)
    memo[key] = found
    return found


def _load_program(entry: str, pattern: str, engine_compile: Callable[..., Any]) -> Any:
    data = _read(entry)
    if data is None:
        return None
    try:
        args = pickle.loads(data)
        return engine_compile(*args) if args[0] == pattern else None
    except Exception:  # noqa: BLE001 - damaged or foreign: compile afresh
        return None


def _capture_re(pattern: str, flags: int) -> tuple[Any, tuple[Any, ...] | None]:
    """Compile with `re`, keeping the arguments its C engine received (when they can be seen)."""
    import importlib
    import re

    try:
        compiler: Any = importlib.import_module("re._compiler")
    except ImportError:  # pragma: no cover - laid out differently: no disk cache
        return re.compile(pattern, flags), None
    engine: Any = getattr(compiler, "_sre", None)
    if engine is None or not hasattr(engine, "compile"):  # pragma: no cover
        return re.compile(pattern, flags), None
    compile_now = _state.get("re_original") or compiler.compile  # re's own, not install_re's
    result, seen = _spying(compiler, "_sre", engine, lambda: compile_now(pattern, flags))
    mine = [a for a in seen if a[0] == pattern]
    if len(mine) != 1 or len(mine[0]) != 6:
        return result, None
    pat, all_flags, code, groups, groupindex, indexgroup = mine[0]
    # `re` hands named int constants to the engine; plain ints pickle and compile the same.
    return result, (pat, int(all_flags), [int(c) for c in code], int(groups), dict(groupindex), tuple(indexgroup))


# -- other compiled things (a Hyperscan database) ------------------------------------------------


def get_blob(kind: str, key: bytes) -> bytes | None:
    """Bytes stored under `kind` and `key` by `put_blob`, or None."""
    root = directory()
    if root is None:
        return None
    return _read(os.path.join(root, kind, _digest(key)))


def parsed(kind: str, text: str, name: str, parse: Callable[[str, str], Any]) -> Any:
    """`parse(text, name)`, kept on disk under `kind` and keyed by the text, the name and
    termlint's loader code: a configuration file read again costs an unpickling instead of
    importing and running the YAML parser. An error from `parse` is raised, never stored."""
    key = b"\0".join((_code_signature(), name.encode("utf-8", "surrogatepass"),
                      text.encode("utf-8", "surrogatepass")))
    stored = get_blob(kind, key)
    if stored is not None:
        try:
            return pickle.loads(stored)
        except Exception:  # noqa: BLE001 - damaged: parse afresh
            pass
    result = parse(text, name)
    try:
        put_blob(kind, key, pickle.dumps(result, protocol=_PROTOCOL))
    except Exception:  # noqa: BLE001 - not picklable: nothing kept
        pass
    return result


_KEEP_BLOBS = 64  # entries of one kind kept (configurations, Hyperscan databases): the newest


def put_blob(kind: str, key: bytes, data: bytes) -> None:
    """Keep `data` under `kind` and `key` (quietly not, when the cache is off or unwritable).
    Each kind keeps its newest entries only: edited configurations and other rule selections
    do not make the folder grow without end."""
    root = directory()
    if root is not None:
        _prune(os.path.join(root, kind), keep=_KEEP_BLOBS, suffix="")
        _write(os.path.join(root, kind, _digest(key)), data)
