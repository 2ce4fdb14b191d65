#!/usr/bin/env python3
"""Score termlint (and alex) on a labelled corpus: precision, recall, F1, must-not-flag hits.

    python bench/eval.py ../shared/corpus/dev.jsonl                 # termlint, every language
    python bench/eval.py CORPUS --lang en --show errors             # English; list misses and false alarms
    python bench/eval.py CORPUS --tool alex                         # alex on the same passages
    python bench/eval.py CORPUS --compare --show none               # termlint beside alex, per language
    python bench/eval.py CORPUS --json                              # every figure as JSON

The corpus is JSON Lines in the format of ../shared/corpus/dev.README.md: each passage has
`findings` (labelled spans a tool should report, each with a category and a level) and
`must_not_flag` (spans a naive keyword tool would hit, each with a reason).

Scoring (the same for every tool):
* A tool finding is *counted* when its level is warning or error (alex has no levels: all
  its messages count). `--min-level suggestion` counts suggestions too.
* A labelled finding is *positive* when its level is warning or error. It is found when a
  counted tool finding overlaps its character span. Recall = found / positives.
* A counted tool finding that overlaps a positive is a true positive; one that overlaps no
  labelled finding at all is a false alarm. Precision = true positives / (true positives +
  false alarms), so two tool findings on one labelled span count twice; a tool that reports
  nothing has no precision (shown as a dash).
* Two kinds of counted findings are neither right nor wrong, and are shown apart:
  findings that overlap a labelled *suggestion* (a mild metaphor, "failed asylum seeker"),
  and unlabelled adverbs or predicates on an act ("entered illegally", "the crossing was
  illegal"), which the corpus leaves unlabelled on purpose ("ignore tool hits on them").
  The second kind is recognised from the finding's text, the same way for every tool.
* A must-not-flag span overlapped by a counted finding is a must-not-flag hit (listed, and
  counted per reason). Such a finding is also a false alarm unless it overlaps a label.
* Level agreement: for each positive found by termlint, whether the most severe finding
  on it has the labelled level (person labels are errors, acts warnings).

Passages are checked as users check files: one passage per document, the language of each
paragraph detected (`--forced-lang` passes the labelled language instead).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

LEVEL_RANK = {"info": 0, "suggestion": 1, "warning": 2, "error": 3}
# termlint's rule category for adverbs on acts ("crossed illegally").
ADVERB_CATEGORIES = {"illegal-act-adverb"}
# Adverbs of "illegal" in the corpus languages; a finding on one of these words (alone or
# with the verb it qualifies) and on no labelled span is ignored, for every tool.
_ADVERB = regex.compile(
    r"\b(?:illegally|unlawfully|illégalement|clandestinement|ilegalmente|illegalmente"
    r"|clandestinamente|irregolarmente|irregularmente|незаконно|нелегально|بشكل\s+غير\s+(?:قانوني|شرعي)"
    r"|非法(?=入境|越境|居留|滞留|进入|务工|打工|工作))",
    regex.IGNORECASE,
)
# A bare "illegal" after a copula ("the crossing was illegal"): a predicate on an act.
_PREDICATE = regex.compile(
    r"\b(?:is|are|was|were|be|been|being|become|became|seems?|deemed|considered)\s+(?:\w+\s+){0,2}$",
    regex.IGNORECASE,
)
_BARE_ILLEGAL = regex.compile(
    r"^(?:illegal|illégale?s?|ilegal(?:es)?|illegale|illegali|ilegais)$", regex.IGNORECASE
)


class Hit(NamedTuple):
    start: int
    end: int
    rule: str
    category: str
    level: str
    match: str


class Label(NamedTuple):
    start: int
    end: int
    category: str
    level: str
    span: str


# -- running the tools -----------------------------------------------------------------


def termlint_hits(records: Sequence[dict[str, Any]], forced: bool, extra: Sequence[str]) -> list[list[Hit]]:
    """termlint's findings for each passage, through the same engine as `termlint check`."""
    from termlint import adapters, engine

    settings = engine.Settings(rule_paths=tuple(extra))
    ruleset = engine.load_ruleset(settings)
    matchers: dict[str | None, Any] = {}
    out = []
    for rec in records:
        lang = rec["lang"] if forced else None
        if lang not in matchers:
            matchers[lang] = engine.matcher_for(ruleset, settings._replace(language=lang))
        # read as a plain-text file is read: what a reader does not see is left out
        found = matchers[lang].check(adapters.read(adapters.FORMATS["text"], rec["id"], rec["text"]))
        out.append([Hit(f.offset, f.end_offset, f.rule, f.category, f.level.value, f.match) for f in found])
    return out


def alex_hits(records: Sequence[dict[str, Any]], sureness: int | None) -> list[list[Hit]]:
    """alex's messages for each passage (bench/alex_runner.mjs; `npm install` in bench/)."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("eval.py: node is not installed; alex needs Node.js")
    if not (HERE / "node_modules" / "alex").is_dir():
        raise SystemExit("eval.py: alex is not installed; run `npm install` in bench/")
    args = [node, str(HERE / "alex_runner.mjs")]
    if sureness is not None:
        args += ["--sureness", str(sureness)]
    texts = json.dumps([r["text"] for r in records])
    proc = subprocess.run(args, input=texts.encode(), capture_output=True, cwd=HERE, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"eval.py: alex failed: {proc.stderr.decode(errors='replace')[:500]}")
    results = json.loads(proc.stdout)
    return [
        [Hit(m["start"], m["end"], m["rule"], "alex", "warning", rec["text"][m["start"] : m["end"]])
         for m in msgs]
        for rec, msgs in zip(records, results, strict=True)
    ]


# -- scoring -----------------------------------------------------------------------------


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def act_adverb(hit: Hit, text: str) -> bool:
    """An adverb or predicate on an act, which the corpus deliberately leaves unlabelled."""
    if hit.category in ADVERB_CATEGORIES or _ADVERB.search(hit.match):
        return True
    before = text[max(0, hit.start - 40) : hit.start]
    return bool(_BARE_ILLEGAL.match(hit.match.strip()) and _PREDICATE.search(before))


class Score(NamedTuple):
    tp: int
    fp: int
    found: int
    positives: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision_text(self) -> str:
        """The precision, or a dash when the tool reported nothing (no precision to speak of)."""
        return f"{self.precision:.3f}" if self.tp + self.fp else "–"

    def as_dict(self) -> dict[str, Any]:
        return {**self._asdict(), "missed": self.positives - self.found,
                "precision": round(self.precision, 4) if self.tp + self.fp else None,
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def as_score(c: Counter[str]) -> Score:
    return Score(c["tp"], c["fp"], c["found"], c["positives"])


class Result(NamedTuple):
    by_lang: dict[str, Counter[str]]
    by_cat: dict[str, Counter[str]]
    mnf_by_reason: dict[str, Counter[str]]
    misses: list[dict[str, Any]]
    alarms: list[dict[str, Any]]
    mnf: list[dict[str, Any]]
    neutral: list[dict[str, Any]]
    level_mismatches: list[dict[str, Any]]


def score(
    records: Sequence[dict[str, Any]], hits: Sequence[Sequence[Hit]], counted_levels: set[str]
) -> Result:
    """Score the tool findings of each passage (`hits`) against the passages' labels."""
    by_lang: dict[str, Counter[str]] = defaultdict(Counter)
    by_cat: dict[str, Counter[str]] = defaultdict(Counter)
    by_reason: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    alarms: list[dict[str, Any]] = []
    mnf_hits: list[dict[str, Any]] = []
    neutral: list[dict[str, Any]] = []
    mismatches: list[dict[str, Any]] = []
    for rec, found in zip(records, hits, strict=True):
        lang, text = rec["lang"], rec["text"]
        where = {"id": rec["id"], "lang": lang, "text": text}
        by_lang[lang]["passages"] += 1
        counted = [h for h in found if h.level in counted_levels]
        labels = [Label(f["start"], f["end"], f["category"], f["level"], f["span"]) for f in rec["findings"]]
        for cat in {lab.category for lab in labels}:
            by_cat[cat]["passages"] += 1
        for lab in labels:
            if lab.level not in ("warning", "error"):
                continue
            hits_on = [h for h in counted if overlaps((lab.start, lab.end), (h.start, h.end))]
            for c in (by_lang[lang], by_cat[lab.category]):
                c["positives"] += 1
                c["found"] += bool(hits_on)
            if not hits_on:
                misses.append({**where, "category": lab.category, "level": lab.level, "span": lab.span})
                continue
            top = max(hits_on, key=lambda h: LEVEL_RANK.get(h.level, 0)).level
            same = top == lab.level
            by_lang[lang]["level_ok"] += same
            by_cat[lab.category]["level_ok"] += same
            if not same:
                mismatches.append({**where, "category": lab.category, "span": lab.span, "expected": lab.level,
                                   "reported": top})
        for h in counted:
            on = [lab for lab in labels if overlaps((h.start, h.end), (lab.start, lab.end))]
            item = {**where, "rule": h.rule, "level": h.level, "match": h.match,
                    "start": h.start, "end": h.end}
            if any(lab.level in ("warning", "error") for lab in on):
                cat = next(lab.category for lab in on if lab.level in ("warning", "error"))
                by_lang[lang]["tp"] += 1
                by_cat[cat]["tp"] += 1
            elif on:
                by_lang[lang]["on_suggestion"] += 1
                neutral.append({**item, "why": "overlaps a labelled suggestion"})
            elif act_adverb(h, text):
                by_lang[lang]["act_adverb"] += 1
                neutral.append({**item, "why": "adverb or predicate on an act (unlabelled by design)"})
            else:
                by_lang[lang]["fp"] += 1
                by_cat[h.category]["fp"] += 1
                alarms.append(item)
        for m in rec.get("must_not_flag", []):
            reason = m["reason"]
            by_lang[lang]["mnf_total"] += 1
            by_reason[reason]["total"] += 1
            flagged = [h for h in counted if overlaps((m["start"], m["end"]), (h.start, h.end))]
            if flagged:
                by_lang[lang]["mnf"] += 1
                by_reason[reason]["hit"] += 1
                mnf_hits.append({**where, "reason": reason, "span": m["span"],
                                 "by": sorted({h.rule for h in flagged})})
    return Result(dict(by_lang), dict(by_cat), dict(by_reason), misses, alarms, mnf_hits, neutral, mismatches)


def total(result: Result) -> Counter[str]:
    out: Counter[str] = Counter()
    for c in result.by_lang.values():
        out.update(c)
    return out


# -- reporting -------------------------------------------------------------------------------


def score_table(title: str, rows: Iterable[tuple[str, Counter[str]]], *, mnf: bool, levels: bool) -> str:
    head = f"| {title} | passages | labelled | found | precision | recall | F1 |"
    sep = "|---|---:|---:|---:|---:|---:|---:|"
    if levels:
        head += " level agrees |"
        sep += "---:|"
    if mnf:
        head += " must-not-flag hit |"
        sep += "---:|"
    lines = [head, sep]
    for name, c in rows:
        s = as_score(c)
        line = (f"| {name} | {c['passages']} | {s.positives} | {s.found} | {s.precision_text} "
                f"| {s.recall:.3f} "
                f"| {s.f1:.3f} |")
        if levels:
            line += f" {c['level_ok']} of {s.found} |"
        if mnf:
            line += f" {c['mnf']} of {c['mnf_total']} |"
        lines.append(line)
    return "\n".join(lines)


def reason_table(result: Result) -> str:
    lines = ["| must-not-flag reason | spans | flagged |", "|---|---:|---:|"]
    for reason, c in sorted(result.mnf_by_reason.items()):
        lines.append(f"| {reason} | {c['total']} | {c['hit']} |")
    return "\n".join(lines)


def compare_table(results: dict[str, Result], langs: Sequence[str]) -> str:
    tools = list(results)
    head = "| language | labelled | " + " | ".join(
        f"{t} P | {t} R | {t} F1 | {t} must-not-flag hit" for t in tools) + " |"
    sep = "|---|---:|" + "---:|---:|---:|---:|" * len(tools)
    lines = [head, sep]
    for lang in ["all", *langs]:
        cells = []
        positives = 0
        for t in tools:
            c = total(results[t]) if lang == "all" else results[t].by_lang.get(lang, Counter())
            s = as_score(c)
            positives = s.positives
            cells.append(f"{s.precision_text} | {s.recall:.3f} | {s.f1:.3f} | {c['mnf']} of {c['mnf_total']}")
        lines.append(f"| {lang} | {positives} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def as_json(tool: str, result: Result, show: str) -> dict[str, Any]:
    tot = total(result)
    out: dict[str, Any] = {
        "tool": tool,
        "overall": {**as_score(tot).as_dict(), "must_not_flag_hits": tot["mnf"],
                    "must_not_flag_spans": tot["mnf_total"],
                    "level_agrees": tot["level_ok"], "neutral_on_suggestion": tot["on_suggestion"],
                    "neutral_act_adverb": tot["act_adverb"]},
        "languages": {
            lang: {**as_score(c).as_dict(), "passages": c["passages"], "must_not_flag_hits": c["mnf"],
                   "must_not_flag_spans": c["mnf_total"], "level_agrees": c["level_ok"]}
            for lang, c in sorted(result.by_lang.items())
        },
        "categories": {cat: {**as_score(c).as_dict(), "passages": c["passages"],
                             "level_agrees": c["level_ok"]}
                       for cat, c in sorted(result.by_cat.items())},
        "must_not_flag": {r: dict(c) for r, c in sorted(result.mnf_by_reason.items())},
    }
    if show != "none":
        out |= {"misses": result.misses, "false_alarms": result.alarms, "must_not_flag_hits": result.mnf}
    if show == "all":
        out |= {"neutral": result.neutral, "level_mismatches": result.level_mismatches}
    return out


def _line(item: dict[str, Any], *keys: str) -> str:
    head = " ".join(str(item[k]) for k in keys if k in item)
    return f"- {item['id']} [{item['lang']}] {head}: {item['text']}"


def print_report(tool: str, corpus: Path, result: Result, show: str) -> None:
    print(f"## {tool} on {corpus.name}\n")
    rows = [("all", total(result)), *sorted(result.by_lang.items())]
    print(score_table("language", rows, mnf=True, levels=tool == "termlint"))
    print()
    print(score_table("category", sorted(result.by_cat.items()), mnf=False, levels=tool == "termlint"))
    print()
    print(reason_table(result))
    tot = total(result)
    print(f"\nNeither right nor wrong: {tot['on_suggestion']} on labelled suggestions, "
          f"{tot['act_adverb']} on unlabelled adverbs or predicates of acts.")
    if show == "none":
        return
    sections: list[tuple[str, list[dict[str, Any]], tuple[str, ...]]] = [
        ("Misses", result.misses, ("category", "level", "span")),
        ("False alarms", result.alarms, ("rule", "level", "match")),
        ("Must-not-flag spans flagged", result.mnf, ("reason", "span", "by")),
    ]
    if show == "all":
        sections += [("Level disagreements", result.level_mismatches,
                      ("category", "span", "expected", "reported")),
                     ("Neither right nor wrong", result.neutral, ("rule", "level", "match", "why"))]
    for title, items, keys in sections:
        print(f"\n### {title} ({len(items)})\n")
        for item in items:
            print(_line(item, *keys))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--tool", choices=("termlint", "alex"), default="termlint")
    ap.add_argument("--compare", action="store_true",
                    help="score termlint and alex and print them side by side")
    ap.add_argument("--lang", action="append", help="only passages in this language (repeatable)")
    ap.add_argument("--forced-lang", action="store_true",
                    help="pass each passage's labelled language to termlint")
    ap.add_argument("--rules", action="append", default=[], help="extra rule files (termlint)")
    ap.add_argument("--min-level", choices=("suggestion", "warning"), default="warning",
                    help="lowest tool level that counts (default: warning)")
    ap.add_argument("--alex-sureness", type=int, choices=(0, 1, 2), default=None,
                    help="alex's profanitySureness (default: alex's own default, 0)")
    ap.add_argument("--show", choices=("none", "errors", "all"), default="errors",
                    help="list misses, false alarms and must-not-flag hits (all: also level disagreements "
                         "and neutral findings; default: errors)")
    ap.add_argument("--json", action="store_true", help="print the figures (and listed items) as JSON")
    args = ap.parse_args(argv)
    try:
        lines = args.corpus.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SystemExit(f"eval.py: cannot read {args.corpus}: {exc.strerror or exc}") from exc
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"eval.py: {args.corpus}:{n}: not JSON: {exc.msg}") from exc
    if args.lang:
        records = [r for r in records if r["lang"] in args.lang]
    levels = {"warning", "error"} | ({"suggestion"} if args.min_level == "suggestion" else set())
    tools = ["termlint", "alex"] if args.compare else [args.tool]
    results: dict[str, Result] = {}
    for tool in tools:
        if tool == "alex":
            hits = alex_hits(records, args.alex_sureness)
        else:
            hits = termlint_hits(records, args.forced_lang, args.rules)
        results[tool] = score(records, hits, levels)
    if args.json:
        payload = {t: as_json(t, r, args.show) for t, r in results.items()}
        print(json.dumps(payload if args.compare else payload[tools[0]], indent=2, ensure_ascii=False))
        return 0
    for i, (tool, result) in enumerate(results.items()):
        if i:
            print()
        print_report(tool, args.corpus, result, args.show)
    if args.compare:
        langs = sorted({r["lang"] for r in records})
        print(f"\n## termlint and alex on {args.corpus.name}\n")
        print(compare_table(results, langs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
