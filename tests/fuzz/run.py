"""The long fuzzing run: every target, for as long as you like.

    python tests/fuzz/run.py                      # every target, 60 seconds each
    python tests/fuzz/run.py --seconds 900 html   # one target, 15 minutes
    python tests/fuzz/run.py --list

Each target is a hypothesis property (tests/fuzz/props.py has the strategies and the
invariants); it is run in rounds of examples until its time is up. A failure is shrunk
by hypothesis, printed with the example that causes it, and the run exits 1. The same
properties run briefly in the test suite (tests/test_robustness.py).

Targets: one per format adapter (text, markdown, html, rst over generated markup; docx
and pdf over real files built from generated text), the matcher over text with lone
surrogates and control characters, `decode` over arbitrary bytes, damaged .docx and PDF
files (bytes of a real file flipped, cut or spliced), and the prefilter's backends
against one another.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent.parent / "src")]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzz import props  # noqa: E402
from termlint import files  # noqa: E402
from termlint.document import Document  # noqa: E402

ROUND = 200  # examples per round (a tenth for Word files, a quarter for PDF); rounds go on until time is up


def _settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


def text_format(fmt: str) -> Callable[[int], None]:
    def target(examples: int) -> None:
        @_settings(examples)
        @given(props.source_text(fmt, max_pieces=80))
        def prop(source: str) -> None:
            doc = props.read(fmt, "fuzz" + props.SUFFIX[fmt], source)
            if doc is not None:
                props.check_document(doc)

        prop()

    return target


def matcher_target(examples: int) -> None:
    @_settings(examples)
    @given(props.source_text("text", surrogates=True, max_pieces=80),
           st.sampled_from([None, "en", "fr", "de", "es"]))
    def prop(text: str, lang: str | None) -> None:
        props.check_document(Document("fuzz.txt", text), props.matcher(lang))

    prop()


def docx_target(examples: int) -> None:
    @_settings(examples // 10)  # a real Word file per example: slower
    @given(props.docx_paragraphs())
    def prop(paragraphs: list[list[tuple[str, bool]]]) -> None:
        doc = props.read("docx", "fuzz.docx", props.build_docx(paragraphs))
        if doc is not None:
            props.check_document(doc)

    prop()


def pdf_target(examples: int) -> None:
    from pdf_builder import pdf

    @_settings(examples // 4)
    @given(props.pdf_pages())
    def prop(pages: list[list[str]]) -> None:
        doc = props.read("pdf", "fuzz.pdf", pdf(pages))
        if doc is not None:
            props.check_document(doc)

    prop()


def decode_target(examples: int) -> None:
    @_settings(examples)
    @given(st.binary(max_size=300), st.sampled_from([None, "latin-1", "utf-16-le", "utf-8", "cp1252"]))
    def prop(data: bytes, encoding: str | None) -> None:
        got = files.decode("fuzz.txt", data, encoding)
        if isinstance(got, files.Skip):
            assert got.reason and "\n" not in got.reason
            return
        assert files.encode(got, got.text) == data, "a decoded file must encode back to its bytes"
        doc = props.read("text", "fuzz.txt", got.text)
        assert doc is not None
        props.check_document(doc)

    prop()


def _damaged(original: bytes) -> st.SearchStrategy[bytes]:
    """The bytes of a real file, flipped in places, cut short, or with a piece spliced in."""
    @st.composite
    def damage(draw: Callable[..., object]) -> bytes:
        data = bytearray(original)
        for _ in range(draw(st.integers(0, 8))):  # type: ignore[arg-type]
            at = draw(st.integers(0, len(data) - 1))  # type: ignore[arg-type]
            data[at] = draw(st.integers(0, 255))  # type: ignore[assignment]
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]  # type: ignore[arg-type]
        if draw(st.booleans()):
            at = draw(st.integers(0, len(data)))  # type: ignore[arg-type]
            data[at:at] = draw(st.binary(max_size=64))  # type: ignore[arg-type]
        return bytes(data)

    return damage()


def damaged_docx_target(examples: int) -> None:
    original = props.build_docx([[("Police detained ", False), ("illegal", True), (" immigrants.", False)]])
    # Stored (not deflated) entries, so that flipped bytes land in the XML itself.
    stored = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, \
            zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))

    _run_damaged("docx", st.one_of(_damaged(original), _damaged(stored.getvalue())), examples)


def damaged_pdf_target(examples: int) -> None:
    from pdf_builder import pdf

    original = pdf([["Police detained illegal immigrants", "at the port."], ["A flood of migrants."]])

    _run_damaged("pdf", _damaged(original), examples)


def _run_damaged(fmt: str, files: st.SearchStrategy[bytes], examples: int) -> None:
    """Damaged files of a binary format: read without a crash, and what is read holds together."""

    @_settings(examples)
    @given(files)
    def prop(data: bytes) -> None:
        doc = props.read(fmt, f"fuzz.{fmt}", data)
        if doc is not None:
            props.check_document(doc)

    prop()


def prefilter_target(examples: int) -> None:
    from termlint.prefilter import Prefilter, available_backends

    triggers = ["illegal", "immigr", "clandestin", "非法", "flüchtling", "it's", "ß", "ﬁ"]
    filters = [Prefilter(triggers, backend=b) for b in available_backends()]

    @_settings(examples)
    @given(props.source_text("text", surrogates=True, max_pieces=60))
    def prop(text: str) -> None:
        hits = [f.scan(text) for f in filters]
        for backend, got in zip(available_backends(), hits, strict=True):
            assert got == hits[-1], f"{backend} disagrees with find: {got} != {hits[-1]}"
            for start, end, _ in got:
                assert 0 <= start < end <= len(text)

    prop()


PER_ROUND = {"docx": ROUND // 10, "pdf": ROUND // 4}
TARGETS: dict[str, Callable[[int], None]] = {
    "text": text_format("text"),
    "markdown": text_format("markdown"),
    "html": text_format("html"),
    "rst": text_format("rst"),
    "docx": docx_target,
    "pdf": pdf_target,
    "matcher": matcher_target,
    "decode": decode_target,
    "damaged-docx": damaged_docx_target,
    "damaged-pdf": damaged_pdf_target,
    "prefilter": prefilter_target,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    parser.add_argument("--seconds", type=float, default=60.0, help="time per target (default: 60)")
    parser.add_argument("--list", action="store_true", help="list the targets")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(TARGETS))
        return 0
    chosen = args.targets or list(TARGETS)
    unknown = [t for t in chosen if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target(s): {', '.join(unknown)} (see --list)")
    failed = []
    for name in chosen:
        start, rounds = time.monotonic(), 0
        try:
            while time.monotonic() - start < args.seconds:
                TARGETS[name](ROUND)
                rounds += 1
        except Exception as exc:  # noqa: BLE001 - report every target's first failure
            failed.append(name)
            print(f"{name}: FAILED after {rounds} rounds ({time.monotonic() - start:.0f} s): "
                  f"{type(exc).__name__}: {exc}", flush=True)
            continue
        print(f"{name}: ok, {rounds} rounds of {PER_ROUND.get(name, ROUND)} examples "
              f"in {time.monotonic() - start:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
