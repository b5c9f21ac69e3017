"""The knowledge loader accepts the bundled folder and locates every error in a broken one."""

from pathlib import Path

import pytest

from bot.config import BUNDLED_KNOWLEDGE
from bot.errors import KnowledgeError
from bot.knowledge.load import load_knowledge
from bot.knowledge.records.bundle import load_records
from bot.textnorm import fold


def problems_of(root: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    return [str(p) for p in info.value.problems]


def test_bundled_knowledge_is_valid_and_large_enough() -> None:
    kb = load_knowledge(BUNDLED_KNOWLEDGE)
    curated = [e for e in kb.entries.values() if e.tier == 0 and e.record is None]
    commune = [e for e in kb.entries.values() if e.record is not None and e.record.commune]
    assert len(curated) >= 80
    assert len(commune) >= 400  # every commune-level procedure with a full record
    assert {"tam-nong", "cho-don", "ham-tan", "dan-tien", "ky-lac"} <= set(kb.localities)
    assert sum(loc.example for loc in kb.localities.values()) == 1
    assert len(kb.plans) == 5


def test_every_catalog_procedure_is_recognised() -> None:
    kb = load_knowledge(BUNDLED_KNOWLEDGE)
    records, catalog = load_records(BUNDLED_KNOWLEDGE, [])
    assert len(catalog) >= 5600  # 5,670 lines, one code listed twice
    names = {fold(e.record.name if e.record else e.catalog.name if e.catalog else "")
             for e in kb.entries.values()}
    codes = {e.code for e in kb.entries.values()}
    assert set(records) <= codes
    assert all(item.code in codes or fold(item.name) in names for item in catalog.values())


def test_every_entry_names_a_source_and_a_review_date() -> None:
    kb = load_knowledge(BUNDLED_KNOWLEDGE)
    for entry in kb.entries.values():
        assert entry.source.strip(), entry.id
        assert entry.reviewed.year >= 2025, entry.id


def test_yaml_syntax_error_names_file_and_line(kb_copy: Path) -> None:
    (kb_copy / "faq" / "broken.yaml").write_text("entries:\n  - id: x\n    questions: [a, b\n", "utf-8")
    found = problems_of(kb_copy)
    assert any(p.startswith("faq/broken.yaml:") and "cú pháp YAML" in p for p in found)


def test_missing_answer_is_located_on_its_entry(kb_copy: Path) -> None:
    (kb_copy / "faq" / "broken.yaml").write_text(
        "entries:\n"
        "  - id: thu-nghiem\n"
        "    topic: dvc\n"
        "    questions: [Câu một, Câu hai, Câu ba]\n"
        "    source: Thử nghiệm\n"
        "    reviewed: 2026-11-22\n", "utf-8")
    assert "faq/broken.yaml:2: thiếu trường 'answer'" in problems_of(kb_copy)


@pytest.mark.parametrize(("field", "value", "line", "message"), [
    ("topic", "khong-co", 2, "chủ đề 'khong-co' của 'thu-nghiem' không có trong topics.yaml"),
    ("follow_up", "[khong-co-muc-nay]", 2, "trỏ tới 'khong-co-muc-nay'"),
    ("reviewed", "22/11/2026", 7, "phải là ngày dạng YYYY-MM-DD"),
    ("id", "Thu Nghiem", 2, "chỉ được gồm chữ thường không dấu"),
    ("kind", "plan-khac", 8, "'kind' phải là một trong"),
])
def test_bad_field_values_are_explained(kb_copy: Path, field: str, value: str, line: int,
                                        message: str) -> None:
    fields = {"id": "thu-nghiem", "topic": "dvc", "reviewed": "2026-11-22"}
    fields[field] = value
    lines = [f"  - id: {fields['id']}", f"    topic: {fields['topic']}",
             "    questions: [Câu một, Câu hai, Câu ba]", "    answer: Trả lời.",
             "    source: Thử nghiệm", f"    reviewed: {fields['reviewed']}"]
    if field in ("follow_up", "kind"):
        lines.append(f"    {field}: {value}")
    (kb_copy / "faq" / "broken.yaml").write_text("entries:\n" + "\n".join(lines) + "\n", "utf-8")
    found = problems_of(kb_copy)
    assert any(p.startswith(f"faq/broken.yaml:{line}: ") and message in p for p in found), found


def test_unsourced_phone_number_in_an_answer_is_refused(kb_copy: Path) -> None:
    (kb_copy / "faq" / "broken.yaml").write_text(
        "entries:\n  - id: thu-nghiem\n    topic: hotline\n    questions: [Một, Hai, Ba]\n"
        "    answer: Gọi 0208 123 4567 nhé.\n    source: Không rõ\n    reviewed: 2026-11-22\n", "utf-8")
    found = problems_of(kb_copy)
    assert any(p.startswith("faq/broken.yaml:5: ") and "'0208 123 4567' không có trong danh sách" in p
               for p in found)


def test_unknown_placeholder_is_refused(kb_copy: Path) -> None:
    (kb_copy / "faq" / "broken.yaml").write_text(
        "entries:\n  - id: thu-nghiem\n    topic: dvc\n    questions: [Một, Hai, Ba]\n"
        "    answer: Hỏi {ban_mot_cua}.\n    source: X\n    reviewed: 2026-11-22\n", "utf-8")
    assert any("'{ban_mot_cua}' không tồn tại" in p for p in problems_of(kb_copy))


def test_decomposed_unicode_is_refused(kb_copy: Path) -> None:
    (kb_copy / "faq" / "broken.yaml").write_text(
        "entries:\n  - id: thu-nghiem\n    topic: dvc\n    questions: [Một, Hai, Ba]\n"
        "    answer: \"Ho\u0323\u0302 ti\u0323ch\"\n    source: X\n    reviewed: 2026-11-22\n", "utf-8")
    assert any("faq/broken.yaml:5" in p and "NFC" in p for p in problems_of(kb_copy))


def test_duplicate_id_points_at_the_first_use(kb_copy: Path) -> None:
    (kb_copy / "faq" / "zz-dup.yaml").write_text(  # FAQ files load before procedures
        "entries:\n  - id: tthc-dang-ky-khai-sinh\n    topic: dvc\n    questions: [Một, Hai, Ba]\n"
        "    answer: A.\n    source: X\n    reviewed: 2026-11-22\n", "utf-8")
    assert any(p.startswith("procedures/ho-tich.yaml:")
               and "mã 'tthc-dang-ky-khai-sinh' đã dùng ở faq/zz-dup.yaml:2" in p
               for p in problems_of(kb_copy))


def test_procedure_fact_without_source_is_refused(kb_copy: Path) -> None:
    (kb_copy / "procedures" / "broken.yaml").write_text(
        "procedures:\n  - id: tthc-thu\n    name: Thủ tục thử\n    group: thu-tuc-khac\n"
        "    questions: [Một, Hai]\n    authority: {value: UBND xã}\n"
        "    ways: {in_person: unknown, online: unknown, post: unknown}\n"
        "    documents: unknown\n    time_limit: unknown\n    fee: unknown\n    link: unknown\n"
        "    reviewed: 2026-11-22\n", "utf-8")
    assert "procedures/broken.yaml:6: thiếu trường 'source'" in problems_of(kb_copy)


def test_not_utf8_is_refused(kb_copy: Path) -> None:
    (kb_copy / "faq" / "latin.yaml").write_bytes("entries: []\n# Tiếng Việt\n".encode("utf-16"))
    assert any(p.startswith("faq/latin.yaml:1: tệp không phải UTF-8") for p in problems_of(kb_copy))


def test_yaml_aliases_are_refused_before_they_can_expand(kb_copy: Path) -> None:
    lines = ['a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    (kb_copy / "faq" / "bomb.yaml").write_text("\n".join(lines) + "\n", "utf-8")  # 9⁹ strings if expanded
    assert any(p.startswith("faq/bomb.yaml:2:") and "bí danh YAML" in p for p in problems_of(kb_copy))


@pytest.mark.parametrize(("folder", "what"), [("faq", "câu hỏi – trả lời"), ("procedures", "thủ tục")])
def test_an_empty_required_part_fails_the_check(kb_copy: Path, folder: str, what: str) -> None:
    for file in (kb_copy / folder).glob("*.yaml"):
        file.unlink()
    assert any(p.startswith(f"{folder}/:1: không có {what} nào") for p in problems_of(kb_copy))


def test_the_index_cache_is_written_beside_start_up_and_read_back(tmp_path: Path) -> None:
    import dataclasses
    import threading

    from bot.app import load_engine
    from bot.config import load_settings
    from bot.index import load_indexed
    from bot.knowledge.load import load_knowledge
    settings = dataclasses.replace(load_settings(), cache_dir=tmp_path)
    _, engine, _ = load_engine(settings)  # nothing cached: built, and the writer started
    for thread in threading.enumerate():
        if thread.name == "cchc-index-cache":
            thread.join()
    assert len(list(tmp_path.glob("kb-*.pickle"))) == 1
    kb, index = load_indexed(settings.knowledge_dir, tmp_path, load_knowledge)
    assert index is not None and index.ids == engine.index.ids == list(kb.entries)


def test_the_cache_key_follows_the_code_that_builds_the_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # checkouts share one cache folder: a changed normaliser must not read another's index
    import bot.index
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    before = bot.index.content_hash(tmp_path)
    monkeypatch.setattr(bot.index, "_code_hash", lambda: b"another normaliser")
    assert bot.index.content_hash(tmp_path) != before


def test_a_contrast_group_of_one_phrase_is_reported_with_its_line(kb_copy: Path) -> None:
    conv = kb_copy / "conversation.yaml"
    text = conv.read_text(encoding="utf-8").replace("  - [kết hôn, ly hôn]\n", "  - [kết hôn]\n")
    conv.write_text(text, encoding="utf-8")
    line = next(n for n, raw in enumerate(text.splitlines(), 1) if raw.startswith("contrasts:"))
    assert any(p.startswith(f"conversation.yaml:{line}:") and "contrasts" in p for p in problems_of(kb_copy))


def test_a_small_talk_cue_of_an_unknown_kind_is_reported_with_its_line(kb_copy: Path) -> None:
    conv = kb_copy / "conversation.yaml"
    text = conv.read_text(encoding="utf-8").replace("smalltalk_cues:\n",
                                                    "smalltalk_cues:\n  chitchat: [hế lô]\n")
    conv.write_text(text, encoding="utf-8")
    line = next(n for n, raw in enumerate(text.splitlines(), 1) if raw.startswith("  chitchat:"))
    assert any(p.startswith(f"conversation.yaml:{line}:") and "chitchat" in p for p in problems_of(kb_copy))


def test_an_out_of_scope_topic_without_phrases_is_reported(kb_copy: Path) -> None:
    conv = kb_copy / "conversation.yaml"
    text = conv.read_text(encoding="utf-8").replace("    phrases: [visa, thị thực]\n", "")
    conv.write_text(text, encoding="utf-8")
    assert any(p.startswith("conversation.yaml:") and "phrases" in p for p in problems_of(kb_copy))
