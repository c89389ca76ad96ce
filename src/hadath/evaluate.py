"""Score hadath/1 predictions against hadath-gold/1 annotations (docs/eval.md).

Metrics, per stage (micro-averaged over articles):

* ``entities.person|organization|place`` — precision/recall/F1 by mention: a
  predicted entity is right when one of its mentions matches a mention of a
  gold entity of the same kind (a country may be predicted as an organisation
  when it acts as an agent; organisation precision also accepts a match with
  any gold entity).  Two mentions match when, after normalisation and without
  a one-letter proclitic before the article (:mod:`hadath.lang.ar.scoring`,
  the reference scorer's folding), they are equal or the shorter is
  contained in the longer and at least half its length.
* ``place_resolution`` — of the gold places found that can be checked (known
  coordinates, a region's admin1, a country), the share whose predicted
  geo is right: within 60 km (settlements) or 120 km (larger units) of the gold
  coordinates, or the same admin1 for provinces and regions, or the same
  country for countries.
* ``attributions`` — P/R/F1: the cue matches (a leading و/ف tolerated) and the
  gold content snippet lies inside the predicted content;
  ``attribution_speaker`` — of matched gold attributions, the share whose
  speaker text (or speaker entity's mentions) matches the gold speaker mention
  (containment ratio 0.3).
* ``events`` — P/R/F1 with greedy one-to-one matching on event type, country,
  admin1 and date (±2 days); ``event_subtype`` and ``event_actors`` accuracies
  over matched pairs.
* ``published`` — accuracy of the article's published date.

A gold file without an ``attributions`` key (one converted from a review export, :mod:`hadath.review`) does
not annotate attributions: the attribution metrics skip it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hadath.errors import InputError
from hadath.gazetteer.model import km
from hadath.lang.ar.scoring import fold_for_scoring, mention_form, same_cue

__all__ = ["Scores", "evaluate", "format_report", "load_gold", "load_predictions"]

# Spellings of the same first-level unit (ACLED, GeoNames, common English); each row: canonical key, variants.
_ADMIN_EQUIVALENTS = (
    ("idlib", "idleb"),
    ("aleppo", "halab"),
    ("hama", "hamah"),
    ("damascus", "dimashq"),
    ("rifdimashq", "ruraldamascus", "damascuscountryside"),
    ("deirezzor", "dayrazzawr", "deirezzour", "deiralzour"),
    ("raqqa", "alraqqa", "arraqqah", "raqqah"),
    ("hasakah", "alhasakeh", "alhasakah", "hasaka"),
    ("latakia", "lattakia", "allatakia"),
    ("tartus", "tartous"),
    ("daraa", "dara", "deraa"),
    ("suwayda", "assuwayda", "assweida", "alsuwayda", "sweida"),
    ("quneitra", "alquneitra"),
    ("homs", "hims"),
    ("hudaydah", "alhudaydah", "hodeidah", "alhodeidah", "hudaida"),
    ("sanaacity", "amanatalasimah"),
    ("sanaa", "sana"),
    ("taiz", "taizz"),
    ("saada", "sadah"),
    ("bayda", "albayda", "albaydha"),
    ("marib", "maarib"),
    ("aden", "adan"),
    ("hajjah", "hajja"),
    ("dhiqar", "thiqar"),
    ("basra", "basrah", "albasrah"),
    ("ninawa", "nineveh", "ninewa"),
    ("anbar", "alanbar"),
    ("salahaldin", "saladin", "salahuddin"),
    ("maysan", "misan"),
    ("najaf", "annajaf"),
    ("karbala", "karbalaa"),
    ("kirkuk", "attamim"),
    ("tripoli", "tarabulus"),
    ("benghazi", "banghazi"),
    ("misrata", "misratah"),
    ("timbuktu", "tombouctou"),
    ("gazastrip", "gaza"),
    ("balochistan", "baluchistan"),
    ("khyberpakhtunkhwa", "nwfp"),
    ("lowershabelle", "shabeellahahoose"),
)
_ADMIN_ALIASES = {variant: row[0] for row in _ADMIN_EQUIVALENTS for variant in row[1:]}
_SETTLEMENT = {"village", "town", "city", "neighbourhood", "camp"}


def mentions_match(a: str, b: str, ratio: float = 0.5) -> bool:
    x, y = mention_form(a), mention_form(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return short in long_ and len(short) / len(long_) >= ratio


def admin_key(name: str | None) -> str | None:
    if not name:
        return None
    k = re.sub(r"[^a-z]", "", name.lower().replace("governorate", "").replace("province", ""))
    return _ADMIN_ALIASES.get(k, k)


@dataclass
class _Counts:
    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    def add(self, tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> None:
        self.tp_pred += tp_pred
        self.n_pred += n_pred
        self.tp_gold += tp_gold
        self.n_gold += n_gold

    def prf(self) -> dict[str, Any]:
        p = self.tp_pred / self.n_pred if self.n_pred else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "gold": self.n_gold}


@dataclass
class Scores:
    prf: dict[str, _Counts] = field(default_factory=dict)
    acc: dict[str, list[int]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def counts(self, key: str) -> _Counts:
        return self.prf.setdefault(key, _Counts())

    def hit(self, key: str, ok: bool) -> None:
        v = self.acc.setdefault(key, [0, 0])
        v[0] += int(ok)
        v[1] += 1

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: self.prf[k].prf() for k in sorted(self.prf)}
        for k in sorted(self.acc):
            good, n = self.acc[k]
            out[k] = {"acc": round(good / n, 3) if n else 0.0, "n": n}
        out["missing_outputs"] = list(self.missing)
        return out


def _entity_matches(pred: dict[str, Any], gold: dict[str, Any], typed: bool = True) -> bool:
    country_as_agent = gold["kind"] == "place" and gold.get("level") == "country" and pred.get("kind") == "organization"
    if typed and pred.get("kind") != gold["kind"] and not country_as_agent:
        return False
    return any(mentions_match(m.get("text", ""), g) for m in pred.get("mentions", []) for g in gold["mentions"])


def _place_ok(geo: dict[str, Any], gold: dict[str, Any]) -> bool:
    level = gold.get("level")
    if gold.get("lat") is not None and geo.get("lat") is not None and geo.get("lon") is not None:
        limit = 60 if level in _SETTLEMENT else 120
        if km(gold["lat"], gold["lon"], geo["lat"], geo["lon"]) <= limit:
            return True
    if (
        level in ("admin1", "region")
        and gold.get("admin1")
        and admin_key(geo.get("admin1")) == admin_key(gold["admin1"])
    ):
        return True
    return level == "country" and (geo.get("country") or "").upper() == gold.get("country")


def _checkable(gold: dict[str, Any]) -> bool:
    """A gold place whose resolution can be judged: known coordinates, a region's admin1, or a country."""
    level = gold.get("level")
    return (
        gold.get("lat") is not None
        or (level in ("admin1", "region") and bool(gold.get("admin1")))
        or (level == "country" and bool(gold.get("country")))
    )


def _score_entities(gold: dict[str, Any], pred: dict[str, Any], sc: Scores) -> None:
    ents = pred.get("entities", [])
    for kind in ("person", "organization", "place"):
        gk = [e for e in gold["entities"] if e["kind"] == kind]
        pk = [e for e in ents if e.get("kind") == kind]
        pool = gold["entities"] if kind == "organization" else gk
        sc.counts("entities." + kind).add(
            sum(any(_entity_matches(p, g) for g in pool) for p in pk),
            len(pk),
            sum(any(_entity_matches(p, g) for p in ents) for g in gk),
            len(gk),
        )
    for g in gold["entities"]:
        if g["kind"] != "place" or not _checkable(g):
            continue
        found = [p for p in ents if p.get("kind") == "place" and _entity_matches(p, g)]
        sc.acc.setdefault("place_resolution", [0, 0])
        if found:
            sc.hit("place_resolution", _place_ok(found[0].get("geo") or {}, g))


def _score_attributions(gold: dict[str, Any], pred: dict[str, Any], sc: Scores) -> None:
    atts = pred.get("attributions", [])
    by_id = {e.get("id"): e for e in pred.get("entities", [])}

    def matches(a: dict[str, Any], g: dict[str, Any]) -> bool:
        cue_ok = same_cue(fold_for_scoring(a.get("cue", "")), fold_for_scoring(g["cue"]))
        return cue_ok and fold_for_scoring(g["content_snippet"]) in fold_for_scoring(
            (a.get("content") or {}).get("text", "")
        )

    def speaker_ok(a: dict[str, Any], g: dict[str, Any]) -> bool:
        texts = [a.get("speaker_text") or ""]
        ent = by_id.get(a.get("speaker"))
        if ent:
            texts += [m.get("text", "") for m in ent.get("mentions", [])]
        return any(mentions_match(t, g["speaker_mention"], 0.3) for t in texts if t)

    golds = gold["attributions"]
    sc.counts("attributions").add(
        sum(any(matches(a, g) for g in golds) for a in atts),
        len(atts),
        sum(any(matches(a, g) for a in atts) for g in golds),
        len(golds),
    )
    for g in golds:
        hits = [a for a in atts if matches(a, g)]
        if hits:
            sc.hit("attribution_speaker", any(speaker_ok(a, g) for a in hits))


def match_events(gold: dict[str, Any], pred: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """The predicted events that match a gold event, as (index in ``pred["events"]``, gold event), in gold
    order: the same event type, country and admin-1 unit, dates within two days (each predicted event matches
    at most one gold event, the first it fits)."""
    by_id = {e.get("id"): e for e in pred.get("entities", [])}

    def geo_of(v: dict[str, Any]) -> dict[str, Any]:
        geo = v.get("geo") or {}
        if not geo and v.get("location") in by_id:
            geo = by_id[v["location"]].get("geo") or {}
        return geo

    def same(v: dict[str, Any], g: dict[str, Any]) -> bool:
        if v.get("event_type") != g["event_type"]:
            return False
        geo = geo_of(v)
        if geo.get("country") and g.get("country") and geo["country"].upper() != g["country"]:
            return False
        if g.get("admin1") and admin_key(geo.get("admin1")) != admin_key(g["admin1"]):
            return False
        if g.get("date") and v.get("date"):
            try:
                gap = abs((date.fromisoformat(v["date"][:10]) - date.fromisoformat(g["date"])).days)
            except ValueError:
                return False
            if gap > 2:
                return False
        return True

    preds = pred.get("events", [])
    used: set[int] = set()
    out: list[tuple[int, dict[str, Any]]] = []
    for g in gold["events"]:
        for i, v in enumerate(preds):
            if i not in used and same(v, g):
                used.add(i)
                out.append((i, g))
                break
    return out


def _score_events(gold: dict[str, Any], pred: dict[str, Any], sc: Scores) -> None:
    by_id = {e.get("id"): e for e in pred.get("entities", [])}
    gold_by_name = {e["name_en"]: e for e in gold["entities"]}
    preds = pred.get("events", [])
    pairs = [(preds[i], g) for i, g in match_events(gold, pred)]
    sc.counts("events").add(len(pairs), len(preds), len(pairs), len(gold["events"]))

    def key(x: str | None) -> str:
        return re.sub(r"[^a-z]", "", (x or "").lower())

    for v, g in pairs:
        sc.hit("event_subtype", v.get("sub_event_type") == g["sub_event_type"])
        cands = [by_id.get(x) for x in [v.get("actor1"), v.get("actor2"), *(v.get("assoc_actors") or [])]]
        actors = [c for c in cands if c]
        for role in ("actor1", "actor2"):
            name = g.get(role)
            if not name:
                continue
            ge = gold_by_name.get(name)
            if ge is not None:
                ok = any(_entity_matches(c, ge, typed=False) for c in actors)
            else:
                ok = any(
                    key(c.get("name_en")) and (key(c.get("name_en")) in key(name) or key(name) in key(c.get("name_en")))
                    for c in actors
                )
            sc.hit("event_actors", ok)


def score_article(gold: dict[str, Any], pred: dict[str, Any], sc: Scores) -> None:
    _score_entities(gold, pred, sc)
    if "attributions" in gold:  # a gold file without the key does not annotate them (e.g. from a review export)
        _score_attributions(gold, pred, sc)
    _score_events(gold, pred, sc)
    sc.hit("published", (pred.get("article") or {}).get("published") == gold.get("published"))


def load_gold(gold_dir: str | Path) -> list[dict[str, Any]]:
    d = Path(gold_dir)
    if not d.is_dir():
        raise InputError(f"{d}: gold directory not found")
    out = []
    for f in sorted(d.glob("*.json")):
        try:
            g = json.loads(f.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{f}: invalid JSON ({exc.msg} at line {exc.lineno})") from exc
        if isinstance(g, dict) and g.get("format") == "hadath-gold/1":
            g.setdefault("id", f.stem)
            g["_file"] = f.stem
            out.append(g)
    if not out:
        raise InputError(f"{d}: no hadath-gold/1 files found")
    return out


def load_predictions(path: str | Path) -> dict[str, dict[str, Any]]:
    """Predictions from a folder of <id>.json or from a JSONL file, keyed by article id."""
    p = Path(path)
    out: dict[str, dict[str, Any]] = {}
    if p.is_dir():
        for f in sorted(p.glob("*.json")):
            try:
                out[f.stem] = json.loads(f.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise InputError(f"{f}: invalid JSON ({exc.msg})") from exc
        return out
    if not p.is_file():
        raise InputError(f"{p}: predictions not found")
    for lineno, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{p}:{lineno}: invalid JSON ({exc.msg})") from exc
        out[str((doc.get("article") or {}).get("id"))] = doc
    return out


def evaluate(gold: Iterable[dict[str, Any]], predictions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    sc = Scores()
    for g in gold:
        pred = predictions.get(str(g["id"])) or predictions.get(str(g.get("_file"))) or {}
        if not pred:
            sc.missing.append(str(g.get("_file") or g["id"]))
        score_article(g, pred, sc)
    return sc.to_dict()


def format_report(res: dict[str, Any]) -> str:
    lines = []
    for k, v in res.items():
        if k == "missing_outputs":
            lines.append(f"{k:28s} {', '.join(v) if v else '-'}")
        elif "f1" in v:
            lines.append(f"{k:28s} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}  (gold {v['gold']})")
        else:
            lines.append(f"{k:28s} acc {v['acc']:.3f}  (n {v['n']})")
    return "\n".join(lines)
