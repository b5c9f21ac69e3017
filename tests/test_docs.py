"""The README cannot drift: commands, settings and the CI test command are documented."""

import re
from pathlib import Path

import pytest

from bot.cli.main import build_parser
from bot.config import SETTINGS
from handlers.cli import COMMANDS
from handlers.cli import SETTINGS as ADAPTER_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def subcommands() -> list[str]:
    out: list[str] = []
    parser = build_parser(COMMANDS)
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for name, sub in action.choices.items():
            nested = [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]
            if nested:
                out += [f"{name} {child}" for child in nested[0].choices]
            else:
                out.append(name)
    return out


@pytest.mark.parametrize("command", subcommands())
def test_every_cli_command_is_in_the_readme(command: str) -> None:
    assert f"cchc-bot {command}" in README


@pytest.mark.parametrize("setting", sorted({*SETTINGS, *ADAPTER_SETTINGS}))
def test_every_setting_is_in_the_readme(setting: str) -> None:
    assert f"`{setting}`" in README


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```\n(.*?)\n```", README.split("## Quick start")[1].split("##")[0], re.S)
    assert len(blocks) == 2, "the quick start has exactly two set-up commands"
    test_command = blocks[1].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text("utf-8")
