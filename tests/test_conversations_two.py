"""Transcripts for messages that ask two things: a second question that names no procedure
asks another field of the first one's, a second question that names another procedure is
answered apart (also when it only says "… thì sao?"), and field words typed with a wrong
diacritic or in everyday words ("lên đâu")."""

from __future__ import annotations

from bot.app import Core
from bot.asking import Part
from bot.engine import ANSWERED, FALLBACK, SUGGEST, Match
from bot.parts import asks_first, first_entries, joined, names_another, own_words, settles, story_agrees
from tests.transcript import code_of, say, settled


def test_a_second_question_naming_only_an_office_asks_where_the_first_is_done(core: Core) -> None:
    # alone, "làm ở công an xã nào cũng được chứ" may be matched with a driving licence, one
    # of whose phrasings says "công an xã": it names no procedure, and căn cước uses its words
    asker = core.dialogue.asker
    engine = asker.engine
    first = Part(ANSWERED, "Đổi thẻ căn cước hết hạn có mất tiền không",
                 core.kb.entries["tthc-cap-doi-the-can-cuoc"], "fee")
    alone = Part(ANSWERED, "làm ở công an xã nào cũng được chứ?",
                 core.kb.entries["tthc-doi-giay-phep-lai-xe"], "where")
    own = own_words(engine, asker.reader, alone.question)
    assert asks_first(engine, first_entries(first), own, alone)
    # "… còn đổi bằng lái xe thì làm ở đâu?" names the licence: answered apart
    named = own_words(engine, asker.reader, "còn đổi bằng lái xe thì làm ở đâu?")
    assert names_another(engine, first_entries(first), named, alone)


def test_a_second_question_naming_another_procedure_is_answered_apart(core: Core) -> None:
    settled(core)
    replies = [r for r in say(core, "Đăng ký tạm trú mất bao lâu, còn thường trú thì làm ở đâu?")
               if r.status]
    assert [(code_of(core, r), r.field) for r in replies] == [
        ("1.004194", "time_limit"), ("1.004222", "where")]


def test_a_second_question_that_says_how_about_is_about_what_it_names(core: Core) -> None:
    # "sao" of "thì sao" is not the "sao" of "bản sao"
    settled(core)
    replies = [r for r in say(core, "Đăng ký kết hôn cần giấy tờ gì, còn khai tử thì sao?")
               if r.status]
    assert [(code_of(core, r), r.field) for r in replies] == [
        ("1.000894", "documents"), ("1.000656", "documents")]


def test_field_words_are_read_with_a_wrong_diacritic_and_in_everyday_words(core: Core) -> None:
    reader = core.dialogue.asker.reader
    assert reader.read("Đăng ký khai tử thì mất mấy ngầy?").fields == ("time_limit",)
    assert reader.read("Làm giấy khai sinh cho cháu thì lên đâu?").fields == ("where",)


def test_a_story_and_its_sentence_agreeing_on_a_procedure_answer_it(core: Core) -> None:
    # "… Tôi muốn đổi họ cho con. Làm ở đâu?": neither reading reaches the bar of an answer
    # alone; the whole story ranks the procedure first, well ahead, and so does a sentence
    entries = core.kb.entries
    fix, other = "tthc-thay-doi-cai-chinh-ho-tich", "tthc-dang-ky-nhan-cha-me-con"
    reading = Part(FALLBACK, "Làm ở đâu?", ranked=((fix, 51.0), (other, 46.0)))
    agreed = story_agrees(entries, {fix: 52.0, other: 47.0}, [reading])
    assert agreed is not None and agreed.status == ANSWERED and agreed.entry is not None
    assert agreed.entry.id == fix
    # a story that hesitates between two, or a sentence reading far below the bar: no answer
    assert story_agrees(entries, {fix: 52.0, other: 50.5}, [reading]) is None
    weak = Part(FALLBACK, "Làm ở đâu?", ranked=((fix, 44.0), (other, 40.0)))
    assert story_agrees(entries, {fix: 52.0, other: 47.0}, [weak]) is None


def test_where_yields_to_online_when_three_fields_are_asked(core: Core) -> None:
    # "trực tuyến ở chỗ nào" is one question: the online answer says where to file in person too
    settled(core)
    replies = [r for r in say(core, "Đăng ký khai tử làm trực tuyến ở chỗ nào, lệ phí hết bao nhiêu?")
               if r.status]
    assert len(replies) == 1 and code_of(core, replies[0]) == "1.000656"
    assert replies[0].field == "online+fee"
    assert joined(("documents", "fee", "where")) == "documents+fee+where"


def test_the_question_as_typed_settles_a_choice_its_topic_leaves_open(core: Core) -> None:
    # without its field words ("có mất phí không") a question may fit several cards; as typed,
    # one card's phrasings ask about its fee in those words: that one answers
    entries = core.kb.entries
    renew, first_card = entries["tthc-cap-doi-the-can-cuoc"], entries["tthc-cap-the-can-cuoc"]
    topic = Match(SUGGEST, None, 57.0, (renew, first_card))
    assert settles(topic, Match(ANSWERED, renew, 66.0))
    # not an entry the topic did not offer, nor a whole question that answers nothing
    assert not settles(topic, Match(ANSWERED, entries["tthc-doi-giay-phep-lai-xe"], 70.0))
    assert not settles(topic, Match(FALLBACK, None, 40.0))


def test_a_sentence_typed_without_diacritics_asks_by_its_words_despite_commas_and_synonyms(
        core: Core) -> None:
    # a comma is no diacritic; "giay to gi" is rewritten to "ho so" by a synonym, yet it asks
    reader = core.dialogue.asker.reader
    assert reader.is_question("lam khai tu o dau, co mat phi khong")
    assert reader.is_question("dang ky ket hon can giay to gi")
    assert reader.read("dang ky ket hon can giay to gi, tam tru thi nop o dau").questions == (
        "dang ky ket hon can giay to gi", "tam tru thi nop o dau")
