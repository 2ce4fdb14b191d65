#!/usr/bin/env python3
"""Score termlint (or alex) on a labelled corpus: precision, recall, F1, must-not-flag hits.

    python bench/eval.py ../shared/corpus/dev.jsonl            # termlint, every language
    python bench/eval.py CORPUS --lang en --show errors        # English, list misses and false alarms
    python bench/eval.py CORPUS --tool alex                    # alex on the same passages

Scoring (as documented in README.md):
* A tool finding counts when its level is warning or error (alex has no levels: all count).
* It is a true positive when its character span overlaps a labelled finding of level
  warning or error; a labelled finding is found when some counted tool finding overlaps it.
* A counted finding that overlaps no labelled finding is a false alarm, except an adverb
  or predicate on an act ("entered illegally"), which the corpus leaves unlabelled on
  purpose (its rule 2): such hits are ignored, neither right nor wrong.
* Labelled suggestions (mild metaphors, "failed asylum seeker") are not counted in recall;
  a tool finding overlapping one is not a false alarm.
* Must-not-flag spans overlapped by a counted finding are listed and counted separately.

Passages are checked as users check files: one passage per document, language detected
per paragraph (use --forced-lang to pass the labelled language instead).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

COUNTED = {"warning", "error"}
# Rules whose unlabelled hits the corpus tells us to ignore (its rule 2: adverbs and
# predicates describing acts are deliberately unlabelled).
IGNORED_CATEGORIES = {"illegal-act-adverb"}


class Hit(NamedTuple):
    start: int
    end: int
    rule: str
    category: str
    level: str
    match: str


def termlint_hits(records: list[dict[str, Any]], forced: bool, extra: list[str]) -> list[list[Hit]]:
    from termlint import engine
    from termlint.document import Document

    settings = engine.Settings(rule_paths=tuple(extra))
    ruleset = engine.load_ruleset(settings)
    out = []
    for rec in records:
        matcher = engine.matcher_for(ruleset, settings._replace(language=rec["lang"] if forced else None))
        found = matcher.check(Document(rec["id"], rec["text"]))
        out.append([Hit(f.offset, f.end_offset, f.rule, f.category, f.level.value, f.match) for f in found])
    return out


def alex_hits(records: list[dict[str, Any]]) -> list[list[Hit]]:
    script = HERE / "alex_runner.mjs"
    texts = json.dumps([r["text"] for r in records])
    proc = subprocess.run(["node", str(script)], input=texts.encode(), capture_output=True, cwd=HERE)
    if proc.returncode != 0:
        raise SystemExit(f"alex failed (install it with `npm install alex` in bench/): {proc.stderr.decode()[:500]}")
    results = json.loads(proc.stdout)
    return [
        [Hit(m["start"], m["end"], m["rule"], "alex", "warning", rec["text"][m["start"]:m["end"]]) for m in msgs]
        for rec, msgs in zip(records, results)
    ]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Score(NamedTuple):
    tp: int
    fp: int
    fn: int
    found: int  # labelled positives found
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


def score(records: list[dict[str, Any]], hits: list[list[Hit]], show: bool) -> dict[str, Any]:
    by_lang: dict[str, Counter[str]] = defaultdict(Counter)
    by_cat: dict[str, Counter[str]] = defaultdict(Counter)
    mnf_hits: list[str] = []
    misses: list[str] = []
    alarms: list[str] = []
    for rec, found in zip(records, hits):
        lang = rec["lang"]
        counted = [h for h in found if h.level in COUNTED]
        labels = rec["findings"]
        positives = [f for f in labels if f["level"] in COUNTED]
        for f in positives:
            span = (f["start"], f["end"])
            ok = any(overlaps(span, (h.start, h.end)) for h in counted)
            by_lang[lang]["positives"] += 1
            by_cat[f["category"]]["positives"] += 1
            if ok:
                by_lang[lang]["found"] += 1
                by_cat[f["category"]]["found"] += 1
            else:
                misses.append(f"{rec['id']} [{lang}] {f['category']} {f['span']!r}: {rec['text']}")
        for h in counted:
            span = (h.start, h.end)
            label = next((f for f in labels if overlaps(span, (f["start"], f["end"]))), None)
            if label is not None and label["level"] in COUNTED:
                by_lang[lang]["tp"] += 1
                by_cat[label["category"]]["tp"] += 1
            elif label is not None:
                continue  # overlaps a labelled suggestion: neither right nor wrong
            elif h.category in IGNORED_CATEGORIES:
                continue
            else:
                by_lang[lang]["fp"] += 1
                by_cat[h.category]["fp"] += 1
                alarms.append(f"{rec['id']} [{lang}] {h.rule} ({h.level}) {h.match!r}: {rec['text']}")
        for m in rec.get("must_not_flag", []):
            if any(overlaps((m["start"], m["end"]), (h.start, h.end)) for h in counted):
                by_lang[lang]["mnf"] += 1
                mnf_hits.append(f"{rec['id']} [{lang}] {m['reason']} {m['span']!r}: {rec['text']}")
        by_lang[lang]["mnf_total"] += len(rec.get("must_not_flag", []))
    return {"by_lang": by_lang, "by_cat": by_cat, "mnf": mnf_hits, "misses": misses, "alarms": alarms}


def as_score(c: Counter[str]) -> Score:
    return Score(c["tp"], c["fp"], c["positives"] - c["found"], c["found"], c["positives"])


def table(title: str, rows: Iterable[tuple[str, Counter[str]]], mnf: bool) -> str:
    head = f"| {title} | passages | labelled | found | precision | recall | F1 |" + (" must-not-flag hit |" if mnf else "")
    sep = "|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if mnf else "")
    lines = [head, sep]
    for name, c in rows:
        s = as_score(c)
        line = f"| {name} | {c['passages']} | {s.positives} | {s.found} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
        if mnf:
            line += f" {c['mnf']} of {c['mnf_total']} |"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--tool", choices=("termlint", "alex"), default="termlint")
    ap.add_argument("--lang", action="append", help="only passages in this language (repeatable)")
    ap.add_argument("--forced-lang", action="store_true", help="pass each passage's labelled language to termlint")
    ap.add_argument("--rules", action="append", default=[], help="extra rule files (termlint)")
    ap.add_argument("--show", choices=("none", "errors", "all"), default="errors",
                    help="list misses, false alarms and must-not-flag hits (default: errors)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    records = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.lang:
        records = [r for r in records if r["lang"] in args.lang]
    hits = alex_hits(records) if args.tool == "alex" else termlint_hits(records, args.forced_lang, args.rules)
    result = score(records, hits, args.show != "none")
    for rec in records:
        result["by_lang"][rec["lang"]]["passages"] += 1
    total: Counter[str] = Counter()
    for c in result["by_lang"].values():
        total.update(c)
    if args.json:
        out = {lang: as_score(c)._asdict() | {"precision": as_score(c).precision, "recall": as_score(c).recall,
                                              "f1": as_score(c).f1, "must_not_flag_hits": c["mnf"]}
               for lang, c in [("all", total), *sorted(result["by_lang"].items())]}
        print(json.dumps(out, indent=2))
        return 0
    print(f"## {args.tool} on {args.corpus.name}\n")
    print(table("language", [("all", total), *sorted(result["by_lang"].items())], True))
    print()
    cats = sorted(result["by_cat"].items())
    print(table("category", cats, False))
    if args.show != "none":
        for title, items in (("Misses", result["misses"]), ("False alarms", result["alarms"]),
                             ("Must-not-flag spans flagged", result["mnf"])):
            print(f"\n### {title} ({len(items)})\n")
            for item in items:
                print(f"- {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
