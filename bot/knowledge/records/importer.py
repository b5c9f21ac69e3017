"""The importer: read files and folders in any mix of the three formats and the catalog,
merge the snapshots of each code, and write the record store.

    read_paths(paths) → Import(records, catalog, skipped, counts)   (nothing written)
    write(result, out_dir)                                          (procedures.jsonl, catalog.jsonl)
    load_records(dir), load_catalog(dir)                            (what a previous run wrote)

A file (or a catalog line) that cannot be read is skipped whole and reported as an
:class:`~bot.errors.UnreadableRecord` with its path (and line); nothing of it reaches the output.
Merging: the same code read from several snapshots keeps the newer decision (by decision
date when both have one, then by snapshot date); the others are listed in ``Record.also``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cmp_to_key
from pathlib import Path

from bot.errors import UnreadableRecord
from bot.knowledge.records import read_api, read_bqp, read_pages
from bot.knowledge.records.model import CatalogItem, Record
from bot.knowledge.records.tidy import tidy

PROCEDURES = "procedures.jsonl"
CATALOG = "catalog.jsonl"
_ANCHORS = ("portal-api", "portal-pages", "bqp-doc")
_PRIORITY = {"portal-api": 3, "portal-pages": 2, "bqp-doc": 1}


@dataclass
class Import:
    """What one run read. ``catalog`` is None when no catalog file was among the inputs."""

    records: list[Record] = field(default_factory=list)  # merged, sorted by code
    catalog: list[CatalogItem] | None = None  # sorted by code
    skipped: list[UnreadableRecord] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)  # records read per format, before merging
    ignored: list[str] = field(default_factory=list)  # files that hold no procedures

    @property
    def commune(self) -> list[Record]:
        return [r for r in self.records if r.commune]


def _display(path: Path, root: Path | None) -> str:
    """The path as stored in ``Source.path``: from the format's folder on ("portal-api/…"),
    else relative to the folder given on the command line, else the file name."""
    parts = path.parts
    for i in range(len(parts) - 1, -1, -1):
        if parts[i] in _ANCHORS:
            return "/".join(parts[i:])
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.name


def _files(paths: Sequence[Path]) -> Iterator[tuple[Path, Path | None]]:
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix in (".json", ".jsonl"):
                    yield f, p
        else:
            yield p, None


def _json(raw: str, shown: str, line: int = 0) -> object:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        where = f"dòng {exc.lineno}, cột {exc.colno}" if not line else f"cột {exc.colno}"
        raise UnreadableRecord(shown, f"JSON hỏng ({where}): {exc.msg}", line) from None


def _readers() -> list[tuple[Callable[[object], bool], Callable[[object, str], Record], str]]:
    return [(read_api.is_detail, read_api.read_detail, read_api.FORMAT),
            (read_pages.is_page, read_pages.read_page, read_pages.FORMAT),
            (read_bqp.is_bqp, read_bqp.read_bqp, read_bqp.FORMAT)]


def _is_provinces(doc: object) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("data"), dict) and "rows" in doc["data"]


def _read_catalog(text: str, shown: str, result: Import) -> None:
    """Catalog lines, once per (code, name): the catalog has two different procedures under
    1.014325 (one written " 1.014325"), and both are kept."""
    items = {(c.code, c.name): c for c in result.catalog or []}
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            item = read_api.read_catalog_line(_json(raw, shown, n), shown, n)
        except UnreadableRecord as exc:
            result.skipped.append(exc)
            continue
        items.setdefault((item.code, item.name), item)
    result.catalog = sorted(items.values(), key=lambda c: (c.code, c.name))


def _read_file(path: Path, shown: str, result: Import, found: list[Record]) -> None:
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableRecord(shown, f"không phải văn bản UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise UnreadableRecord(shown, f"không mở được tệp: {exc.strerror}") from None
    if path.suffix == ".jsonl":
        _read_catalog(text, shown, result)
        return
    if not text.strip():
        raise UnreadableRecord(shown, "tệp rỗng")
    doc = _json(text, shown)
    if _is_provinces(doc):
        result.ignored.append(shown)
        return
    for recognise, read, fmt in _readers():
        if recognise(doc):
            found.append(read(doc, shown))
            result.read[fmt] = result.read.get(fmt, 0) + 1
            return
    raise UnreadableRecord(shown, "không nhận ra định dạng (không phải chi tiết API, trang chi tiết "
                                  "hay bảng .doc của Bộ Quốc phòng)")


def _newer(a: Record, b: Record) -> int:
    """>0 when ``a`` should win over ``b``."""
    da, db = (a.decision.date if a.decision else None), (b.decision.date if b.decision else None)
    if da and db and da != db:
        return 1 if da > db else -1
    if a.source.snapshot != b.source.snapshot:
        return 1 if a.source.snapshot > b.source.snapshot else -1
    pa, pb = _PRIORITY[a.source.format], _PRIORITY[b.source.format]
    if pa != pb:
        return pa - pb
    return (a.source.path < b.source.path) - (a.source.path > b.source.path)


def merge(records: Iterable[Record]) -> list[Record]:
    """One record per code, sorted by code: the newest wins, the others go to ``also``."""
    by_code: dict[str, list[Record]] = {}
    for r in records:
        by_code.setdefault(r.code, []).append(r)
    out = []
    for code in sorted(by_code):
        ranked = sorted(by_code[code], key=cmp_to_key(_newer), reverse=True)
        winner = ranked[0]
        out.append(tidy(replace(winner, also=tuple(r.source for r in ranked[1:]))))
    return out


def read_paths(paths: Sequence[Path]) -> Import:
    """Read every file under ``paths`` (files or folders). Raises nothing for a bad file: it
    is listed in ``skipped``; a path that does not exist is an :class:`UnreadableRecord`."""
    result = Import()
    found: list[Record] = []
    for p in paths:
        if not p.exists():
            raise UnreadableRecord(str(p), "không tồn tại")
    for path, root in _files(paths):
        shown = _display(path, root)
        try:
            _read_file(path, shown, result, found)
        except UnreadableRecord as exc:
            result.skipped.append(exc)
    result.records = merge(found)
    return result


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(result: Import, out_dir: Path) -> list[Path]:
    """Write ``procedures.jsonl`` (and ``catalog.jsonl`` when a catalog was read), each file
    replaced at once; returns the files written."""
    written = [out_dir / PROCEDURES]
    _write_lines(written[0], (r.to_json() for r in result.records))
    if result.catalog is not None:
        written.append(out_dir / CATALOG)
        _write_lines(written[1], (c.to_json() for c in result.catalog))
    return written


def load_records(folder: Path) -> list[Record]:
    """The records a previous run wrote (empty when there is none)."""
    path = folder / PROCEDURES
    if not path.exists():
        return []
    return [Record.from_json(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def load_catalog(folder: Path) -> list[CatalogItem]:
    path = folder / CATALOG
    if not path.exists():
        return []
    return [CatalogItem.from_json(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
