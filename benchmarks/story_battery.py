"""Stories around questions the bot already answers, and stories whose question is vague.

    python benchmarks/story_battery.py [--rows] [--sets dev,dev2]

Three parts, each repeatable (nothing random):

1. **Plain stories.** Every single-question row of the development sets (``answer`` expected,
   no conversation, not tagged story/two/followup) that the bot answers right as typed, asked
   again with one to three sentences of situation put before it (family, age, where the person
   lives, what an official said; some name a neighbouring matter), three templates per row.
2. **Stories that point elsewhere.** The same rows after a sentence that names *another*
   procedure by its citizens' words (a business already registered, a relative visiting, a
   card broken in a wallet, a marriage to a foreigner, a birth paper written wrong), and with
   the question in the middle (a sentence after it; a question typed without a final mark gets a
   full stop, else the two would read as one sentence). Held-out story rows fail this way: the
   situation's words point to a different entry than the question's.
3. **Vague questions.** This script's own stories whose question names nothing ("có phải làm
   thủ tục gì không", "thì sao", "làm sao bây giờ"): the situation alone says which procedure
   (a stated fact — already registered, lost, a foreigner, ill for some months — picks the case).
   Each expects its national codes; a question back is counted apart from a wrong answer.

Prints, per part, how many stay right, become a wrong confident answer, a question back or a
fallback (per template for parts 1 and 2); ``--rows`` lists each row that breaks. Held-out sets
(``bot.evaluation.held_out.HELD_OUT``) are never read.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.engine import ANSWERED, FALLBACK, SUGGEST
from bot.evaluation.conversations import Outcome, Turn, evaluate_turns, read_turns
from bot.evaluation.held_out import chosen_sets
from bot.storage.store import Store

SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11",
        "dev12", "eval_records")
SKIP_TAGS = frozenset({"story", "two", "followup", "smalltalk", "outofscope"})
#: Situations put before a question: plain ones, and ones naming a neighbouring matter.
CONTEXTS = (
    "Chào ad. Em ở xã bên, năm nay 34 tuổi.",
    "Nhà tôi ở quê, bố mẹ đã già. Tôi đi làm trên thành phố, ít khi về.",
    "Hôm trước em lên ủy ban hỏi thì cán bộ bảo về chuẩn bị lại. Em không hiểu lắm.",
    "Mẹ em mới mất năm ngoái. Giờ nhà còn em với bố.",
    "Em vừa đi lao động ở nước ngoài về được mấy tháng.",
    "Vợ chồng em mới cưới được hai năm, có một cháu 3 tuổi.",
    "Em hỏi trên mạng mà mỗi người nói một kiểu, nên lên đây hỏi cho chắc.",
    "Tôi là người dân ở thôn 3. Chồng tôi đi làm xa nên việc nhà tôi lo hết.",
    "Năm nay tôi 67 tuổi, mắt kém nên nhờ cháu nhắn hộ.",
    "Em đang thuê trọ gần khu công nghiệp. Quê em ở tỉnh khác.",
    "Dạ em chào anh chị. Em có việc muốn hỏi ạ.",
    "Tuần trước nhà em bị mất trộm, may không ai bị sao.",
)
PER_ROW = 3
#: Situations that name another procedure in citizens' words: what the held-out stories do.
ELSEWHERE = (
    "Nhà tôi có tiệm tạp hóa, đã đăng ký hộ kinh doanh mấy năm nay.",
    "Tuần trước ông cậu ở quê lên chơi, ngủ lại nhà tôi mấy hôm.",
    "Cái thẻ căn cước của tôi bị gãy trong ví từ tháng trước.",
    "Chị gái tôi lấy chồng người Hàn Quốc, sang bên đó ở mấy năm rồi.",
    "Hồi đó làm giấy khai sinh cho tôi, cán bộ ghi sai tên đệm.",
    "Năm ngoái tôi đã đăng ký tạm trú ở khu trọ này.",
    "Bố tôi ốm nằm viện hai tháng nay, nhà phải tạm nghỉ bán.",
    "Tôi mới làm mất ví, trong đó có cả bằng lái xe.",
)
#: Sentences after the question: the question sits in the middle of the message.
AFTER = (
    "Tại mai tôi phải đi làm sớm nên hỏi trước.",
    "Xã tôi mới sáp nhập nên tôi cũng không rõ.",
    "Tôi hỏi mấy người rồi mà chưa ai trả lời rõ.",
)
#: (story with a vague question, codes any of which is right): this script's own wording.
VAGUE = (
    ("Tôi mở quán cà phê, đã đăng ký hộ kinh doanh hai năm nay. Sắp tới tôi phải đi chữa bệnh "
     "chừng 3 tháng. Có phải làm thủ tục gì không?", ("1.001570",)),
    ("Nhà tôi bán hàng ăn, có giấy phép hộ kinh doanh. Tôi bị ốm phải nghỉ bán một thời gian. "
     "Thì sao ạ?", ("1.001570",)),
    ("Ông chú tôi ở quê lên khám bệnh, ngủ lại nhà tôi vài đêm. Hàng xóm nhắc phải báo. "
     "Làm sao bây giờ?", ("2.001159",)),
    ("Bạn gái tôi người Hàn Quốc, hai đứa định đăng ký kết hôn ở Việt Nam. Làm sao bây giờ?",
     ("2.000806",)),
    ("Chúng tôi chuẩn bị cưới, hộ khẩu mỗi người một tỉnh. Có cần xin giấy xác nhận độc thân "
     "không?", ("1.000894",)),
    ("Tôi ly hôn được ba năm, nay định đăng ký kết hôn với người khác. Người ta bảo phải xin "
     "giấy xác nhận tình trạng hôn nhân trước, có đúng không?", ("1.000894",)),
    ("Giấy đăng ký kết hôn của vợ chồng tôi bị cháy mất. Sổ ở xã vẫn còn lưu. Làm sao bây giờ?",
     ("2.000635",)),
    ("Con trai tôi đã đăng ký nghĩa vụ quân sự ở xã. Giờ cháu đi làm ở tỉnh khác khoảng nửa "
     "năm. Có phải làm gì không?", ("1.013138", "1.013134")),
    ("Giấy khai sinh của tôi ghi sai năm sinh của bố. Giờ làm hồ sơ thì người ta không nhận. "
     "Thì sao ạ?", ("1.004859",)),
    ("Hai đứa chưa đăng ký kết hôn mà có bé rồi, bé mới được một tháng. Làm khai sinh có ghi "
     "tên bố luôn được không?", ("1.000689",)),
    ("Bố tôi mất ở bệnh viện tỉnh hôm qua, gia đình đưa về quê lo hậu sự. Giờ phải làm giấy "
     "tờ gì?", ("1.000656",)),
    ("Tôi đi làm xa về, thuê phòng trọ gần khu công nghiệp được hai tháng. Chủ trọ nhắc phải "
     "khai báo. Làm sao bây giờ?", ("1.004194",)),
    ("Em tôi đã đăng ký tạm trú ở đây, giờ sắp hết hạn mà vẫn còn làm tiếp. Thì sao ạ?",
     ("1.002755",)),
    ("Nhà tôi bán mảnh đất cho hàng xóm, mới viết giấy tay với nhau. Muốn ra xã làm cho chắc. "
     "Có được không?", ("2.001035",)),
)


def single_rows(name: str) -> list[Turn]:
    return [t for t in read_turns(Path(f"tests/data/{name}.tsv"))
            if t.expect == "answer" and not t.conv and not SKIP_TAGS & set(t.tags)]


def main(argv: list[str]) -> int:
    try:
        sets = chosen_sets(argv, SETS)
    except ValueError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)

    def dialogue() -> Dialogue:
        return Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                        settings.retention_days)
    base: list[tuple[str, Turn]] = []
    for name in sets:
        for o in evaluate_turns(dialogue(), single_rows(name)).outcomes:
            if o.ok:
                base.append((name, o.turn))
    storied: list[Turn] = []
    which: list[tuple[str, int]] = []
    for name, t in base:
        for k in range(PER_ROW):
            c = (t.line * 7 + k * 5 + len(name)) % len(CONTEXTS)
            storied.append(replace(t, question=f"{CONTEXTS[c]} {t.question}"))
            which.append((name, c))
    _report("1. plain stories", len(base), evaluate_turns(dialogue(), storied).outcomes,
            [CONTEXTS[c] for _, c in which], argv)
    pointed: list[Turn] = []
    labels: list[str] = []
    for name, t in base:
        e = (t.line * 5 + len(name)) % len(ELSEWHERE)
        a = (t.line + len(name)) % len(AFTER)
        pointed.append(replace(t, question=f"{ELSEWHERE[e]} {t.question}"))
        labels.append(ELSEWHERE[e])
        ended = t.question if t.question.rstrip()[-1:] in "?.!" else f"{t.question.rstrip()}."
        pointed.append(replace(t, question=f"{ELSEWHERE[e]} {ended} {AFTER[a]}"))
        labels.append(f"(question in the middle) … {AFTER[a]}")
    _report("2. stories that point elsewhere", len(base), evaluate_turns(dialogue(), pointed).outcomes,
            labels, argv)
    vague = [Turn("", text, "answer", codes, (), "", None, ("story",), i + 1)
             for i, (text, codes) in enumerate(VAGUE)]
    _report("3. vague questions", len(vague), evaluate_turns(dialogue(), vague).outcomes,
            ["(this script's own stories)"] * len(vague), argv)
    return 0


def _report(title: str, rows: int, outcomes: list[Outcome], labels: list[str],
            argv: list[str]) -> None:
    kinds: Counter[str] = Counter()
    per: Counter[str] = Counter()
    ok_per: Counter[str] = Counter()
    for o, label in zip(outcomes, labels, strict=True):
        per[label] += 1
        ok_per[label] += o.ok
        statuses = {r.status for r in o.replies if r.status}
        kind = "ok" if o.ok else "wrong" if o.wrong else "suggest" if SUGGEST in statuses \
            else "fallback" if FALLBACK in statuses and ANSWERED not in statuses else "facts"
        kinds[kind] += 1
        if kind != "ok" and "--rows" in argv:
            print(f"  [{kind}] {o.turn.question}")
    n = len(outcomes) or 1
    print(f"{title}: {rows} rows, {len(outcomes)} messages")
    print(f"  still right {kinds['ok']}/{len(outcomes)} = {100 * kinds['ok'] / n:.1f}%"
          f"  wrong {kinds['wrong']}  question back {kinds['suggest']}  fallback {kinds['fallback']}"
          f"  right entry, fact lost {kinds['facts']}")
    if len(per) > 1:
        for label in sorted(per, key=lambda k: ok_per[k] / per[k]):
            print(f"  {100 * ok_per[label] / per[label]:5.1f}% ({ok_per[label]}/{per[label]})  {label}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
