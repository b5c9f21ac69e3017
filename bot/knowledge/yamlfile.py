"""Reading YAML while remembering the line of every value, and typed, located field access."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.errors import Problem
from bot.knowledge.model import UNKNOWN, Fact

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ALIAS_PROBLEM = "không dùng bí danh YAML (*tên) — viết đầy đủ từng giá trị"


class NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader refusing aliases: a few lines of nested aliases ("billion laughs")
    would otherwise expand to gigabytes. The knowledge never needs them."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, ALIAS_PROBLEM, event.start_mark)
        return super().compose_node(parent, index)


#: libyaml's parser when PyYAML was built with it (the wheels are): the knowledge's files are
#: composed in C, about ten times faster, with the same nodes, tags and line marks
_FAST_LOADER: type[Any] | None = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``; an alias is refused (:data:`ALIAS_PROBLEM`) whichever parser."""
    if _FAST_LOADER is None:
        return yaml.compose(text, Loader=NoAliasLoader)
    node = yaml.compose(text, Loader=_FAST_LOADER)
    if _shares_a_node(node):  # an alias: say where the first one is written
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.AliasEvent):
                raise yaml.composer.ComposerError(None, None, ALIAS_PROBLEM,
                                                  event.start_mark)  # type: ignore[arg-type]
    return node


def _shares_a_node(root: yaml.Node | None) -> bool:
    """Whether a node is met twice (libyaml's composer gives an alias the node of its anchor).
    Stops at the first, so nested aliases ("billion laughs") are never walked out."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


class Node(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Seq(list[Any]):
    """A YAML sequence that knows its own line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def _convert(node: yaml.Node, path: str, problems: list[Problem]) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = Node(line)
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                problems.append(Problem(path, key_node.start_mark.line + 1,
                                        "khóa phải là một chữ đơn giản"))
                continue
            if key in out:
                problems.append(Problem(path, key_node.start_mark.line + 1,
                                        f"khóa '{key}' bị lặp lại trong cùng một mục — xóa một lần"))
            out[key] = _convert(value_node, path, problems)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = Seq(line)
        for item in node.value:
            seq.append(_convert(item, path, problems))
            seq.item_lines.append(item.start_mark.line + 1)
        return seq
    assert isinstance(node, yaml.ScalarNode)
    plain = not node.style  # a plain scalar: None from PyYAML's parser, "" from libyaml's
    if node.tag.endswith(":null") or (plain and node.value in ("", "~", "null", "Null", "NULL")):
        return None
    if plain:
        if node.tag.endswith(":int"):
            return yaml.safe_load(node.value)
        if node.tag.endswith(":bool"):
            return node.value.lower() in ("true", "yes", "on")
    return str(node.value)


def read_yaml(file: Path, shown_as: str, problems: list[Problem]) -> Any:
    """Parse ``file``; syntax errors and bad encodings are appended to ``problems`` (returns None)."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown_as, 1, f"tệp không phải UTF-8 ({exc.reason}) — lưu lại dạng UTF-8"))
        return None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "cú pháp YAML không hợp lệ"
        problems.append(Problem(shown_as, line, f"lỗi cú pháp YAML: {what} — kiểm tra thụt lề, "
                                "dấu hai chấm và dấu nháy"))
        return None
    if node is None:
        problems.append(Problem(shown_as, 1, "tệp rỗng"))
        return None
    return _convert(node, shown_as, problems)


def phone_digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class Checker:
    """Collects problems for one file while reading typed fields out of located nodes."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def node(self, value: Any, line: int, what: str) -> Node | None:
        if isinstance(value, Node):
            return value
        self.fail(line, f"{what} phải là một khối 'khóa: giá trị'")
        return None

    def seq(self, parent: Node, key: str, required: bool = True) -> Seq:
        value = parent.get(key)
        if value is None:
            if required:
                self.fail(parent.line, f"thiếu '{key}:' (một danh sách)")
            return Seq(parent.line_of(key))
        if not isinstance(value, Seq):
            self.fail(parent.line_of(key), f"'{key}' phải là một danh sách (mỗi dòng bắt đầu bằng '- ')")
            return Seq(parent.line_of(key))
        return value

    def records(self, seq: Seq, what: str) -> Iterator[tuple[Node, int]]:
        """The mapping items of ``seq`` with their lines; any other item is reported."""
        for raw, line in zip(seq, seq.item_lines, strict=True):
            node = self.node(raw, line, what)
            if node is not None:
                yield node, line

    def text(self, parent: Node, key: str, required: bool = True) -> str | None:
        value = parent.get(key)
        line = parent.line_of(key)
        if value is None:
            if required:
                self.fail(parent.line, f"thiếu trường '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(line, f"'{key}' phải là một đoạn chữ không rỗng")
            return None
        return self.nfc(value.strip(), line, key)

    def nfc(self, value: str, line: int, key: str) -> str:
        if unicodedata.normalize("NFC", value) != value:
            self.fail(line, f"'{key}' không ở dạng Unicode dựng sẵn (NFC) — gõ lại bằng bộ gõ "
                      "Unicode dựng sẵn hoặc lưu tệp ở dạng NFC")
        return value

    def texts(self, parent: Node, key: str, required: bool = False, minimum: int = 0) -> tuple[str, ...]:
        seq = self.seq(parent, key, required)
        out: list[str] = []
        for item, line in zip(seq, seq.item_lines, strict=True):
            if isinstance(item, str | int) and str(item).strip():
                out.append(self.nfc(str(item).strip(), line, key))
            else:
                self.fail(line, f"mỗi phần tử của '{key}' phải là một đoạn chữ")
        if len(out) < minimum:
            self.fail(parent.line_of(key), f"'{key}' cần ít nhất {minimum} phần tử (đang có {len(out)})")
        return tuple(out)

    def ident(self, parent: Node, key: str = "id") -> str | None:
        value = self.text(parent, key)
        if value is not None and not ID_RE.match(value):
            self.fail(parent.line_of(key), f"mã '{value}' chỉ được gồm chữ thường không dấu, chữ số "
                      "và dấu gạch ngang, ví dụ 'dvc-dang-nhap'")
            return None
        return value

    def day(self, parent: Node, key: str) -> date | None:
        value = self.text(parent, key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(parent.line_of(key), f"'{key}' phải là ngày dạng YYYY-MM-DD, ví dụ 2026-11-22")
            return None

    def choice(self, parent: Node, key: str, allowed: set[str], required: bool = True) -> str | None:
        value = self.text(parent, key, required)
        if value is not None and value not in allowed:
            self.fail(parent.line_of(key), f"'{key}' phải là một trong: {', '.join(sorted(allowed))}")
            return None
        return value

    def fact(self, parent: Node, key: str, required: bool = True) -> Fact:
        raw = parent.get(key)
        line = parent.line_of(key)
        if raw is None:
            if required:
                self.fail(parent.line, f"thiếu '{key}': ghi {{value: …, source: …}} hoặc 'unknown'")
            return UNKNOWN
        if raw == "unknown":
            return UNKNOWN
        node = self.node(raw, line, f"'{key}' (một thông tin có nguồn, hoặc chữ unknown)")
        if node is None:
            return UNKNOWN
        source = self.text(node, "source")
        value = node.get("value")
        if isinstance(value, Seq):
            items = self.texts(node, "value", minimum=1)
            return Fact(items, source)
        if isinstance(value, str | int | bool):
            if isinstance(value, bool):
                value = "Có" if value else "Không"
            return Fact(self.nfc(str(value).strip(), node.line_of("value"), key), source)
        self.fail(node.line, f"'{key}' thiếu 'value:' (hoặc ghi 'unknown' nếu chưa có thông tin)")
        return UNKNOWN


def yaml_files(root: Path, folder: str, problems: list[Problem]) -> Iterator[tuple[Checker, Node]]:
    """Each ``folder/*.yaml`` under ``root`` that parses to a mapping, with its checker; syntax
    errors and non-mapping files are reported to ``problems``."""
    for file in sorted((root / folder).glob("*.yaml")):
        c = Checker(f"{folder}/{file.name}", problems)
        data = read_yaml(file, c.path, problems)
        top = c.node(data, 1, "tệp") if data is not None else None
        if top is not None:
            yield c, top


def top_mapping(root: Path, name: str, c: Checker, problems: list[Problem]) -> Node | None:
    """The top mapping of a required knowledge file, or None (with the problem reported)."""
    if not (root / name).exists():
        c.fail(1, f"thiếu tệp {name}")
        return None
    data = read_yaml(root / name, name, problems)
    return c.node(data, 1, "tệp") if data is not None else None
