"""Reading a plan document (.txt, .docx, .pdf) into numbered source lines.

Every later step refers back to these numbers, so a field in the draft can always be checked
against the document. For a .txt file the numbers are the file's own lines; for .docx they
count paragraphs (a table cell's paragraphs in reading order, a blank line between cells);
for .pdf they count the lines of the extracted text, page after page. The importer writes
that text next to the draft so an official can look the numbers up.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bot.errors import InputError

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".docx", ".pdf")
MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class SourceLine:
    """One line of the document: its 1-based number and its text (NFC, right-stripped).

    Leading spaces are kept: in extracted text they often mark the start of a new page.
    """

    no: int
    text: str


@dataclass(frozen=True)
class SourceDoc:
    """The document's lines and the numbers of the lines that begin a page (when known)."""

    lines: list[SourceLine]
    page_starts: tuple[int, ...] = ()


def _numbered(pages: list[list[str]]) -> SourceDoc:
    """Number the lines from 1; a whitespace-only line stays ``" "`` (a gap between table cells)."""
    lines: list[SourceLine] = []
    starts: list[int] = []
    for page in pages:
        starts.append(len(lines) + 1)
        lines += [SourceLine(len(lines) + i, unicodedata.normalize("NFC", t).rstrip() if t.strip()
                             else " " * bool(t)) for i, t in enumerate(page, 1)]
    return SourceDoc(lines, tuple(starts) if len(starts) > 1 else ())


def _read_txt(path: Path, data: bytes) -> list[list[str]]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode"
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path.name}: tệp UTF-16 bị hỏng — lưu lại dạng UTF-8") from None
    if b"\x00" in data:
        raise InputError(f"{path.name}: tệp nhị phân, không phải văn bản — dùng tệp .txt, .docx hoặc .pdf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name}: không đọc được dạng UTF-8 (byte thứ {exc.start + 1}) — mở tệp "
                         "và lưu lại dạng văn bản Unicode UTF-8") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(10, len(text) // 100):
        raise InputError(f"{path.name}: tệp chứa nhiều ký tự điều khiển, không phải văn bản")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [page.split("\n") for page in text.split("\f")]  # a form feed starts a new page


def _read_docx(path: Path) -> list[list[str]]:
    import docx  # python-docx; imported here so .txt imports do not need it
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path.name}: không mở được tệp Word (.docx): {exc}") from None
    except Exception as exc:  # python-docx raises several library-specific errors
        log.info("python-docx could not read %s: %r", path, exc)
        raise InputError(f"{path.name}: không mở được tệp Word (.docx) — tệp hỏng hoặc không phải .docx") \
            from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        lines += paragraph.text.split("\n")
                    lines.append(" ")  # a cell boundary, as flattened PDF tables show it
        else:
            lines += block.text.split("\n")
    return [lines]


def _read_pdf(path: Path) -> list[list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{path.name}: tệp PDF có mật khẩu — mở khóa rồi thử lại")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except PyPdfError as exc:
        log.info("pypdf could not read %s: %r", path, exc)
        raise InputError(f"{path.name}: không đọc được tệp PDF — tệp hỏng hoặc không phải PDF") from None
    except Exception as exc:  # a damaged PDF can make pypdf fail in many ways
        log.warning("pypdf failed on %s: %r", path, exc)
        raise InputError(f"{path.name}: không đọc được tệp PDF — tệp hỏng hoặc không phải PDF") from None
    if pages and not any(p.strip() for p in pages):
        raise InputError(f"{path.name}: tệp PDF không có lớp chữ (bản quét ảnh) — cần nhận dạng chữ "
                         "(OCR) hoặc dùng bản .docx của văn bản")
    return [page.split("\n") for page in pages]


def read_document(path: Path) -> SourceDoc:
    """The document's lines, numbered from 1. Raises :class:`InputError` for unusable files."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError(f"{path.name}: định dạng Word cũ (.doc) chưa hỗ trợ — mở bằng Word và lưu "
                         "lại dạng .docx")
    if suffix not in SUFFIXES:
        raise InputError(f"{path.name}: chỉ nhận tệp {', '.join(SUFFIXES)}")
    if not path.is_file():
        raise InputError(f"không tìm thấy tệp {path}")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path.name}: tệp rỗng")
    if size > MAX_BYTES:
        raise InputError(f"{path.name}: tệp quá lớn ({size // 1_000_000} MB) cho một kế hoạch")
    if suffix == ".txt":
        pages = _read_txt(path, path.read_bytes())
    elif suffix == ".docx":
        pages = _read_docx(path)
    else:
        pages = _read_pdf(path)
    doc = _numbered(pages)
    if not any(line.text.strip() for line in doc.lines):
        raise InputError(f"{path.name}: tệp không có chữ nào")
    return doc
