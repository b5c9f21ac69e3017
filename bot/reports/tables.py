"""The report's tables, numbered in order, with typed cells: the same figures go to the DOCX
appendix, the CSV and the XLSX (counts as ``int``, shares as :class:`Pct`, text as ``str``).
Dates are dd/mm/yyyy in Vietnam time; no emoji reaches a document."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from bot.clock import VIETNAM
from bot.reports.config import ReportConfig
from bot.reports.data import ReportData
from bot.reports.quota import QuotaProgress

CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "web": "Hỏi đáp trên trang web",
                 "cli": "Dòng lệnh (cán bộ thử nghiệm)"}
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d\u20e3\U000e0020-\U000e007f]")


class Pct(float):
    """A share as a fraction (0.763 = 76,3 %)."""


Cell = str | int | Pct | None


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    key: str  # a short name for the XLSX sheet


def no_emoji(text: str) -> str:
    """The text without emoji and pictographs (they print as boxes in Times New Roman)."""
    cleaned = _EMOJI.sub("", text)
    cleaned = "".join(ch for ch in cleaned if unicodedata.category(ch) != "So")
    return re.sub(r"\s{2,}", " ", cleaned).strip()


def dmy(d: date | str | None) -> str:
    """dd/mm/yyyy; an ISO timestamp is converted to its Vietnam date first."""
    if d is None:
        return ""
    if isinstance(d, str):
        d = datetime.fromisoformat(d).astimezone(VIETNAM).date() if "T" in d else date.fromisoformat(d[:10])
    return d.strftime("%d/%m/%Y")


def pct_text(value: float | None) -> str:
    """76,3% (a fraction shown with a decimal comma), or an em dash for no value."""
    return "—" if value is None else f"{100 * value:.1f}%".replace(".", ",")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def share(part: int, whole: int) -> Pct | None:
    return Pct(part / whole) if whole else None


def plan_name(r: ReportData) -> str:
    if r.plan is None:
        return "Chưa có kế hoạch trong dữ liệu"
    if r.plan_exact:
        return r.plan.title
    return f"{r.plan.title} (kế hoạch gần nhất; chưa có kế hoạch năm {r.period.start.year})"


def quota_row(config: ReportConfig, q: QuotaProgress) -> list[Cell]:
    if q.kind == "count":
        required: Cell = f"{q.required} {q.unit}"
    elif q.kind == "share":
        required = f"{q.quota.count} {q.unit}"
    else:
        required = config.text("quota_required_periodic")
    verdict = "" if q.met is None else config.text("quota_met" if q.met else "quota_not_met")
    done: Cell = q.achieved if q.achieved is not None else config.text("quota_done_none")
    return [q.quota.text, required, done, Pct(q.share) if q.share is not None else None, verdict]


def tables(r: ReportData, config: ReportConfig) -> list[Table]:
    """Every table of the report that has something to show, numbered 1, 2, 3… in order."""
    out: list[tuple[str, str, list[str], list[list[Cell]]]] = []
    sent = r.reach
    out.append(("tong-hop", "Tổng hợp kết quả của Trợ lý CCHC", ["Chỉ tiêu", "Số lượng", "Tỷ lệ"], [
        ["Tổng số lượt tương tác", r.total, None],
        ["Trong đó: tin nhắn xã giao (chào hỏi, cảm ơn)", r.smalltalk, None],
        ["Số câu hỏi", r.questions, None],
        ["Trả lời được", r.answered, share(r.answered, r.questions)],
        ["Gợi ý câu hỏi gần đúng", r.suggested, share(r.suggested, r.questions)],
        ["Chưa trả lời được (chuyển cán bộ)", r.fallback, share(r.fallback, r.questions)],
        ["Lượt đánh giá câu trả lời", r.rated, None],
        ["Đánh giá hữu ích", r.positive, share(r.positive, r.rated)],
        ["Số thông báo đã gửi", r.delivered, None],
        ["Thông báo không gửi được (không có kênh hoặc người nhận)", r.undeliverable, None],
        ["Lượt gửi thông báo thành công", sent, None],
        ["Hoạt động tuyên truyền do cán bộ ghi nhận", len(r.activities), None],
    ]))
    if r.by_channel:
        out.append(("kenh", "Số lượt tương tác theo kênh", ["Kênh", "Hình thức tuyên truyền", "Số lượt"], [
            [CHANNEL_NAMES.get(c, c), (f.title if (f := config.form_of_channel(c)) else ""), n]
            for c, n in r.by_channel.items()]))
    if r.by_topic:
        out.append(("chu-de", "Số lượt tương tác theo chủ đề", ["Chủ đề", "Số lượt"],
                    [[t, n] for t, n in r.by_topic.items()]))
    if r.activities:
        items = {i.id: _short(i.content, 100) for i in r.plan.items} if r.plan else {}
        out.append(("hoat-dong", "Hoạt động tuyên truyền do cán bộ ghi nhận",
                    ["Ngày", "Hình thức", "Nội dung kế hoạch", "Mô tả", "Số lượng", "Đơn vị",
                     "Người tham dự", "Minh chứng"],
                    [[dmy(a.day), config.forms[a.form].title if a.form in config.forms else a.form,
                      items.get(a.plan_item or "", a.plan_item or ""), a.description, a.quantity,
                      config.forms[a.form].unit if a.form in config.forms else "", a.participants,
                      a.evidence or ""] for a in r.activities]))
    if r.plan is not None:
        out.append(("noi-dung", "Kết quả theo nội dung của kế hoạch",
                    ["Nội dung", "Cơ quan chủ trì", "Lượt qua Trợ lý", "Hoạt động ghi nhận"],
                    [[i.content, i.lead or "", n, sum(a.quantity for a in r.item_activities.get(i.id, []))]
                     for i, n in r.by_item]))
        if r.quotas:
            out.append(("chi-tieu", "Thực hiện chỉ tiêu của kế hoạch",
                        ["Chỉ tiêu", "Yêu cầu trong kỳ", "Đã thực hiện", "Tỷ lệ", "Đánh giá"],
                        [quota_row(config, q) for q in r.quotas]))
    if r.broadcasts:
        out.append(("thong-bao", "Thông báo trong kỳ (kể cả thông báo không gửi được)",
                    ["Số", "Ngày", "Chủ đề", "Kênh", "Đã gửi", "Lỗi", "Bị chặn"],
                    [[f"#{b['id']}", dmy(b["started"]), b["topic"], b["channels"] or "", int(b["sent"]),
                      int(b["failed"]), int(b["blocked"])] for b in r.broadcasts]))
    if r.unanswered_top:
        out.append(("chua-tra-loi", "Câu hỏi chưa trả lời được nhiều nhất", ["Câu hỏi", "Số lần"],
                    [[no_emoji(t), n] for t, n in r.unanswered_top]))
    if r.by_locality:
        out.append(("dia-phuong", "Kết quả theo địa phương", [
            "Mã", "Địa phương", "Kế hoạch đối chiếu", "Tổng lượt", "Câu hỏi", "Trả lời được",
            "Tỷ lệ trả lời được", "Chưa trả lời được", "Hài lòng", "Hoạt động ghi nhận", "Thông báo đã gửi",
            "Chỉ tiêu đạt", "Chỉ tiêu có số liệu"], [
            [x.locality.code if x.locality else "", x.locality.name if x.locality else "", plan_name(x),
             x.total, x.questions, x.answered, share(x.answered, x.questions), x.fallback,
             share(x.positive, x.rated), len(x.activities), x.delivered,
             sum(1 for q in x.quotas if q.met), sum(1 for q in x.quotas if q.met is not None)]
            for x in r.by_locality]))
    out.append(("theo-tuan", "Số lượt tương tác theo tuần", ["Tuần bắt đầu", "Số lượt"],
                [[dmy(w), n] for w, n in r.per_week]))
    return [Table(f"Bảng {n}. {title}", cols, [[no_emoji(c) if isinstance(c, str) else c for c in row]
                                                for row in rows], key)
            for n, (key, title, cols, rows) in enumerate(out, 1)]
