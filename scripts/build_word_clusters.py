"""Build ``src/hadath/lang/ar/word_clusters.tsv``: distributional word classes for the name tagger.

usage: python scripts/build_word_clusters.py CORPUS.jsonl.gz [-o FILE] [--vocab 40000] [--context 800]

Each article's text is segmented by hadath's own stages (``normalize`` + ``segment``); a word is its stem (the
normalised form without clitics and article), a number is ``0``.  For the ``--vocab`` most frequent stems the
counts of the ``--context`` most frequent stems just before and just after them are weighted by positive
pointwise mutual information, reduced to 64 dimensions (randomised SVD) and grouped by spherical k-means into
64 and into 512 classes.  Only the classes are written, one stem a line: no text of the corpus is kept.

Deterministic: fixed seeds, articles in file order, ties broken by the stem.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "hadath" / "lang" / "ar" / "word_clusters.tsv"
SIZES = (64, 512)
DIM = 64


def _stems(texts: list[str]) -> list[list[str]]:
    from hadath.pipeline import Pipeline

    pipe = Pipeline(["normalize", "segment"])
    out = []
    for text in texts:
        toks = pipe.extract(text).tokens
        out.append([t.stem if t.is_word else ("0" if t.norm[:1].isdigit() else t.norm) for t in toks])
    return out


def _kmeans(x: np.ndarray, k: int, seed: int, iters: int = 30) -> np.ndarray:
    rng = np.random.default_rng(seed)
    # k-means++ seeding on cosine distance
    centers = [x[0]]
    d = 1.0 - x @ x[0]
    for _ in range(1, k):
        p = np.maximum(d, 0.0) ** 2
        i = int(rng.choice(len(x), p=p / p.sum()))
        centers.append(x[i])
        d = np.minimum(d, 1.0 - x @ x[i])
    c = np.array(centers)
    assign = np.zeros(len(x), dtype=np.intp)
    for _ in range(iters):
        assign = (x @ c.T).argmax(axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                v = members.sum(axis=0)
                c[j] = v / (np.linalg.norm(v) or 1.0)
    return assign


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ap.add_argument("--vocab", type=int, default=40_000)
    ap.add_argument("--context", type=int, default=800)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="numbers of classes, comma-separated")
    args = ap.parse_args(argv)

    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    print(f"{len(texts)} articles", file=sys.stderr)
    docs = _stems(texts)
    freq = Counter(w for d in docs for w in d)
    ranked = sorted(freq, key=lambda w: (-freq[w], w))
    vocab = {w: i for i, w in enumerate(w for w in ranked if w.isalpha() or w == "0") if i < args.vocab}
    ctx = {w: i for i, w in enumerate(ranked[: args.context])}
    nc = len(ctx)
    pairs = []
    for d in docs:
        ids = np.array([vocab.get(w, -1) for w in d], dtype=np.int64)
        cids = np.array([ctx.get(w, -1) for w in d], dtype=np.int64)
        if len(d) < 2:
            continue
        for v, c, shift in ((ids[1:], cids[:-1], 0), (ids[:-1], cids[1:], nc)):
            ok = (v >= 0) & (c >= 0)
            pairs.append(v[ok] * 2 * nc + shift + c[ok])
    size = len(vocab) * 2 * nc
    counts = np.bincount(np.concatenate(pairs), minlength=size).astype(np.float64).reshape(len(vocab), 2 * nc)
    total = counts.sum()
    pw = counts.sum(axis=1, keepdims=True) / total
    pc = counts.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((counts / total) / (pw * pc))
    ppmi = np.where(np.isfinite(pmi) & (pmi > 0), pmi, 0.0)
    rng = np.random.default_rng(0)
    q, _ = np.linalg.qr(ppmi @ rng.standard_normal((ppmi.shape[1], DIM + 16)))
    for _ in range(2):  # power iterations
        q, _ = np.linalg.qr(ppmi @ (ppmi.T @ q))
    u, s, _ = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    emb = (q @ u[:, :DIM]) * np.sqrt(s[:DIM])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-12
    sizes = [int(x) for x in args.sizes.split(",")]
    classes = [_kmeans(emb, k, seed=k) for k in sizes]
    lines = [
        "# hadath lang/ar/word_clusters.tsv — distributional word classes for the name tagger (lang/ar/ner).",
        "# Columns: stem (normalised, without clitics and article; a number is 0), then its class among "
        + " and among ".join(map(str, sizes))
        + ".",
        "# Classes group words used in the same contexts (the words just before and after them).",
        f"# Source: word-neighbour counts over the ANT corpus 2018 ({len(texts)} articles, stems only, no text",
        f"# copied), the {len(vocab)} most frequent stems; built by scripts/build_word_clusters.py.",
        "\t".join(["stem", *(f"c{k}" for k in sizes)]),
    ]
    for w, i in vocab.items():
        lines.append("\t".join([w, *(str(c[i]) for c in classes)]))
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(vocab)} stems)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
