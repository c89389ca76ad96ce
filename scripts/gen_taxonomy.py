"""Write the copies of the ACLED taxonomy that cannot import ``hadath.taxonomy``, so they cannot drift from it.

* ``src/hadath/schema/hadath-1.schema.json``: the enums of ``events[].event_type``, ``events[].sub_event_type``
  and ``entities[].actor_type``, and ``$defs.subevent_types`` (the rest of the schema is written by hand);
* ``src/hadath/web/taxonomy.js``: the event types, sub-event types and event filters the web UI offers.

A test fails when either file is out of date.

usage: python scripts/gen_taxonomy.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "src" / "hadath" / "schema" / "hadath-1.schema.json"
WEB = ROOT / "src" / "hadath" / "web" / "taxonomy.js"


def render_schema(current: str) -> str:
    """The schema text ``current`` with its taxonomy enums taken from hadath.taxonomy."""
    from hadath.taxonomy import ACTOR_TYPES, EVENT_TYPES, sub_event_types

    schema: dict[str, Any] = json.loads(current)
    props = schema["properties"]
    event = props["events"]["items"]["properties"]
    event["event_type"]["enum"] = list(EVENT_TYPES)
    event["sub_event_type"]["enum"] = list(sub_event_types())
    props["entities"]["items"]["properties"]["actor_type"]["enum"] = [*ACTOR_TYPES, None]
    schema["$defs"]["subevent_types"] = {t: list(sub_event_types(t)) for t in EVENT_TYPES}
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


def render_web() -> str:
    """The web UI's module of taxonomy constants."""
    from hadath.store import EventFilter
    from hadath.taxonomy import EVENT_TYPES, sub_event_types

    def const(name: str, doc: str, value: Any) -> str:
        return f"/** {doc} */\nexport const {name} = {json.dumps(value, indent=2, ensure_ascii=False)};\n"

    return "\n".join(
        [
            "// Generated from hadath.taxonomy and hadath.store.EventFilter by scripts/gen_taxonomy.py: do not edit.\n",
            const("EVENT_TYPES", "ACLED's event types, in the codebook's order.", list(EVENT_TYPES)),
            const(
                "SUB_EVENT_TYPES",
                "ACLED's sub-event types of each event type, in the codebook's order.",
                {t: list(sub_event_types(t)) for t in EVENT_TYPES},
            ),
            const(
                "FILTER_KEYS", "The event filters: the query parameters of GET /v1/events.", list(EventFilter.names())
            ),
        ]
    )


def outputs() -> dict[Path, str]:
    return {SCHEMA: render_schema(SCHEMA.read_text(encoding="utf-8")), WEB: render_web()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that the files are current")
    args = ap.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(ROOT)}", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
