"""The core stays independent of platforms, SQL stays in storage, writes go through the one
writer, and modules stay small.

Every rule walks every module recursively, so a module in a subpackage cannot escape it; the
last tests plant a violation in a temporary subpackage and see each rule catch it.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = {"telegram", "starlette", "fastapi", "uvicorn", "httpx", "handlers", "jinja2"}
DATABASE = {"sqlite3", "sqlite_utils", "apsw"}
MAX_LINES = 400
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|REPLACE)\s"
                 r"|^\s*WITH\s+\w+\s+AS\s*\(")
SQL_CALLS = {"execute", "executemany", "executescript", "rows_where", "insert_all", "upsert_all"}


def modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if ".venv" not in p.parts)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def platform_violations(path: Path) -> set[str]:
    return imported_modules(path) & PLATFORM


def sql_violations(path: Path) -> list[str]:
    """SQL text, database drivers and query calls in ``path`` (empty for a storage module)."""
    if "storage" in path.parts:
        return []
    tree = ast.parse(path.read_text("utf-8"))
    found = [f"imports {m}" for m in sorted(imported_modules(path) & DATABASE)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(f"line {node.lineno}: SQL text {node.value[:40]!r}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in SQL_CALLS):
            found.append(f"line {node.lineno}: .{node.func.attr}()")
        elif isinstance(node, ast.Attribute) and node.attr in {"db", "conn"}:
            found.append(f"line {node.lineno}: reaches the database handle .{node.attr}")
    return found


TRANSACTION = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b")
WRITER_ONLY = {"conn", "lock", "commit", "rollback", "atomic", "begin"}


def write_path_violations(path: Path) -> list[str]:
    """Transactions opened or ended anywhere but in the writer (bot/storage/writer.py), or the
    connection and its lock reached by another storage module (outside storage the SQL rule
    already forbids the handle): everything else writes through ``store.write(fn)``."""
    if path.parts[-2:] == ("storage", "writer.py"):
        return []
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and TRANSACTION.search(node.value):
            found.append(f"line {node.lineno}: transaction control {node.value[:40]!r}")
        elif isinstance(node, ast.Attribute) and node.attr in WRITER_ONLY and "storage" in path.parts:
            found.append(f"line {node.lineno}: .{node.attr} belongs to the writer")
    return found


def too_long(path: Path) -> bool:
    return len(path.read_text("utf-8").splitlines()) > MAX_LINES


CORE = modules(ROOT / "bot")
ALL = CORE + modules(ROOT / "handlers")


def rel(p: Path) -> str:
    return str(p.relative_to(ROOT))


@pytest.mark.parametrize("path", CORE, ids=rel)
def test_core_imports_no_platform_library(path: Path) -> None:
    assert not platform_violations(path)


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_modules_stay_under_400_lines(path: Path) -> None:
    assert not too_long(path)


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_sql_only_in_storage(path: Path) -> None:
    assert sql_violations(path) == []


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_only_the_writer_controls_transactions(path: Path) -> None:
    assert write_path_violations(path) == []


def test_walk_reaches_every_subpackage() -> None:
    packages = {p.parent.relative_to(ROOT / "bot") for p in CORE if p.name == "__init__.py"}
    assert {Path("storage"), Path("knowledge"), Path("knowledge/records"), Path("cli")} <= packages


def test_rules_catch_a_planted_violation_in_a_subpackage(tmp_path: Path) -> None:
    deep = tmp_path / "bot" / "reports" / "deeper"
    deep.mkdir(parents=True)
    (deep / "__init__.py").write_text("", "utf-8")
    bad = deep / "planted.py"
    bad.write_text("from telegram import Bot\nimport sqlite3\n\n\ndef f(db):\n"
                   "    return db.execute(\"SELECT id FROM sessions\")\n"
                   "store.db[\"sessions\"].insert({})\n" + "x = 1\n" * MAX_LINES, "utf-8")
    assert bad in modules(tmp_path / "bot")
    assert platform_violations(bad) == {"telegram"}
    assert too_long(bad)
    found = sql_violations(bad)
    assert "imports sqlite3" in found
    assert any("SQL text" in f for f in found) and any(".execute()" in f for f in found)
    assert any("handle .db" in f for f in found)
    storage = tmp_path / "bot" / "storage" / "ok.py"
    storage.parent.mkdir()
    storage.write_text(bad.read_text("utf-8"), "utf-8")
    assert sql_violations(storage) == []


def test_the_write_path_rule_catches_a_storage_module_opening_its_own_transaction(tmp_path: Path) -> None:
    bad = tmp_path / "bot" / "storage" / "deeper" / "own.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("def f(store):\n    with store.lock, store.db.conn:\n"
                   "        store.db.execute(\"BEGIN IMMEDIATE\")\n", "utf-8")
    found = write_path_violations(bad)
    assert any(".lock" in f for f in found) and any(".conn" in f for f in found)
    assert any("transaction control 'BEGIN IMMEDIATE'" in f for f in found)
    writer = tmp_path / "bot" / "storage" / "writer.py"
    writer.write_text(bad.read_text("utf-8"), "utf-8")
    assert write_path_violations(writer) == []
