"""Fit the event confidence model (``hadath/models/event_confidence.json``) on gold annotations.

usage: python -m hadath.stages.events._calibrate GOLD_DIR [--articles FILE.jsonl] [--labels FILE.tsv
       --corpus FILE.jsonl[.gz]] [--out FILE] [--folds 5]

GOLD_DIR holds hadath-gold/1 files (one ``<id>.json`` an article) and, unless ``--articles`` names another
file, the articles themselves as ``dev.jsonl`` (one ``{"id", "text", "published", ...}`` a line).  Every
article goes through the default pipeline; each event it yields is labelled 1 when it matches a gold event
(the scorer's rule: :func:`hadath.evaluate.match_events`) and 0 otherwise, with its confidence features
(:data:`._confidence.FEATURES`).  ``--labels`` adds hand-judged events of other articles
(``hadath/models/event_confidence_labels.tsv``: article id, trigger offset, label), found again in the
articles of ``--corpus`` by their trigger offset.  A logistic regression with an L2 penalty is fitted by
Newton's method; the penalty is chosen by cross-validation over folds of whole articles (article k goes to
fold k mod FOLDS, in sorted id order), and the reliability table of the cross-validated predictions — how
often events of each confidence band are right — is written into the model file next to the weights.  The
run is deterministic: the same gold files and the same code give the same model.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hadath.doc import Doc
from hadath.evaluate import load_gold, match_events
from hadath.pipeline import default_pipeline
from hadath.stages.events import Events
from hadath.stages.events._confidence import FEATURES

_PENALTIES = (0.3, 1.0, 3.0, 10.0)
_BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
_MODEL = Path(__file__).resolve().parents[2] / "models" / "event_confidence.json"

Sample = tuple[str, tuple[float, ...], int]  # article id, features, label


def _logged_extractor() -> Callable[[dict[str, Any]], tuple[Doc, list[tuple[float, ...]]]]:
    """Extract an article with the default pipeline and the feature vector of each of its events."""
    pipe = default_pipeline()
    stage = next(s for s in pipe.stages if isinstance(s, Events))

    def extract(a: dict[str, Any]) -> tuple[Doc, list[tuple[float, ...]]]:
        log: list[tuple[float, ...]] = []
        stage.feature_log = log
        try:
            doc = pipe.extract(a["text"], id=a["id"], title=a.get("title"), published=a.get("published"))
        finally:
            stage.feature_log = None
        return doc, log

    return extract


def collect(articles: Sequence[dict[str, Any]], gold: dict[str, dict[str, Any]]) -> list[Sample]:
    """Labelled feature vectors of every event the default pipeline finds in the gold articles."""
    extract = _logged_extractor()
    out: list[Sample] = []
    for a in articles:
        g = gold.get(a["id"])
        if g is None:
            continue
        doc, log = extract(a)
        pred = doc.to_dict()
        matched = {i for i, _ in match_events(g, pred)}
        if len(log) != len(pred.get("events", [])):
            raise RuntimeError(f"{a['id']}: {len(log)} feature vectors for {len(pred.get('events', []))} events")
        out.extend((a["id"], x, int(i in matched)) for i, x in enumerate(log))
    return out


def collect_labelled(articles: Sequence[dict[str, Any]], labels: dict[str, dict[int, int]]) -> list[Sample]:
    """Feature vectors of the hand-judged events, found again by article id and trigger offset."""
    extract = _logged_extractor()
    out: list[Sample] = []
    for a in articles:
        lab = labels.get(a["id"])
        if not lab:
            continue
        doc, log = extract(a)
        for ev, x in zip(doc.events, log, strict=True):
            y = lab.get(ev.trigger.start)
            if y is not None:
                out.append((a["id"], x, y))
    return out


def read_labels(path: str | Path) -> dict[str, dict[int, int]]:
    """``article id -> trigger offset -> label`` from a labels file (``#`` lines, then a header)."""
    out: dict[str, dict[int, int]] = {}
    rows = [ln for ln in Path(path).read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for ln in rows[1:]:
        aid, start, _sub, label = ln.split("\t")[:4]
        out.setdefault(aid, {})[int(start)] = int(label)
    return out


def read_articles(path: str | Path, ids: set[str]) -> list[dict[str, Any]]:
    """The articles of a JSON-lines file (gzip-compressed when its name ends in .gz) whose id is in ``ids``."""
    p = Path(path)
    opener = gzip.open if p.suffix == ".gz" else open
    out = []
    with opener(p, "rt", encoding="utf-8") as f:
        for line in f:
            if any(f'"{i}"' in line for i in ids if i in line):
                a = json.loads(line)
                if a.get("id") in ids:
                    out.append(a)
    return out


def fit(xs: Sequence[Sequence[float]], ys: Sequence[int], penalty: float) -> list[float]:
    """Weights [bias, w1 ... wn] of an L2-penalised logistic regression (the bias is not penalised)."""
    n = len(xs[0]) + 1
    rows = [[1.0, *x] for x in xs]
    w = [0.0] * n
    for _ in range(50):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        for r, y in zip(rows, ys, strict=True):
            p = _sigmoid(sum(a * b for a, b in zip(w, r, strict=True)))
            d = p - y
            s = p * (1 - p)
            for i in range(n):
                grad[i] += d * r[i]
                ri = s * r[i]
                for k in range(i, n):
                    hess[i][k] += ri * r[k]
        for i in range(n):
            for k in range(i):
                hess[i][k] = hess[k][i]
            if i:
                grad[i] += penalty * w[i]
                hess[i][i] += penalty
            hess[i][i] += 1e-9
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(v) for v in step) < 1e-8:
            break
    return w


def predict(w: Sequence[float], x: Sequence[float]) -> float:
    return _sigmoid(w[0] + sum(a * b for a, b in zip(w[1:], x, strict=True)))


def cross_validate(samples: Sequence[Sample], folds: int, penalty: float) -> list[float]:
    """Out-of-fold predictions, in the order of ``samples``."""
    ids = sorted({s[0] for s in samples})
    fold_of = {aid: k % folds for k, aid in enumerate(ids)}
    preds = [0.0] * len(samples)
    for f in range(folds):
        train = [s for s in samples if fold_of[s[0]] != f]
        if not train or len({s[2] for s in train}) < 2:
            continue
        w = fit([s[1] for s in train], [s[2] for s in train], penalty)
        for k, s in enumerate(samples):
            if fold_of[s[0]] == f:
                preds[k] = predict(w, s[1])
    return preds


def reliability(preds: Sequence[float], ys: Sequence[int]) -> list[dict[str, Any]]:
    """Per confidence band: how many events, their mean confidence, the share that is right."""
    out = []
    for lo, hi in itertools.pairwise(_BANDS):
        idx = [k for k, p in enumerate(preds) if lo <= p < hi]
        out.append(
            {
                "band": f"{lo:.1f}-{min(hi, 1.0):.1f}",
                "events": len(idx),
                "mean_confidence": round(sum(preds[k] for k in idx) / len(idx), 3) if idx else None,
                "right": round(sum(ys[k] for k in idx) / len(idx), 3) if idx else None,
            }
        )
    return out


def log_loss(preds: Sequence[float], ys: Sequence[int]) -> float:
    eps = 1e-6
    pairs = zip(preds, ys, strict=True)
    return -sum(y * math.log(max(p, eps)) + (1 - y) * math.log(max(1 - p, eps)) for p, y in pairs) / len(ys)


def brier(preds: Sequence[float], ys: Sequence[int]) -> float:
    return sum((p - y) ** 2 for p, y in zip(preds, ys, strict=True)) / len(ys)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir")
    ap.add_argument("--articles", help="articles as JSON lines (default: GOLD_DIR/dev.jsonl)")
    ap.add_argument("--labels", help="hand-judged events: article id, trigger offset, sub-event type, label (TSV)")
    ap.add_argument("--corpus", help="the articles of the --labels file (JSON lines, .gz allowed)")
    ap.add_argument("--out", default=str(_MODEL), help="model file to write (default: the packaged one)")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    gold = {g["id"]: g for g in load_gold(args.gold_dir)}
    path = Path(args.articles) if args.articles else Path(args.gold_dir) / "dev.jsonl"
    articles = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    samples = collect(articles, gold)
    n_gold = len(samples)
    if args.labels:
        if not args.corpus:
            ap.error("--labels needs --corpus")
        labels = read_labels(args.labels)
        samples += collect_labelled(read_articles(args.corpus, set(labels)), labels)
    ys = [s[2] for s in samples]
    if len(set(ys)) < 2:
        print("calibrate: the events need both labels", file=sys.stderr)
        return 1
    scores = {c: log_loss(cross_validate(samples, args.folds, c), ys) for c in _PENALTIES}
    penalty = min(_PENALTIES, key=lambda c: (round(scores[c], 6), c))
    cv = cross_validate(samples, args.folds, penalty)
    w = fit([s[1] for s in samples], ys, penalty)
    model = {
        "about": (
            "Logistic model of event confidence (hadath.stages.events._confidence). Fitted by "
            "python -m hadath.stages.events._calibrate on events of the default pipeline matched (1) or not (0) "
            "to hadath-gold/1 annotations, and on hand-judged events (event_confidence_labels.tsv); the "
            "reliability table holds cross-validated predictions."
        ),
        "training": {
            "gold_dir": Path(args.gold_dir).name,
            "gold_events": n_gold,
            "labelled_events": len(samples) - n_gold,
            "labels": Path(args.labels).name if args.labels else None,
            "articles": len({s[0] for s in samples}),
            "events": len(samples),
            "right": sum(ys),
            "penalty": penalty,
            "folds": args.folds,
            "cv_log_loss": round(scores[penalty], 4),
            "cv_brier": round(brier(cv, ys), 4),
        },
        "bias": round(w[0], 4),
        "weights": {f: round(v, 4) for f, v in zip(FEATURES, w[1:], strict=True)},
        "reliability": reliability(cv, ys),
    }
    Path(args.out).write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: model[k] for k in ("training", "reliability")}, indent=1))
    return 0


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b by Gaussian elimination with partial pivoting (a small dense system)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        piv = m[c][c]
        if abs(piv) < 1e-12:
            continue
        for r in range(c + 1, n):
            f = m[r][c] / piv
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        piv = m[r][r]
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / piv if abs(piv) >= 1e-12 else 0.0
    return x


if __name__ == "__main__":
    raise SystemExit(main())
