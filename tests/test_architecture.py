"""The core stays independent of platforms, and modules stay small."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = {"telegram", "starlette", "fastapi", "uvicorn", "httpx", "handlers", "jinja2"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "bot").glob("*.py")), ids=lambda p: p.name)
def test_core_imports_no_platform_library(path: Path) -> None:
    if path.name == "__main__.py":  # the composition root of `python -m bot`
        pytest.skip("__main__ wires the adapters in")
    assert not imported_modules(path) & PLATFORM


@pytest.mark.parametrize("path", sorted([*ROOT.glob("bot/*.py"), *ROOT.glob("handlers/*.py")]),
                         ids=lambda p: p.name)
def test_modules_stay_under_400_lines(path: Path) -> None:
    assert len(path.read_text("utf-8").splitlines()) <= 400
