"""Transcripts for messages that join two questions the ways citizens do, stories whose question
lacks its mark or its question word, and short follow-ups that give a case (an age, a condition,
a supposition) of the procedure under discussion."""

from __future__ import annotations

from dataclasses import replace

from bot.app import Core
from bot.asking import Part
from bot.engine import ANSWERED, SUGGEST
from bot.parts import asks_procedure, settled, unless_second, with_fields
from tests.transcript import code_of, say
from tests.transcript import settled as commune_picked


def _answers(core: Core, text: str, user: str = "c1") -> list[tuple[str | None, str | None]]:
    return [(code_of(core, r), r.field) for r in say(core, text, user=user) if r.status]


def test_a_first_question_without_its_mark_is_answered_beside_the_second(core: Core) -> None:
    # "… giấy tờ gì ạ." ends as a question does; both are answered
    commune_picked(core)
    text = "Đăng ký khai tử cần những giấy tờ gì ạ. Ngoài ra làm căn cước cho người lớn mất bao lâu?"
    assert len(core.dialogue.asker.reader.read(text).questions) == 2
    assert _answers(core, text) == [("1.000656", "documents"), ("1.014061", "time_limit")]


def test_a_story_sentence_that_denies_is_not_a_question(core: Core) -> None:
    # "không" before other words denies: only the last sentence asks
    reader = core.dialogue.asker.reader
    text = "Tôi nghe nói làm tạm trú trên mạng thì không phải đi lại. Vậy đăng ký tạm trú online cần gì?"
    assert reader.read(text).questions == ("Vậy đăng ký tạm trú online cần gì?",)


def test_a_second_half_asking_only_a_field_asks_it_of_the_first(core: Core) -> None:
    # "với lại mất bao lâu" names nothing: one answer, both fields, the papers kept
    commune_picked(core)
    text = "Đăng ký kết hôn cần mang giấy gì, với lại mất bao lâu?"
    assert core.dialogue.asker.reader.read(text).questions == ("Đăng ký kết hôn cần mang giấy gì",
                                                                "mất bao lâu?")
    assert _answers(core, text) == [("1.000894", "documents+time_limit")]


def test_the_whole_story_does_not_give_the_first_question_the_seconds_answer(core: Core) -> None:
    commune_picked(core)
    text = "Đăng ký khai tử bao lâu thì xong? Còn hộ kinh doanh muốn tạm ngừng thì có mất tiền không?"
    assert _answers(core, text) == [("1.000656", "time_limit"), ("1.001570", "fee")]
    # the rule itself: the story's reading stands unless it repeats the second's procedure
    entries = core.kb.entries
    death, pause = entries["tthc-dang-ky-khai-tu"], entries["tthc-tam-ngung-ho-kinh-doanh"]
    parts = [Part(ANSWERED, "a", death, "time_limit"), Part(ANSWERED, "b", pause, "fee")]
    assert unless_second(parts, Part(ANSWERED, "a", pause)).entry == death
    other = entries["tthc-dang-ky-ket-hon"]
    assert unless_second(parts, Part(ANSWERED, "a", other)).entry == other


def test_merged_fields_keep_a_summary_and_let_where_yield_to_online(core: Core) -> None:
    entry = core.kb.entries["tthc-dang-ky-tam-tru"]
    general = Part(ANSWERED, "thủ tục thế nào", entry, None)
    assert with_fields(general, ["fee"]).field is None  # the summary says the fee
    assert with_fields(general, ["online"]).field == "online"  # it does not say this
    both = Part(ANSWERED, "làm online ở chỗ nào", entry, "online+where")
    assert with_fields(both, ["fee"]).field == "online+fee"


def test_a_second_question_of_the_same_sentence_may_settle_the_firsts_choice(core: Core) -> None:
    entries = core.kb.entries
    copy, again = entries["tthc-cap-ban-sao-trich-luc-ho-tich"], entries["tthc-dang-ky-lai-khai-sinh"]
    offered = Part(SUGGEST, "xin lại ở đâu", None, "where", suggestions=(copy, again))
    read_whole = Part(ANSWERED, "xin lại ở đâu, online được không", copy, "where+online")
    kept = settled(offered, read_whole)
    assert kept.status == ANSWERED and kept.entry == copy and kept.field == "where"
    elsewhere = Part(ANSWERED, "…", entries["tthc-dang-ky-ket-hon"], "where")
    assert settled(offered, elsewhere) is offered


def test_a_last_sentence_asking_a_field_without_a_question_word_is_the_question(core: Core) -> None:
    reader = core.dialogue.asker.reader
    text = "Tôi bận đi làm cả tuần, chưa hỏi được ai. Chứng thực giấy tờ tính phí sao ad"
    assert reader.read(text).questions == ("Chứng thực giấy tờ tính phí sao ad",)
    commune_picked(core)
    assert _answers(core, text) == [("2.000815", "fee")]


def test_an_age_given_after_an_answer_picks_the_card_for_that_age(core: Core) -> None:
    commune_picked(core)
    say(core, "làm thẻ căn cước cho con")
    replies = [r for r in say(core, "cháu mới 3 tuổi") if r.status]
    assert [r.entry_id for r in replies] == ["tthc-cap-can-cuoc-tre-duoi-6-tuoi"]


def test_a_condition_or_supposition_asks_about_the_procedure_under_discussion(core: Core) -> None:
    commune_picked(core)
    say(core, "đăng ký kết hôn làm ở đâu")
    assert _answers(core, "chỉ một người đi nộp có được không") == [("1.000894", "conditions")]
    commune_picked(core, user="c2")
    say(core, "thông báo lưu trú làm thế nào", user="c2")
    assert [c for c, _ in _answers(core, "nếu khách tới lúc nửa đêm thì sao", user="c2")] == ["2.001159"]
    # a supposition in words the procedure never uses is not about it
    replies = [r for r in say(core, "nếu trời mưa to thì sao", user="c2") if r.status]
    assert [r.status for r in replies] == ["fallback"]


def test_a_field_asked_in_a_story_is_a_procedures_when_a_sentence_names_one(core: Core) -> None:
    entries = core.kb.entries
    asked = Part(ANSWERED, "Cần mang những gì?", entries["mot-cua-mang-theo-giay-to"], "documents")
    residence = Part(ANSWERED, "…", entries["tthc-dang-ky-thuong-tru"], "documents")
    assert asks_procedure(asked, residence)
    assert not asks_procedure(asked, asked)  # the general entry itself
    assert not asks_procedure(replace(asked, field=None), residence)  # no field asked


def test_a_second_question_is_read_without_the_word_that_opens_it(core: Core) -> None:
    # "Còn" folds to the "con" of a child: the second question is about kết hôn, not khai sinh
    commune_picked(core)
    text = "Chứng thực chữ ký cần giấy tờ gì? Còn dang ky ket hon co mat tien khong?"
    assert core.dialogue.asker.reader.read(text).questions[1] == "dang ky ket hon co mat tien khong?"
    assert _answers(core, text) == [("2.000884", "documents"), ("1.000894", "fee")]
