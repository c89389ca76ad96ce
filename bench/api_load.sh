#!/usr/bin/env bash
# Load test of the HTTP API with wrk, on loopback: GET /v1/events and POST /v1/extract.
#
#   bash bench/api_load.sh                 # 10 s each, 2 threads, 16 connections
#   DURATION=30s CONNECTIONS=32 WORKERS=2 bash bench/api_load.sh   # WORKERS = server processes
#   HADATH_BENCH_DB=corpus.db bash bench/api_load.sh   # serve an existing store instead
#
# Without HADATH_BENCH_DB it builds a synthetic store (ARTICLES articles x 4 events, default
# 5000 x 4 = 20000 events, spread over 2018, five event types, twelve places) so the event
# queries run over a realistic number of rows whatever the extraction stages produce today.
# It starts `hadath serve` on a free port, runs wrk, stops the server and writes the wrk output
# and a summary to bench/results/api_load-<date>.txt.  Needs wrk (apt-get install wrk).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
[[ -x "$PY" ]] || PY="$(command -v python3)"
DURATION="${DURATION:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
ARTICLES="${ARTICLES:-5000}"
WORKERS="${WORKERS:-1}"
command -v wrk >/dev/null || { echo "api_load: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

DB="${HADATH_BENCH_DB:-}"
if [[ -z "$DB" ]]; then
  DB="$WORK/bench.db"
  echo "api_load: building a synthetic store of $ARTICLES articles in $DB" >&2
  "$PY" - "$DB" "$ARTICLES" <<'PYEOF'
import random, sys
from hadath.doc import ArticleMeta, Doc, Entity, Event, Geo, Sentence, Span
from hadath.store import open_store

path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(8)
places = [("إدلب", "Idlib", 35.93, 36.63, "Idlib"), ("حلب", "Aleppo", 36.20, 37.16, "Aleppo"),
          ("عفرين", "Afrin", 36.51, 36.87, "Aleppo"), ("دوما", "Douma", 33.57, 36.40, "Rural Damascus"),
          ("درعا", "Daraa", 32.62, 36.10, "Daraa"), ("الرقة", "Raqqa", 35.95, 39.01, "Ar-Raqqa"),
          ("دير الزور", "Deir ez-Zor", 35.34, 40.14, "Deir ez-Zor"), ("حمص", "Homs", 34.73, 36.71, "Homs"),
          ("حماة", "Hama", 35.13, 36.75, "Hama"), ("سراقب", "Saraqib", 35.86, 36.80, "Idlib"),
          ("معرة النعمان", "Maarat al-Numan", 35.65, 36.67, "Idlib"), ("منبج", "Manbij", 36.53, 37.95, "Aleppo")]
types = [("Battles", "Armed clash", "اشتباكات"), ("Explosions/Remote violence", "Air/drone strike", "غارات"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", "قصف"),
         ("Violence against civilians", "Attack", "هجوم"), ("Protests", "Peaceful protest", "مظاهرة")]
store = open_store(path)
batch = []
for i in range(n):
    month, day = rng.randint(2, 10), rng.randint(1, 28)
    date = f"2018-{month:02d}-{day:02d}"
    parts, events, ents = [], [], []
    text = ""
    for k in range(4):
        ar, en, lat, lon, adm = rng.choice(places)
        et, st, trig = rng.choice(types)
        killed = rng.randint(0, 30)
        sent = f"{trig} في {ar} أسفرت عن مقتل {killed} أشخاص بحسب المرصد السوري. "
        s0 = len(text)
        text += sent
        t0 = s0
        p0 = s0 + len(trig) + 4
        geo = Geo(en, lat, lon, "Syria", adm, None, "PPL", None, 1)
        ents.append(Entity(f"p{k}", "place", ar, en, None, None, [Span(p0, p0 + len(ar), ar)], geo=geo))
        events.append(Event(f"ev{k}", et, st, Span(t0, t0 + len(trig), trig), date, 1, None, None,
                            location=f"p{k}", geo=geo, fatalities=killed, sentence=Sentence(s0, len(text)),
                            confidence=0.8))
    doc = Doc(text, ArticleMeta(f"bench-{i}", f"تقرير {i}", date, "metadata", rng.choice(["SOHR", "BBC", "AFP"])))
    doc.sentences = [e.sentence for e in events if e.sentence]
    doc.entities, doc.events = ents, events
    batch.append((doc.to_dict(), doc.text, "bench"))
    if len(batch) == 500:
        store.add_many(batch)
        batch = []
if batch:
    store.add_many(batch)
store.recluster()
print(f"api_load: {store.stats()['events']} events, {store.stats()['clusters']} clusters", file=sys.stderr)
store.close()
PYEOF
fi

PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
"$PY" -m hadath serve --db "$DB" --port "$PORT" --workers "$WORKERS" --log-level warning --tile-url none \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  curl -fsS "$BASE/v1/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$BASE/v1/health" >/dev/null || { echo "api_load: the server did not start" >&2; exit 1; }

"$PY" - "$ROOT/examples/idlib-2018-03-05.txt" "$WORK/body.json" <<'PYEOF'
import json, sys
from pathlib import Path
src = Path(sys.argv[1])
text = src.read_text(encoding="utf-8") if src.is_file() else (
    "قال المرصد السوري لحقوق الإنسان إن طائرات حربية شنت غارات على بلدة معرة النعمان في ريف إدلب، "
    "ما أسفر عن مقتل 12 مدنيا بينهم ثلاثة أطفال.")
Path(sys.argv[2]).write_text(json.dumps({"text": text, "published": "2018-03-05"}, ensure_ascii=False), encoding="utf-8")
PYEOF

mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/api_load-$(date +%Y%m%d-%H%M%S).txt"
ALL_URL="$BASE/v1/events?limit=50"
FILTERED_URL="$BASE/v1/events?limit=50&event_type=Explosions%2FRemote%20violence&since=2018-03-01&until=2018-06-30"
count() { curl -fsS "$1" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print("total matching:", d["total"], "rows:", len(d["events"]))'; }
{
  echo "# hadath API load test, $(date -Iseconds), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION, hadath serve --workers $WORKERS"
  echo "## GET /v1/events (first 50 rows)"
  count "$ALL_URL"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$ALL_URL"
  echo "## GET /v1/events filtered (50 rows, type + date range)"
  count "$FILTERED_URL"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$FILTERED_URL"
  echo "## POST /v1/extract ($(wc -c <"$WORK/body.json") bytes of JSON)"
  HADATH_BENCH_BODY="$WORK/body.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
    -s "$ROOT/bench/extract_post.lua" "$BASE/v1/extract"
} | tee "$OUT"

summary() {  # $1 = start of a section title, $2 = label; prints req/s and p99 of that wrk run
  awk -v sect="$1" -v label="$2" '
    /^## / { on = index($0, sect) > 0 }
    on && /Requests\/sec/ { rps = $2 }
    on && /^ +99%/ { p99 = $2 }
    END { printf "%-24s %10s req/s   p99 %s\n", label, rps, p99 }' "$OUT"
}
echo "----" | tee -a "$OUT"
summary "GET /v1/events (" "GET /v1/events" | tee -a "$OUT"
summary "GET /v1/events filtered" "GET /v1/events filtered" | tee -a "$OUT"
summary "POST /v1/extract" "POST /v1/extract" | tee -a "$OUT"
echo "api_load: full output in $OUT" >&2
