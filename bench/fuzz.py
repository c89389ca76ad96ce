"""A fuzz campaign over ``hadath.extract`` (issue 19): only documented errors, spans equal to the text, valid output.

usage: python bench/fuzz.py [--inputs 1000000] [--jobs 2] [--chunk 5000] [--budget 2] [--out DIR] [--seed 0]

Hypothesis generates the inputs (the strategies below; ``tests/test_fuzz.py`` runs a few hundred of :func:`texts`
and :func:`metas` in the suite): articles assembled from pieces of Arabic news (event triggers, actors, places, speech cues,
relative and absolute dates, numbers in words and in three digit systems, quotes and brackets) mixed with random
Unicode, noise characters (tatweel, diacritics, bidi marks, zero-width joiners, BOMs, control characters) and
random metadata (publication dates within the range hadath reads, and garbage that must be refused).  The
campaign runs in chunks of --chunk inputs (a fresh Hypothesis seed each, generation only: nothing stops at the
first finding) in --jobs processes until --inputs have run; each Hypothesis example is one input drawn piece by
piece and 24 more from a generator it seeds (:func:`assemble`), which shares Hypothesis's own cost per example.

Each input is checked by :func:`check`:

* only documented errors escape (:class:`hadath.errors.HadathError` and its subclasses);
* every span of the output (any object with ``start``, ``end`` and ``text``) equals ``text[start:end]``;
* the output (``to_dict(include_text=True)``) validates against the hadath/1 JSON Schema and is UTF-8 JSON.

An extraction is stopped after --budget seconds of CPU (the per-article budget, :mod:`hadath._budget`); those
are counted as ``timeout`` (the stages are not linear yet; see tests/stages/test_hostile_input.py).  Findings
(undocumented errors, span mismatches, schema failures, timeouts) are written with their inputs to
``DIR/findings.jsonl``; the summary (counts per outcome, inputs per second) to ``DIR/summary.json``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
import traceback
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]

# -- the inputs -----------------------------------------------------------------------------------------------------

TRIGGERS = [
    "قصف",
    "غارات",
    "غارة جوية على",
    "اشتباكات",
    "هجوم",
    "انفجار",
    "سيارة مفخخة",
    "مقتل",
    "إصابة",
    "اعتقال",
    "مظاهرة",
    "احتجاجات",
    "سيطرت",
    "استعادت",
    "قصفت طائرات حربية",
    "شنت",
    "استهدف",
    "اغتيال",
    "خطف",
    "تفجير",
]
ACTORS = [
    "الجيش السوري",
    "قوات النظام",
    "المرصد السوري لحقوق الإنسان",
    "تنظيم الدولة",
    "وحدات حماية الشعب",
    "فصائل المعارضة",
    "الدفاع المدني",
    "التحالف الدولي",
    "الجيش التركي",
    "هيئة تحرير الشام",
    "مدنيين",
    "أطفال",
    "ناشطون",
    "مصدر عسكري",
    "وكالة سانا",
    "أ ف ب",
    "رويترز",
    "الأمم المتحدة",
    "روسيا",
    "حزب الله",
]
PLACES = [
    "إدلب",
    "حلب",
    "دوما",
    "معرة النعمان",
    "ريف دمشق",
    "الغوطة الشرقية",
    "عفرين",
    "منبج",
    "الرقة",
    "دير الزور",
    "درعا",
    "حمص",
    "حماة",
    "سراقب",
    "بلدة",
    "ريف إدلب الجنوبي",
    "شمال سوريا",
    "بغداد",
    "الموصل",
    "صنعاء",
]
CUES = [
    "قال",
    "أفاد",
    "أكد",
    "نفى",
    "ذكرت",
    "أعلن",
    "أشار إلى أن",
    "وفق",
    "بحسب",
    "نقلت عن",
    "قالت مصادر إن",
    "وأضاف أن",
    "حسبما أفاد",
    "لم يعلق",
    "اتهم",
    "ادعى",
]
DATES = [
    "أمس",
    "اليوم",
    "فجر اليوم الجمعة",
    "مساء أمس",
    "الأسبوع الماضي",
    "منذ سبعة أيام",
    "قبل يومين",
    "في 5 آذار 2018",
    "2018-03-05",
    "5/3/2018",
    "الشهر الماضي",
    "العام الماضي",
    "يوم الجمعة",
    "الأحد المقبل",
    "غدا",
    "أول أمس",
    "الليلة الماضية",
    "في الخامس من مارس",
    "رمضان",
    "عام 1982",
    "في 31 ديسمبر",
]
NUMBERS = [
    "12",
    "ثلاثة",
    "عشرات",
    "١٢",
    "۱۲",
    "1,200",
    "نحو 30",
    "أكثر من مئة",
    "خمسة آلاف",
    "0",
    "999999999999",
    "-5",
    "3.5",
    "نصف",
    "عشرة",
    "مليون",
    "1e308",
    "٣٠٠",
    "الـ24",
]
PUNCT = [".", "،", ":", "«", "»", '"', "(", ")", "[", "]", "؟", "!", "\n", "\n\n", "–", "—", "...", "؛", "'", " - "]
NOISE = [
    "ـ",
    "َ",
    "ُ",
    "ِ",
    "ّ",
    "ْ",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202b",
    "\u202c",
    "\ufeff",
    "\xa0",
    "\t",
    "\r",
    "\x00",
    "\x1b",
    "\u2028",
    "\u0301",
    "😀",
    "Idlib",
    "ISIS",
    "AFP",
    "&amp;",
    "<b>",
    "\\",
]
WORDS = ["في", "على", "من", "إن", "أن", "و", "ما", "أسفر عن", "بين", "بينهم", "الذي", "التي", "لم", "قد", "كما"]
PIECES = TRIGGERS + ACTORS + PLACES + CUES + DATES + NUMBERS + WORDS

#: Unicode text, without lone surrogates: the readers and the HTTP API refuse those before the library sees them.
UNICODE = st.characters(blacklist_categories=("Cs",))


def texts() -> st.SearchStrategy[str]:
    """Article texts: news pieces with spaces, punctuation and noise between them; or random Unicode."""
    piece = st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(PUNCT),
        st.sampled_from(NOISE),
        st.text(UNICODE, max_size=12),
    )
    sep = st.sampled_from([" ", " ", " ", "", "  ", "\n"])
    news = st.lists(st.tuples(piece, sep), max_size=60).map(lambda xs: "".join(a + b for a, b in xs))
    return st.one_of(news, news, news, st.text(UNICODE, max_size=300))


def publication_dates() -> st.SearchStrategy[str | None]:
    """Dates hadath reads (1900-2100), in the forms callers send; and values that must be refused."""
    day = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
    return st.one_of(
        st.none(),
        day.map(date.isoformat),
        day.map(lambda d: f"{d.isoformat()}T10:30:00Z"),
        st.sampled_from(["", "not-a-date", "2018-13-45", "2018-02-30", "٢٠١٨-٠٢-٠٩", "18-02-09", " 2018-02-09"]),
    )


def metas() -> st.SearchStrategy[dict[str, Any]]:
    short = st.text(UNICODE, max_size=30)
    return st.fixed_dictionaries(
        {},
        optional={"published": publication_dates(), "id": short, "title": short, "outlet": short, "url": short},
    )


#: Code points the fast generator favours: ASCII, Arabic and its presentation forms, punctuation, and the rest.
_RANGES = [(0x20, 0x7F), (0x600, 0x700), (0x750, 0x780), (0xFB50, 0xFE00), (0xFE70, 0xFF00), (0x2000, 0x2070)]
_BAD_DATES = ["", "not-a-date", "2018-13-45", "2018-02-30", "٢٠١٨-٠٢-٠٩", "18-02-09", " 2018-02-09"]


def _char(rng: random.Random) -> str:
    if rng.random() < 0.9:
        lo, hi = rng.choice(_RANGES)
        return chr(rng.randrange(lo, hi))
    c = rng.randrange(0x110000 - 0x800)
    return chr(c + 0x800 if c >= 0xD800 else c)  # never a surrogate


def assemble(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """One input from a seeded generator: what :func:`texts` and :func:`metas` make, drawn in one go, plus runs of
    one piece repeated (dense triggers, names, numbers)."""
    if rng.random() < 0.8:
        parts: list[str] = []
        for _ in range(rng.randrange(61)):
            kind = rng.random()
            if kind < 0.6:
                parts.append(rng.choice(PIECES))
            elif kind < 0.75:
                parts.append(rng.choice(PUNCT))
            elif kind < 0.85:
                parts.append(rng.choice(NOISE))
            else:
                parts.append("".join(_char(rng) for _ in range(rng.randrange(13))))
            parts.append(rng.choice([" ", " ", " ", "", "  ", "\n"]))
        if parts and rng.random() < 0.1:  # a run of one piece: dense triggers, names, numbers
            i = rng.randrange(len(parts))
            parts[i] = parts[i] * rng.randrange(2, 40)
        text = "".join(parts)
    else:
        text = "".join(_char(rng) for _ in range(rng.randrange(301)))
    meta: dict[str, Any] = {}
    if rng.random() < 0.7:
        roll = rng.random()
        if roll < 0.1:
            meta["published"] = None
        elif roll < 0.85:
            day = date(1900, 1, 1) + timedelta(days=rng.randrange(73414))  # to 2100-12-31
            meta["published"] = day.isoformat() if roll < 0.7 else f"{day.isoformat()}T10:30:00Z"
        else:
            meta["published"] = rng.choice(_BAD_DATES)
    for key in ("id", "title", "outlet", "url"):
        if rng.random() < 0.3:
            meta[key] = "".join(_char(rng) for _ in range(rng.randrange(31)))
    return text, meta


#: Inputs per Hypothesis example in the campaign: one from :func:`texts` and :func:`metas`, the rest from
#: :func:`assemble` with a generator Hypothesis seeds (its own cost, about a millisecond an example, is shared).
PER_EXAMPLE = 25


def inputs() -> st.SearchStrategy[list[tuple[str, dict[str, Any]]]]:
    """One example of the campaign: :data:`PER_EXAMPLE` inputs."""

    def more(first: tuple[str, dict[str, Any]], rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
        return [first, *(assemble(rng) for _ in range(PER_EXAMPLE - 1))]

    return st.builds(more, st.tuples(texts(), metas()), st.randoms(use_true_random=True))


# -- the oracle -----------------------------------------------------------------------------------------------------


def _spans(doc: dict[str, Any], text: str) -> list[str]:
    """Where a span of ``doc`` is not ``text[start:end]`` (JSON paths)."""
    bad: list[str] = []
    stack: list[tuple[Any, str]] = [(doc, "$")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            start, end = value.get("start"), value.get("end")
            if type(start) is int and type(end) is int:
                if not 0 <= start <= end <= len(text):
                    bad.append(f"{where}: [{start}:{end}] outside the text")
                elif isinstance(value.get("text"), str) and text[start:end] != value["text"]:
                    bad.append(f"{where}: {value['text']!r} != text[{start}:{end}] {text[start:end]!r}")
            stack.extend((v, f"{where}.{k}") for k, v in value.items() if k != "text")
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(value))
    return bad


_VALIDATOR: Any = None


def _schema_errors(doc: dict[str, Any]) -> list[str]:
    global _VALIDATOR
    if _VALIDATOR is None:
        import jsonschema

        schema = json.loads((ROOT / "src" / "hadath" / "schema" / "hadath-1.schema.json").read_text("utf-8"))
        _VALIDATOR = jsonschema.validators.validator_for(schema)(schema)
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in _VALIDATOR.iter_errors(doc)]


def check(text: str, meta: dict[str, Any], budget: float | None = 2.0) -> tuple[str, str]:
    """Extract one input and judge it: ``(outcome, detail)``.  Outcomes: ``ok``; ``error:<Type>`` for a documented
    error; ``timeout`` (over the CPU budget); and the findings ``undocumented``, ``span``, ``schema``, ``json``."""
    import hadath
    from hadath._budget import TimedOut, cpu_budget
    from hadath.errors import HadathError

    try:
        with cpu_budget(budget):
            doc = hadath.extract(text, **meta)
    except TimedOut:
        return "timeout", ""
    except HadathError as exc:
        return f"error:{type(exc).__name__}", exc.message[:200]
    except Exception as exc:
        return "undocumented", "".join(traceback.format_exception(exc))[-3000:]
    out = doc.to_dict(include_text=True)
    bad = _spans(out, text)
    if bad:
        return "span", "; ".join(bad[:5])
    try:
        json.dumps(out, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as exc:
        return "json", f"{type(exc).__name__}: {exc}"
    errors = _schema_errors(out)
    if errors:
        return "schema", "; ".join(errors[:5])
    return "ok", ""


FINDINGS = {"undocumented", "span", "schema", "json", "timeout"}


# -- the campaign ---------------------------------------------------------------------------------------------------


def run_chunk(chunk_seed: int, examples: int, budget: float) -> tuple[Counter[str], list[dict[str, Any]]]:
    """``examples`` Hypothesis examples (:data:`PER_EXAMPLE` inputs each) with ``chunk_seed``; the counts per
    outcome and the findings."""
    counts: Counter[str] = Counter()
    findings: list[dict[str, Any]] = []

    @seed(chunk_seed)
    @settings(
        max_examples=examples,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(cases=inputs())
    def one(cases: list[tuple[str, dict[str, Any]]]) -> None:
        for text, meta in cases:
            outcome, detail = check(text, meta, budget)
            counts[outcome] += 1
            if outcome in FINDINGS and len(findings) < 200:
                findings.append({"outcome": outcome, "detail": detail, "text": text, "meta": meta, "seed": chunk_seed})

    one()
    return counts, findings


def _job(args: tuple[int, int, int, float]) -> tuple[Counter[str], list[dict[str, Any]], float]:
    job, chunks, chunk, budget = args  # chunk: inputs
    counts: Counter[str] = Counter()
    findings: list[dict[str, Any]] = []
    t0 = time.process_time()
    for i in range(chunks):
        c, f = run_chunk(job * 1_000_003 + i, max(1, chunk // PER_EXAMPLE), budget)
        counts += c
        findings += f
        done = sum(counts.values())
        print(f"fuzz: job {job}: {done:,} inputs, {dict(counts)}", file=sys.stderr, flush=True)
    return counts, findings, time.process_time() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", type=int, default=1_000_000, help="inputs in all (default 1,000,000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: one per core)")
    ap.add_argument("--chunk", type=int, default=5000, help="inputs per Hypothesis run (default 5000)")
    ap.add_argument("--budget", type=float, default=2.0, help="CPU seconds one extraction may take (default 2)")
    ap.add_argument("--seed", type=int, default=0, help="first seed (chunks are seeded seed, seed+1, ...)")
    ap.add_argument("--out", type=Path, default=None, help="folder for findings.jsonl and summary.json")
    args = ap.parse_args()
    out = args.out or ROOT / "bench" / "results" / time.strftime("fuzz-%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    import hadath

    hadath.extract("قال المرصد إن القصف استمر أمس.")  # every job forks with the data loaded
    per_job = -(-args.inputs // args.jobs)
    chunks = -(-per_job // args.chunk)
    t0 = time.monotonic()
    work = [(args.seed + j, chunks, args.chunk, args.budget) for j in range(args.jobs)]
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        results = pool.map(_job, work)
    elapsed = time.monotonic() - t0
    counts: Counter[str] = sum((r[0] for r in results), Counter())
    findings = [f for r in results for f in r[1]]
    total = sum(counts.values())
    summary = {
        "inputs": total,
        "seconds": round(elapsed, 1),
        "cpu_seconds": round(sum(r[2] for r in results), 1),
        "inputs_per_s": round(total / elapsed, 1) if elapsed else None,
        "jobs": args.jobs,
        "budget": args.budget,
        "outcomes": dict(counts.most_common()),
        "undocumented": counts["undocumented"],
        "span_mismatches": counts["span"],
        "schema_failures": counts["schema"],
        "json_failures": counts["json"],
        "timeouts": counts["timeout"],
    }
    with (out / "findings.jsonl").open("w", encoding="utf-8") as fh:
        for f in findings:
            fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))
    bad = counts["undocumented"] + counts["span"] + counts["schema"] + counts["json"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
