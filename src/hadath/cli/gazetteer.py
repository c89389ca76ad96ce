"""``hadath gazetteer``: build, import into, inspect and download gazetteers (see docs/gazetteer.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from hadath._env import gazetteer_import_target, user_gazetteer
from hadath.errors import GazetteerError

__all__ = ["register"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "gazetteer",
        help="build, import, inspect and download gazetteers",
        description="Manage the gazetteers the places stage uses: the built-in base and a user gazetteer "
        "filled from GeoNames dumps or OCHA COD tables.",
    )
    sub = p.add_subparsers(dest="gazetteer_command", metavar="ACTION")

    imp = sub.add_parser("import", help="import GeoNames or OCHA files into the user gazetteer")
    imp.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="XX.zip/XX.txt, alternatenames/XX.zip, admin1CodesASCII.txt, admin2Codes.txt, or OCHA .csv/.xlsx",
    )
    imp.add_argument("--format", "-f", choices=("geonames", "ocha"), default=None, help="default: from the file names")
    imp.add_argument(
        "--db", default=None, help="target database (default: $HADATH_GAZETTEER or $HADATH_HOME/gazetteer.sqlite)"
    )
    imp.add_argument("--country", default=None, help="ISO-2 country for OCHA tables without a country column")
    imp.set_defaults(func=_import)

    info = sub.add_parser("info", help="counts by source, level and country; path and size")
    info.add_argument("--db", default=None, help="a gazetteer file (default: the user gazetteer and the base)")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(func=_info)

    build = sub.add_parser("build-base", help="(re)build the built-in base gazetteer in the cache directory")
    build.add_argument("--force", action="store_true", help="rebuild even if present")
    build.set_defaults(func=_build)

    dl = sub.add_parser("download", help="download a GeoNames country dump and import it")
    dl.add_argument("source", choices=("geonames",))
    dl.add_argument("country", help="ISO 3166-1 alpha-2 code, e.g. SY")
    dl.add_argument("--dest", default=None, help="download folder (default: $HADATH_HOME/downloads/geonames)")
    dl.add_argument("--db", default=None, help="target database (as for import)")
    dl.add_argument("--no-import", action="store_true", help="only download")
    dl.set_defaults(func=_download)

    look = sub.add_parser("lookup", help="resolve a place name with the default gazetteers")
    look.add_argument("name")
    look.add_argument("--country", default=None, help="prefer places in this ISO-2 country")
    look.set_defaults(func=_lookup)

    miss = sub.add_parser(
        "missing",
        help="list the places extracted articles name that no gazetteer holds, and the import that adds them",
    )
    miss.add_argument("output", help="hadath/1 JSON lines (`hadath extract --format jsonl`); - for stdin")
    miss.add_argument("--json", action="store_true", help="print JSON lines")
    miss.set_defaults(func=_missing)

    def _help(args: argparse.Namespace) -> int:
        p.print_help()
        return 2

    p.set_defaults(func=_help)


def _import(args: argparse.Namespace) -> int:
    from hadath.gazetteer.imports import import_files

    res = import_files(args.paths, fmt=args.format, db=gazetteer_import_target(args.db), country=args.country)
    print(json.dumps(res, ensure_ascii=False))
    return 0


def _info(args: argparse.Namespace) -> int:
    from hadath.gazetteer.base import ensure_base
    from hadath.gazetteer.store import Gazetteer

    paths: list[Path]
    if args.db:
        paths = [Path(args.db)]
    else:
        user = user_gazetteer()
        paths = ([user] if user else []) + [ensure_base()]
    infos = []
    for path in paths:
        with Gazetteer(path) as gz:
            infos.append(gz.info())
    if args.json:
        print(json.dumps(infos, ensure_ascii=False, indent=2))
        return 0
    for i, info in enumerate(infos):
        kind = info["meta"].get("kind", "?")
        print(f"{'lookup order ' + str(i + 1) + ': ' if len(infos) > 1 else ''}{kind} gazetteer {info['path']}")
        print(f"  size {info['size_bytes'] / 1e6:.1f} MB, {info['places']} places, names {info['names']}")
        print("  by source: " + ", ".join(f"{k} {v}" for k, v in info["by_source"].items()))
        print("  by level: " + ", ".join(f"{k} {v}" for k, v in info["by_level"].items()))
        top = list(info["by_country"].items())[:15]
        print(
            "  by country: " + ", ".join(f"{k} {v}" for k, v in top) + (" ..." if len(info["by_country"]) > 15 else "")
        )
        if info["meta"].get("imports"):
            print("  imported: " + ", ".join(info["meta"]["imports"].split("\n")))
    return 0


def _build(args: argparse.Namespace) -> int:
    from hadath.gazetteer.base import base_path, build_base

    path = base_path()
    if path.is_file() and not args.force:
        print(f"base gazetteer present: {path}")
        return 0
    info = build_base(path)
    print(f"built {path}: {info['places']} places, {info['size_bytes'] / 1e6:.1f} MB")
    return 0


def _download(args: argparse.Namespace) -> int:
    from hadath.gazetteer.base import hadath_home
    from hadath.gazetteer.geonames import download_geonames
    from hadath.gazetteer.imports import import_files

    dest = Path(args.dest) if args.dest else hadath_home() / "downloads" / "geonames"
    files = download_geonames(args.country, dest)
    for f in files:
        print(f"downloaded {f}", file=sys.stderr)
    if args.no_import:
        return 0
    res = import_files(files, fmt="geonames", db=gazetteer_import_target(args.db))
    print(json.dumps(res, ensure_ascii=False))
    return 0


def _lookup(args: argparse.Namespace) -> int:
    from hadath.gazetteer.resolve import ResolveContext, resolver_for

    resolver = resolver_for(user_gazetteer())
    geo = resolver.resolve(args.name, ResolveContext(focus_country=args.country))
    if geo is None:
        from hadath.gazetteer.imports import import_advice

        advice = import_advice(args.country)
        raise GazetteerError(f"no place named {args.name!r}; {advice}", detail={"name": args.name, "import": advice})
    print(json.dumps(geo.to_dict(), ensure_ascii=False))
    return 0


def _missing(args: argparse.Namespace) -> int:
    from hadath.gazetteer.imports import import_advice, missing_places

    fh = sys.stdin if args.output == "-" else open(args.output, encoding="utf-8")
    try:
        rows = missing_places(json.loads(line) for line in fh if line.strip())
    finally:
        if fh is not sys.stdin:
            fh.close()
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return 0
    by_country: dict[str | None, list[dict[str, Any]]] = {}
    for r in rows:
        by_country.setdefault(r["country"], []).append(r)
    for cc, group in by_country.items():
        print(f"{cc or '?'}: {len(group)} place(s) not in the gazetteer; {import_advice(cc)}")
        for r in group:
            where = f" ({r['admin1']})" if r["admin1"] else ""
            print(f"  {r['name_ar']}{where}: {len(r['articles'])} article(s)")
    return 0
