"""Time per character of the pipeline as texts grow, on real text and on pathological families (issue 19).

usage: python bench/complexity.py [--sizes 10000,100000,1000000] [--families a,b] [--budget 60] [--json]

For each family, builds texts of each size (characters) and extracts them once, timing CPU seconds; prints the
time per 1,000 characters and its ratio to the smallest size's.  Linear time keeps the ratio near 1 (a quadratic
stage multiplies it by the size ratio).  An extraction over --budget seconds of CPU is stopped
(:func:`hadath._budget.cpu_budget`) and reported as such; the larger sizes of that family are skipped.  Exits 1
when a ratio exceeds --max-ratio (3) or an extraction was stopped.

Families: real (news sentences repeated), triggers (an event trigger again and again: "غارات على "), names (one
actor named again and again), nopunct (one line of real words without punctuation), nested (nested quotes and
brackets), numbers (number words and digits), cues (a reporting cue again and again without punctuation: "قال
المصدر إن ", whose every clause ran to the end of the one sentence).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

REAL = (
    "قال المرصد السوري لحقوق الإنسان إن طائرات حربية شنت غارات على بلدة معرة النعمان في ريف إدلب أمس، "
    "ما أسفر عن مقتل 12 مدنيا بينهم ثلاثة أطفال. وأضاف أن فرق الدفاع المدني انتشلت الجثث من تحت الأنقاض. "
)


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


FAMILIES: dict[str, Callable[[int], str]] = {
    "real": _repeat(REAL),
    "triggers": _repeat("غارات على "),
    "names": _repeat("الجيش السوري "),
    "nopunct": _repeat(REAL.replace("،", "").replace(".", "")),
    "nested": lambda n: _repeat("«قال (المصدر [إن «القصف (استمر» ")(n // 2) + _repeat(")]» ")(n - n // 2),
    "numbers": _repeat("قتل 12 و ثلاثة عشر وخمسة آلاف و 7 "),
    "cues": _repeat("قال المصدر إن "),
}


def measure(family: str, sizes: list[int], budget: float) -> list[dict[str, object]]:
    import hadath
    from hadath._budget import TimedOut, cpu_budget

    rows: list[dict[str, object]] = []
    base = None
    for n in sizes:
        text = FAMILIES[family](n)
        t0 = time.process_time()
        try:
            with cpu_budget(budget):
                hadath.extract(text, published="2018-03-05")
        except TimedOut:
            rows.append({"family": family, "chars": n, "seconds": None, "stopped": True})
            break
        dt = time.process_time() - t0
        per_k = dt / n * 1000
        if base is None:
            base = max(per_k, 1e-9)
        rows.append({"family": family, "chars": n, "seconds": round(dt, 3), "ms_per_1000": round(per_k * 1000, 3),
                     "ratio": round(per_k / base, 2)})  # fmt: skip
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="text sizes in characters")
    ap.add_argument("--families", default=",".join(FAMILIES), help="comma-separated families")
    ap.add_argument("--budget", type=float, default=60.0, help="CPU seconds one extraction may take")
    ap.add_argument("--max-ratio", type=float, default=3.0, help="fail when time per character grows more")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    import hadath

    hadath.extract("قال المرصد إن القصف استمر أمس.", published="2018-03-05")  # load the data outside the clock
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = [r for f in args.families.split(",") for r in measure(f, sizes, args.budget)]
    if args.json:
        print(json.dumps(rows))
    else:
        for r in rows:
            if r.get("stopped"):
                print(f"{r['family']:9} {r['chars']:>9,} chars  stopped after {args.budget:g} s of CPU")
            else:
                print(f"{r['family']:9} {r['chars']:>9,} chars  {r['seconds']:8.2f} s  {r['ms_per_1000']:8.2f} ms/1000 chars"
                      f"  ×{r['ratio']}")  # fmt: skip
    bad = [r for r in rows if r.get("stopped") or float(r.get("ratio") or 0) > args.max_ratio]  # type: ignore[arg-type]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
