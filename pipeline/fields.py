"""Field extraction from the text of one directive (Nghị định 30/2020/NĐ-CP layout): pure functions, no I/O.

Every pattern runs over a *folded* copy of the text (lower case, Vietnamese marks stripped, đ→d) that has
exactly the same length as the text, so a match in the folded copy is also a character span in the text:
damaged anchors ("SO:", "Noi nhn:", "Kinh gui") and restored text are matched by one set of patterns, and every
value keeps its offsets for evidence. Layout knowledge (types, type codes, authority prefixes, the national
motto) comes from Nghị định 30 (docs/nd30-document-format.md); province names from `vietnamadminunits`.

Evidence offsets: `page` is 1-based (pages split on form feed), `line` is 1-based within the page, `start`/`end`
are 0-based character offsets within that line (end exclusive; a value that runs over several lines has
`line_end` and `end` in its last line), and `offset_start`/`offset_end` are the same span as offsets into the
NFC-normalised document text.

spaCy is not used: the anchors are short, OCR-damaged and layout-bound (line starts, two columns read as one
line), which regexes over the folded twin match directly while keeping exact character offsets; a tokenizer
adds nothing for garbled Vietnamese. Fuzzy matching (rapidfuzz) covers damaged anchors, types, titles, motto.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from pipeline.params import ExtractParams
from pipeline.vietnamese import is_valid_syllable, normalize_tone_placement

# Source: Nghị định 30/2020/NĐ-CP Điều 7 (the 29 types) and Phụ lục III (their codes); docs/nd30-document-format.md.
DOC_TYPES = {
    "Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Quy chế": "QC", "Quy định": "QyĐ",
    "Thông cáo": "TC", "Thông báo": "TB", "Hướng dẫn": "HD", "Chương trình": "CTr", "Kế hoạch": "KH",
    "Phương án": "PA", "Đề án": "ĐA", "Dự án": "DA", "Báo cáo": "BC", "Biên bản": "BB", "Tờ trình": "TTr",
    "Hợp đồng": "HĐ", "Công văn": None, "Công điện": "CĐ", "Bản ghi nhớ": "BGN", "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ", "Giấy mời": "GM", "Giấy giới thiệu": "GGT", "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG", "Phiếu chuyển": "PC", "Phiếu báo": "PB", "Thư công": None,
}
# Legal normative documents carry their own codes in cited symbols ("91/2017/NĐ-CP").
# Source: Luật Ban hành văn bản quy phạm pháp luật 2015 (types) and Nghị định 34/2016/NĐ-CP Phụ lục (codes).
NORMATIVE_TYPES = {"Nghị định": "NĐ", "Thông tư": "TT", "Thông tư liên tịch": "TTLT", "Nghị quyết liên tịch": "NQLT"}
# Codes whose folded form is shared by two types: the more frequent type wins when the marks are lost.
_AMBIGUOUS_CODE_PREFERENCE = {"hd": "HD", "da": "ĐA"}
# Source: Nghị định 30 Điều 8 g): signing authority before the title; T/M, K/T, T/L as Party documents print them.
AUTHORITY_PREFIXES = ("T/M", "K/T", "T/L", "TUQ", "TM", "KT", "TL", "Q")  # longest first
# Source: Nghị định 30 Điều 8 a): Quốc hiệu và Tiêu ngữ, folded.
NATIONAL_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc",
                  # Party documents print this instead (Hướng dẫn 36-HD/VPTW on the format of Party documents)
                  "dang cong san viet nam",
                  # and Youth Union documents this (Hướng dẫn of the Đoàn's Central Committee on document format)
                  "doan tncs ho chi minh")
# Folded words that start the name of a central body (province is null for these and their units).
CENTRAL_BODY_STARTS = ("bo ", "chinh phu", "thu tuong", "quoc hoi", "van phong chinh phu", "tong cuc",
                       "toa an nhan dan toi cao", "vien kiem sat nhan dan toi cao", "ngan hang nha nuoc",
                       "kiem toan nha nuoc", "uy ban thuong vu quoc hoi", "ban chap hanh trung uong",
                       "dai hoc ")  # "ĐẠI HỌC HUẾ", "ĐẠI HỌC QUỐC GIA …": under the ministry, no province's body
# Folded words of administrative levels that continue an issuer line ("ỦY BAN NHÂN DÂN / TỈNH LAI CHÂU").
ADMIN_LEVEL_STARTS = ("tinh ", "thanh pho ", "tp ", "tp. ", "huyen ", "quan ", "thi xa ", "xa ", "phuong ",
                      "thi tran ")
# Titles of signers, written as printed (capitals). Source: Nghị định 30/2020/NĐ-CP Phụ lục I (signature
# examples) and the titles of the Luật Tổ chức chính quyền địa phương 2015; an OCR- or restore-damaged title
# ("GIẢM BỌC") is put back to the nearest of these.
TITLE_PHRASES = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "CHÁNH VĂN PHÒNG",
    "PHÓ CHÁNH VĂN PHÒNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "BỘ TRƯỞNG",
    "THỨ TRƯỞNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "CHI CỤC TRƯỞNG", "CHÁNH THANH TRA",
    "VIỆN TRƯỞNG", "HIỆU TRƯỞNG", "BÍ THƯ", "PHÓ BÍ THƯ", "THỦ TRƯỞNG", "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN",
    "THƯỜNG TRỰC", "TRƯỞNG KHOA", "GIÁM ĐỐC SỞ", "CHỦ NHIỆM",
    # heads of police and military units (Luật Công an nhân dân 2018, Luật Quốc phòng 2018)
    "TRƯỞNG CÔNG AN", "PHÓ TRƯỞNG CÔNG AN", "CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG", "CHÍNH ỦY", "TƯ LỆNH",
)
# Words that start an issuing body's name, and administrative levels, as Nghị định 30 Phụ lục I prints them:
# a damaged or wrongly restored word with the same letters ("CỰC" for "CỤC", "HUYỀN" for "HUYỆN") is put back.
ISSUER_HEAD_WORDS = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "HỘI ĐỒNG", "VĂN PHÒNG", "SỞ", "BỘ", "CỤC", "CHI CỤC",
                     "TỔNG CỤC", "PHÒNG", "TRUNG TÂM", "BAN QUẢN LÝ", "THANH TRA", "BAN THI ĐUA", "BAN CHỈ ĐẠO",
                     "HỘI ĐỒNG THI ĐUA", "BỆNH VIỆN", "TRƯỜNG ĐẠI HỌC", "TRƯỜNG CAO ĐẲNG", "TRƯỜNG TRUNG CẤP")
ADMIN_LEVEL_WORDS = ("TỈNH", "HUYỆN", "THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN")
# Province names that the package's data no longer lists under their old name.
# Source: Nghị quyết 1314/NQ-UBTVQH15 (2024): Thừa Thiên Huế became Thành phố Huế on 1 January 2025.
HISTORICAL_PROVINCES = ("Thừa Thiên Huế",)
# Folded title words of a signer ("GIÁM ĐỐC", "CHỦ TỊCH" …), used to find the title line of the signature block.
TITLE_WORDS = ("giam doc", "chu tich", "truong", "chanh", "pho ", "tong ", "bi thu", "thu ky", "uy vien",
               "cuc truong", "vien truong", "hieu truong", "chi huy", "thu truong", "tong bien tap")


# ---------------------------------------------------------------- records

@dataclass(frozen=True, slots=True)
class Deadline:
    date: str  # ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY" as printed
    precision: str  # day | month | year
    action: str | None  # who does what by then, as written


@dataclass(frozen=True, slots=True)
class Reference:
    ref: str  # "733/QĐ-TTg"
    date: str | None


@dataclass(frozen=True, slots=True)
class Criterion:
    section: str  # "III.3.1.a", "Lưu ý", "III.4 Lưu ý"
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where one value was read: see the module docstring for the units of each offset."""

    field: str
    index: int | None  # item index for list fields, None for scalars
    value: str
    page: int
    line: int
    start: int
    line_end: int
    end: int
    offset_start: int
    offset_end: int
    text: str  # the source line(s) the value came from


SCALAR_FIELDS = ("doc_type", "number", "symbol", "issuer", "issuer_parent", "province", "place", "date",
                 "subject", "signer", "signer_title")
LIST_FIELDS = ("recipients_to", "recipients_cc", "deadlines", "references", "criteria")
FIELD_ORDER = ("doc_type", "number", "symbol", "issuer", "issuer_parent", "province", "place", "date",
               "subject", "recipients_to", "recipients_cc", "signer", "signer_title", "deadlines",
               "references", "criteria")


@dataclass(frozen=True, slots=True)
class DocumentFields:
    """Every field of bench/gold/README.md (None / () when the document does not say it) plus evidence."""

    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    province: str | None = None
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    recipients_to: tuple[str, ...] = ()
    recipients_cc: tuple[str, ...] = ()
    signer: str | None = None
    signer_title: str | None = None
    deadlines: tuple[Deadline, ...] = ()
    references: tuple[Reference, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    evidence: tuple[Evidence, ...] = field(default=())

    def to_json(self) -> dict:
        """The fields JSON: keys of the gold at top level, then `evidence`."""
        out: dict = {}
        for name in FIELD_ORDER:
            value = getattr(self, name)
            if name == "deadlines":
                value = [{"date": d.date, "precision": d.precision, "action": d.action} for d in value]
            elif name == "references":
                value = [{"ref": r.ref, "date": r.date} for r in value]
            elif name == "criteria":
                value = [{"section": c.section, "text": c.text} for c in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[name] = value
        out["evidence"] = [
            {k: getattr(e, k) for k in Evidence.__slots__} for e in self.evidence  # type: ignore[attr-defined]
        ]
        return out


# ---------------------------------------------------------------- text model

@functools.cache
def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """Lower case, marks stripped, đ→d; same length as `text` so offsets carry over."""
    return "".join(_fold_char(c) for c in text)


@dataclass(frozen=True, slots=True)
class Line:
    index: int  # 0-based over the whole document
    page: int  # 1-based
    line_no: int  # 1-based within the page
    offset: int  # offset of the first character in the document text
    text: str
    folded: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


# The text box a digital signature stamps on a born-digital PDF ("Ký bởi: …", "Email: …", "Cơ quan: …",
# "Thời gian ký: …"), which a text layer may merge into the header's lines: no field of the document.
_STAMP_LABEL = re.compile(r"(?:ky boi|nguoi ky|thoi gian ky)\s*:.*$", re.M)
_STAMP_DETAIL = re.compile(r"(?:email|e-mail|co quan|chuc vu|to chuc)\s*:.*$", re.M)
STAMP_NEAR_LINES = 4  # an Email/Cơ quan line belongs to the stamp within this many lines of its label


def _without_signature_stamp(text: str) -> str:
    """`text` with the digital-signature box's fields blanked (same length, so offsets hold)."""
    folded = fold(text)
    labels = list(_STAMP_LABEL.finditer(folded))
    if not labels:
        return text
    label_lines = {folded.count("\n", 0, m.start()) for m in labels}
    spans = [(m.start(), m.end()) for m in labels]
    for m in _STAMP_DETAIL.finditer(folded):
        line = folded.count("\n", 0, m.start())
        if any(abs(line - other) <= STAMP_NEAR_LINES for other in label_lines):
            spans.append((m.start(), m.end()))
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


DOUBLE_SPACED_MIN_LINES = 10
BODY_WIDTH_MIN_LINES = 8  # lines of text needed to tell a full body line's width
DOUBLE_SPACED_SHARE = 0.7  # share of text lines followed by a blank line in double-spaced OCR output (0.6 was
# tried: a text layer of one-line paragraphs between blank lines then read its first paragraph into the subject)
# OCR's blank lines say nothing about paragraphs when this many of them (and this share of all) fall inside a
# sentence, between a line with no stop and a lower-case one that is no list item (clean text has at most 2)
MID_SENTENCE_GAPS_MIN = 5
MID_SENTENCE_GAPS_SHARE = 0.15


_ETH_AS_D = str.maketrans("Ðð", "Đđ")


_LIST_ITEM_START = re.compile(r"^[a-zđ]\s*[).]\s")
_SENTENCE_END = re.compile(r"[.;:]\s*$")


def _ends_sentence(text: str) -> bool:
    """The line ends with a stop (a line of a subject, a sentence or a list item is finished)."""
    return _SENTENCE_END.search(text) is not None


def _blank_lines_mid_sentence(lines: list[Line]) -> bool:
    """OCR that wraps a line and puts blank lines among the pieces ("… đại hội đảng / bộ / (blank) / các cấp")
    leaves many blank lines inside sentences, which a typed text almost never has: its blank lines say nothing
    about paragraphs either. A list item after a heading ("1. Mục đích" / "a) …") is no sentence going on."""
    gaps = mid = 0
    last: Line | None = None
    blank = False
    for ln in lines:
        text = ln.text.strip()
        if not text:
            blank = last is not None
            continue
        if blank and last is not None:
            gaps += 1
            mid += not _ends_sentence(last.text) and text[:1].islower() and not _LIST_ITEM_START.match(text)
        last, blank = ln, False
    return mid >= MID_SENTENCE_GAPS_MIN and mid >= MID_SENTENCE_GAPS_SHARE * gaps


class TextDoc:
    """The NFC text of one document split into pages and lines, with its folded twin."""

    def __init__(self, text: str):
        self.source = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
        # Vietnamese has no Eth: an OCR model that prints Ð/ð for Đ/đ (CĐÐ) meant Đ (same length: offsets hold)
        self.text = _without_signature_stamp(self.source).translate(_ETH_AS_D)
        self.folded = fold(self.text)
        lines: list[Line] = []
        offset = 0
        for page_index, page in enumerate(self.text.split("\f")):
            for line_index, line in enumerate(page.split("\n")):
                lines.append(Line(len(lines), page_index + 1, line_index + 1, offset, line,
                                  self.folded[offset:offset + len(line)]))
                offset += len(line) + 1
        self.lines = lines
        self._starts = [ln.offset for ln in lines]
        # Some OCR output puts a blank line after every line: then one blank line says nothing about paragraphs.
        followed = [bool(nxt.text.strip()) for ln, nxt in zip(lines, lines[1:], strict=False)
                    if ln.text.strip()]
        self.double_spaced = len(followed) >= DOUBLE_SPACED_MIN_LINES and \
            followed.count(False) >= DOUBLE_SPACED_SHARE * len(followed) or _blank_lines_mid_sentence(lines)
        # The width of a full body line: the upper quartile of the lengths of the text's lines.
        lengths = sorted(len(ln.text.strip()) for ln in lines if len(ln.text.strip()) >= 20)
        self.body_width = lengths[(3 * len(lengths)) // 4] if len(lengths) >= BODY_WIDTH_MIN_LINES else 0

    def line_at(self, offset: int) -> Line:
        import bisect

        return self.lines[max(0, bisect.bisect_right(self._starts, offset) - 1)]

    def evidence(self, field_name: str, index: int | None, value: str, start: int, end: int) -> Evidence:
        first, last = self.line_at(start), self.line_at(max(start, end - 1))
        source = self.source[first.offset:last.end]
        return Evidence(field_name, index, value, first.page, first.line_no, start - first.offset,
                        last.line_no, end - last.offset, start, end, source)


@dataclass(frozen=True, slots=True)
class Found:
    """A value with its span in the document text (offsets into TextDoc.text)."""

    value: object
    start: int
    end: int


# ---------------------------------------------------------------- small helpers

_SPACES = re.compile(r"\s+")
_EMPHASIS = re.compile(r"\*+")


def clean_value(text: str) -> str:
    """One-line value: conversion emphasis (*…*) dropped, spaces collapsed, edge punctuation trimmed."""
    text = _EMPHASIS.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    text = re.sub(r",(?=[^\s\d])", ", ", text)
    return text.strip(" -–—•;,.:_~?|").strip()  # "?" and "|": OCR specks, never a field's last character


def _is_upper_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)  # restore may lower a few


# ---------------------------------------------------------------- dates

_DAY_MONTH_YEAR_WORDS = re.compile(
    r"(?:ng\S{0,2}y\s+(?P<d>\d{1,2})\s+)?"
    r"(?P<mw>th\S{0,3}ng|t\S{1,3}ng|\S{0,4}h\S{0,2}ng)\s*(?P<m>\d{1,2})\s*(?:n\S{1,2}m|/)\s*(?P<y>\d{4})\b")
_NUMERIC_DATE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})\s?[/.-]\s?(?P<y>\d{4})(?![\d/])")
_DAY_MONTH_ONLY = re.compile(r"ng\S{0,2}y\s+(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})(?![\d/.-]*\d)")


@dataclass(frozen=True, slots=True)
class DateMention:
    iso: str
    precision: str  # day | month | year
    start: int  # offsets in the folded string searched
    end: int


def _iso(year: int, month: int | None, day: int | None) -> tuple[str, str] | None:
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}", "year"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def find_dates(folded: str, default_year: int | None = None) -> list[DateMention]:
    """Every date in a folded string: "ngày 18 tháng 4 năm 2022", "18/4/2022", "tháng 5/2022", "ngày 21/5".

    A day missing from a printed date ("ngày   tháng 5 năm 2022") gives a month-precision date; a year missing
    ("ngày 21/5") is taken from `default_year` when given."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _DAY_MONTH_YEAR_WORDS.finditer(folded):
        if m.group("mw") == "trong":
            continue
        day = int(m.group("d")) if m.group("d") else None
        res = _iso(int(m.group("y")), int(m.group("m")), day)
        if res:
            found.append(DateMention(res[0], res[1], m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _NUMERIC_DATE.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        res = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if res:
            found.append(DateMention(res[0], res[1], m.start(), m.end()))
            taken.append((m.start(), m.end()))
    if default_year:
        for m in _DAY_MONTH_ONLY.finditer(folded):
            s = m.start("d")
            if not free(s, m.end()):
                continue
            res = _iso(default_year, int(m.group("m")), int(m.group("d")))
            if res:
                found.append(DateMention(res[0], res[1], s, m.end()))
                taken.append((s, m.end()))
    return sorted(found, key=lambda d: d.start)


# ---------------------------------------------------------------- provinces

@functools.cache
def admin_units(name: str) -> dict:
    """A parser data file of the `vietnamadminunits` package (MIT), located, not imported (its parser pulls
    in geopy); empty when the package is missing."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - declared dependency
        return {}
    return json.loads((Path(list(spec.submodule_search_locations)[0]) / "data" / name).read_text(encoding="utf-8"))


@functools.cache
def province_names() -> dict[str, str]:
    """Folded name without spaces → short name with marks, for the 63 provinces before 2025 and the 34 after
    (`vietnamadminunits`)."""
    names: dict[str, str] = {}
    for name in ("parser_legacy.json", "parser_from_2025.json"):
        for entry in admin_units(name).get("DICT_PROVINCE", {}).values():
            short = unicodedata.normalize("NFC", entry["provinceShort"])
            names.setdefault(fold(short).replace(" ", ""), short)
    for old_name in HISTORICAL_PROVINCES:
        names.setdefault(fold(old_name).replace(" ", ""), old_name)
    return names


@functools.cache
def district_keys() -> frozenset[str]:
    """Folded names without spaces of the districts (before 2025, `vietnamadminunits`): a place line that
    names one is read as printed."""
    districts = admin_units("parser_legacy.json").get("DICT_PROVINCE_DISTRICT", {})
    return frozenset(fold(unicodedata.normalize("NFC", d["districtShort"])).replace(" ", "")
                     for units in districts.values() for d in units.values())


@functools.cache
def _unique_districts() -> dict[str, str]:
    """Folded district name with its type, no spaces ("huyenyenthe") → its province's short name, for the
    district names only one province has (before 2025, `vietnamadminunits`)."""
    legacy = admin_units("parser_legacy.json")
    provinces = {key: unicodedata.normalize("NFC", entry["provinceShort"])
                 for key, entry in legacy.get("DICT_PROVINCE", {}).items()}
    return {key: provinces[entry["provinceKey"]]
            for key, entry in legacy.get("DICT_UNIQUE_DISTRICT_PROVINCE", {}).items() if entry["provinceKey"] in provinces}


def _district_province(folded: str) -> str | None:
    """The province of the district a header names ("UBND HUYỆN YÊN THẾ" → Bắc Giang), if the name is unique."""
    m = re.search(r"\b(huyen|quan|thi xa|thanh pho)\s+(.+)$", folded)
    if not m:
        return None
    words = re.sub(r"[^a-z ]", "", m.group(2)).split()
    for n in (4, 3, 2, 1):
        hit = _unique_districts().get(m.group(1).replace(" ", "") + "".join(words[:n])) if len(words) >= n else None
        if hit:
            return hit
    return None


def _province_named_in_body(doc: TextDoc, start: int, params: ExtractParams) -> Found | None:
    """The first province the body names as "tỉnh X" / "thành phố X" (a local body's own province: its
    plans and citations name it first)."""
    if start >= len(doc.lines):
        return None
    lo = doc.lines[start].offset
    hi = doc.lines[min(len(doc.lines), start + params.header_max_lines) - 1].end
    for m in re.finditer(r"\b(?:tinh|thanh pho)\s+((?:\S+\s+){0,3}\S+)", doc.folded[lo:hi]):  # across lines too
        words = m.group(1).split()
        for n in (4, 3, 2, 1):
            if len(words) < n:
                continue
            candidate = " ".join(words[:n])
            hit = match_province(candidate, 101) if n > 1 or len(candidate) >= 3 else None
            if hit:
                end = m.start(1) + len(re.match(rf"\S+(?:\s+\S+){{{n - 1}}}", m.group(1)).group(0))
                return Found(hit, lo + m.start(1), lo + end)
    return None


def match_province(text: str, min_score: float) -> str | None:
    """The province named by `text` (any marks, any case, OCR-damaged), or None."""
    key = re.sub(r"[^a-z]", "", fold(text))
    if len(key) < 3:
        return None
    names = province_names()
    if key in names:
        return names[key]
    if key in district_keys():
        return None  # a district's own name (Hải Lăng), not a damaged province's (Hà Giang)
    best = process.extractOne(key, list(names), scorer=fuzz.ratio)
    if best and best[1] >= min_score and abs(len(best[0]) - len(key)) <= 2:  # damaged letters, not extra words
        return names[best[0]]
    return None


def _damaged_name_of(text: str, name: str, min_score: float) -> bool:
    """`text` is `name` with a few letters damaged ("Phút Tha" for Phú Thọ): a looser test than
    match_province's, for a name the document itself gives elsewhere; never a district's own name (Yên Bình
    in Yên Bái)."""
    key, target = (re.sub(r"[^a-z]", "", fold(t)) for t in (text, name))
    return len(key) >= 3 and abs(len(key) - len(target)) <= 2 and fuzz.ratio(key, target) >= min_score \
        and key not in district_keys() and key not in province_names()


def _header_unit_name(place: str, header: list[Found], min_score: float) -> str | None:
    """The unit name that ends an issuer line, when the place line prints the same name damaged or with
    other marks ("Phải LOc" under HUYỆN ĐOÀN ĐẠI LỘC, "Bát Trang" under UBND XÃ BÁT TRÀNG): a body's place
    of issue is the unit it belongs to, and the header's capitals are read more reliably."""
    if place in _known_unit_spellings():
        return None
    n = len(place.split())
    for found in header:
        words = str(found.value).split()
        if len(words) <= n:
            continue
        tail = " ".join(words[-n:])
        if tail.lower() == place.lower():
            return None
        if fold(tail) == fold(place) or _damaged_name_of(place, tail, min_score):
            return tail.title() if tail.isupper() else tail
    return None


_UNIT_LEVEL = r"\b(?:tinh|huyen|quan|thi xa|thanh pho|xa|phuong|thi tran)\s+"


def own_unit_names(header: list[Found]) -> list[str]:
    """The names of the units the issuer lines name after their level ("HUYỆN KRÔNG PẮC" → Krông Pắc)."""
    names = []
    for found in header:
        text = str(found.value)
        m = re.search(_UNIT_LEVEL + r"(\S+(?:\s+\S+){0,3})$", fold(text))
        if m:
            name = text[m.start(1):]
            names.append(name.title() if name.isupper() else name)
    return names


def with_own_unit_names(text: str, names: list[str], min_score: float) -> str:
    """`text` with a unit name after its level word put back where restore or OCR damaged it into letters of
    no other unit ("trên địa bàn huyện Không Đặc" in a document of HUYỆN KRÔNG PẮC): a body's own unit is
    what its text names most."""
    for name in names:
        n = len(name.split())
        for m in reversed(list(re.finditer(_UNIT_LEVEL + rf"(\S+(?:\s+\S+){{{n - 1}}})", fold(text)))):
            start, end = m.start(1), m.end(1)
            while end > start and not text[end - 1].isalnum():
                end -= 1
            printed = text[start:end]
            if printed[:1].isupper() and printed.lower() != name.lower() and \
                    (fold(printed) == fold(name) or _damaged_name_of(printed, name, min_score)):
                text = text[:start] + name + text[end:]
    return text


def canonical_issuer_words(text: str) -> str:
    """The head word of an issuer name and its administrative levels written correctly (same letters, any marks)."""
    tokens = text.split()
    if not tokens:
        return text
    upper = text.isupper()

    def cased(word: str) -> str:
        return word if upper else word.capitalize()

    for n in (3, 2, 1):
        head = fold(" ".join(tokens[:n]))
        hit = next((w for w in ISSUER_HEAD_WORDS if fold(w) == head), None)
        if hit:
            tokens = [*cased(hit).split(), *tokens[n:]]
            break
    levels = {fold(w): w for w in ADMIN_LEVEL_WORDS if " " not in w}
    out = []
    for i, tok in enumerate(tokens):
        level = levels.get(fold(tok))
        follows_name = i + 1 < len(tokens) and tokens[i + 1][:1].isupper()
        out.append(level if level and upper and follows_name and i > 0 else tok)
    return " ".join(out)


def canonical_province_in(text: str, min_score: float) -> str:
    """"UBND TỈNH LAO CẢI" → "UBND TỈNH LÀO CAI": a damaged province name after tỉnh/thành phố, as in the gazetteer."""
    folded = fold(text)
    m = re.search(r"\b(?:(?:tinh|thanh pho)(?:\s+uy)?|thanh\s+uy)\s+(.+)$", folded)  # "tỉnh ủy X": Party
    if not m:
        return text
    words = list(re.finditer(r"\S+", text[m.start(1):]))
    for n in (4, 3, 2, 1):
        if len(words) == n:  # the province must end the name ("SỞ Y TẾ TỈNH X")
            span = text[m.start(1):m.start(1) + words[n - 1].end()]
            hit = match_province(span, min_score)
            if hit:
                cased = hit.upper() if span.isupper() else hit
                return text[:m.start(1)] + cased + text[m.start(1) + words[n - 1].end():]
    return text


def canonical_district_in(text: str) -> str:
    """"UBND HUYỆN KRONG PẮC" → "UBND HUYỆN KRÔNG PẮC": a district name after huyện/quận/thị xã/thành phố
    with the marks of the one district whose name has those letters."""
    m = re.search(r"\b(?:huyen|quan|thi xa|thanh pho)(?:\s+uy|\s+doan)?\s+(.+)$", fold(text))
    if not m or len(m.group(1).split()) > 4:
        return text
    span = text[m.start(1):]
    hit = district_name(span)
    if hit is None or hit.lower() == span.lower():
        return text
    return text[:m.start(1)] + (hit.upper() if span.isupper() else hit)


def _province_in_line(folded: str, min_score: float) -> str | None:
    """A province named after "tỉnh" / "thành phố" in a folded header line."""
    m = re.search(r"\b(?:(?:tinh|thanh pho|tp\.?)(?:\s+uy)?|thanh\s+uy)\s+(.+)$", folded)
    if not m:
        return None
    words = m.group(1).split()
    for n in (4, 3, 2, 1):
        if len(words) >= n:
            hit = match_province(" ".join(words[:n]), min_score)
            if hit:
                return hit
    return None


# ---------------------------------------------------------------- header: issuer, number, place/date, type

_MOTTO_ANYWHERE = re.compile(r"c\S{1,2}ng\s+h\S{1,2}a\s+x\S\s+h\S{1,3}i|\S{1,4}c\s*l\S{1,2}p\s*-\s*t\S\s*do"
                             r"|d\S{1,2}ng\s+c\S{1,2}ng\s+s\S{1,2}n\s+vi\S{1,2}t\s+nam"
                             r"|\bdo\S{1,2}n\s+tncs\s+h\S{1,2}\s+ch\S{1,2}\s+minh\s*$")


def _strip_motto(line: Line, min_score: float) -> str:
    """The line with the national motto blanked out (two-column headers read as one line); same length."""
    text, folded = line.text, line.folded
    for motto in NATIONAL_MOTTO:
        if len(folded.strip()) < 8:
            break
        al = fuzz.partial_ratio_alignment(motto, folded)
        if al and al.score >= min_score and (al.dest_end - al.dest_start) >= 0.6 * len(motto):
            a, b = al.dest_start, al.dest_end
            while a > 0 and folded[a - 1].isalpha():  # widen to whole words
                a -= 1
            while b < len(folded) and folded[b].isalpha():
                b += 1
            text = text[:a] + " " * (b - a) + text[b:]
            folded = folded[:a] + " " * (b - a) + folded[b:]
    # the motto's tail wrapped onto the next line ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA / VIỆT NAM   SỞ Y TẾ")
    m = re.match(r"^\s*(viet\s*nam|hanh\s*ph\S{1,3})(?=\s|$)", folded)
    if m:
        text = " " * m.end() + text[m.end():]
    return text


_NUMBER_ANCHOR = re.compile(
    r"(?:^|\s)(?P<anchor>s[o0-9eéc&6ô]\S?)\s*[:;.]?\s*(?P<num>\d{1,5})?\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<sym>[a-zđ][a-z0-9đ.]*(?:\s?[-–]\s?[a-z0-9đ.]+)*)")
# Party documents: "Số 15-CT/TU" (number, type code, "/", committee code).
_PARTY_NUMBER_ANCHOR = re.compile(
    r"(?:^|\s)(?P<anchor>s[o0-9eéc&6ô]\S?)\s*[:;.]?\s*(?P<num>\d{1,5})\s*-\s*"
    r"(?P<sym>[a-zđ]{1,5}\s*/\s*[a-zđ][a-z0-9đ.]*(?:\s?[-–]\s?[a-z0-9đ.]+)*)")
# OCR lost the slash: "S6: 355 SNV-TDKT" (a hyphenated code right after the anchored number).
_NO_SLASH_NUMBER_ANCHOR = re.compile(
    r"^\s*(?P<anchor>s[o0-9eéc&6ô]\S?)\s*[:;.]\s*(?P<num>\d{1,5})\s+(?P<sym>[a-zđ]{1,6}(?:\s?[-–]\s?[a-zđ0-9.]+)+)\b")
_SYMBOL_ONLY = re.compile(
    r"(?<![\w/])(?P<num>\d{1,5})\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<sym>[a-zđ][a-z0-9đ.]*(?:\s?[-–]\s?[a-z0-9đ.]+)+)")
_REFERENCE_WORD_BEFORE = re.compile(
    r"(van ban|quyet dinh|ke hoach|huong dan|nghi dinh|thong tu|cong van|chi thi|nghi quyet|thong bao|"
    r"bao cao|to trinh|chuong trinh|luat|ke theo|kem theo)\s*$")


def canonical_symbol(symbol: str) -> str:
    """Spaces dropped and a damaged ND30 type code restored: "QD -TTG" → "QĐ-TTG", "ND-CP" → "NĐ-CP"."""
    symbol = re.sub(r"\s+", "", symbol).replace("–", "-").strip(".-")
    parts = symbol.split("-")
    folded_codes = {fold(code): code for code in (*DOC_TYPES.values(), *NORMATIVE_TYPES.values()) if code}
    folded_codes.update(_AMBIGUOUS_CODE_PREFERENCE)
    first = parts[0]
    code_part = first.split("/")[0]  # "QĐĐ/TU": a Party document's code before its issuer's
    if "ĐĐ" in code_part and folded_codes.get(fold(code_part.replace("ĐĐ", "Đ"))):
        # `vie` OCR prints a code's Đ twice, the second as Eth ("QĐÐ", "CĐÐ"); no type code has ĐĐ
        first = parts[0] = code_part.replace("ĐĐ", "Đ") + first[len(code_part):]
    code = folded_codes.get(fold(first)) if "/" not in first else None
    marks_lost = fold(first) == first.lower()
    if code and (marks_lost or first.upper() == code.upper()):
        # QD → QĐ, TTR → TTr: the code as Phụ lục III writes it; a printed "HĐ" (hợp đồng) keeps its mark
        parts[0] = code
    elif code is None and len(parts) > 1 and re.search(r"[Il1|]", first):
        # A T read as I or l ("TIr" for TTr, "CIr" for CTr): the only misreading of a code worth undoing.
        for k, ch in enumerate(first):
            fixed = folded_codes.get(fold(first[:k] + "t" + first[k + 1 :])) if ch in "Il1|" else None
            if fixed:
                parts[0] = fixed
                break
    return "-".join(parts)


def type_from_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    first = fold(symbol.split("-")[0])
    for name, code in DOC_TYPES.items():
        if code and fold(code) == first:
            preferred = _AMBIGUOUS_CODE_PREFERENCE.get(first)
            if preferred and code != preferred:
                continue
            return name
    return None


@dataclass(slots=True)
class Header:
    issuer_lines: list[tuple[Line, int, int, str]] = field(default_factory=list)
    number: Found | None = None
    symbol: Found | None = None
    place: Found | None = None
    date: Found | None = None
    doc_type: Found | None = None
    subject: Found | None = None
    end_index: int = 0  # first line index after the header (body starts here)
    stamp_lines: set[int] = field(default_factory=set)


def _motto_line_indexes(doc: TextDoc, params: ExtractParams) -> list[int]:
    hits = []
    for ln in doc.lines[: params.header_max_lines]:
        if _MOTTO_ANYWHERE.search(ln.folded):
            hits.append(ln.index)
            continue
        for motto in NATIONAL_MOTTO:
            if len(ln.folded.strip()) >= 10:
                al = fuzz.partial_ratio_alignment(motto, ln.folded)
                if al and al.score >= params.fuzzy_anchor_min_score:
                    hits.append(ln.index)
                    break
    return hits


STAMP_FIELD_LINES = 4  # an incoming-mail stamp's fields: Số, Ngày, Chuyển, Lưu hồ sơ số


def _stamp_lines(doc: TextDoc, limit: int) -> set[int]:
    """Lines of an incoming-mail stamp ("CÔNG VĂN ĐẾN / Số: 913 / Ngày: 26/8/2019") near the top."""
    out: set[int] = set()
    for ln in doc.lines[:limit]:
        f = ln.folded.strip()
        # "CÔNG VĂN ĐẾN" (OCR: "CONG VAN DEN", "CÔNG VĂN BẾN"), never "Công văn số 125/…" opening a citation line
        if re.match(r"^(cong van|c\S{1,2}ng v\S{1,2}n)\s+(?!so\b)\S{2,4}\b", f) and not re.match(r"^cong van\s*$", f):
            out.add(ln.index)
            # The stamp's own first line names the receiving body ("LIÊN ĐOÀN LAO ĐỘNG TỈNH / CÔNG VĂN ĐẾN");
            # it is the stamp's when it stands apart from the header columns (after a blank or the motto).
            if ln.index >= 2:
                above, before = doc.lines[ln.index - 1], doc.lines[ln.index - 2]
                if (above.stripped and _is_upper_line(above.stripped)
                        and not _MOTTO_ANYWHERE.search(above.folded)
                        and (not before.stripped or _MOTTO_ANYWHERE.search(before.folded)
                             # no blank line between (a text layer, OCR that drops them): a body's name right
                             # under another capitals line, the stamp's own ("TỈNH GIA LAI / SỞ GIÁO DỤC …")
                             or _opens_body_name(above.stripped) and _is_upper_line(before.stripped))):
                    out.add(above.index)
            # its fields on the next lines ("Số: / Ngày: / Chuyển: / Lưu hồ sơ số:"), blank lines between them
            # when OCR double-spaces its output
            following = [nxt for nxt in doc.lines[ln.index + 1: ln.index + 1 + 2 * STAMP_FIELD_LINES] if nxt.stripped]
            for nxt in following[:STAMP_FIELD_LINES]:
                if re.match(r"^\s*(s\S\s*:?\s*\d+\s*$|ng\S{1,2}y\s*:|chuyen\s*:|luu ho so)", nxt.folded):
                    out.add(nxt.index)
    return out


def parse_header(doc: TextDoc, params: ExtractParams) -> Header:
    head = Header()
    limit = min(len(doc.lines), params.header_max_lines)
    head.stamp_lines = _stamp_lines(doc, limit)
    type_line = _type_line(doc, head, params, limit)
    # number and symbol: an anchored "Số: N/SYMBOL" not cited by a type word, else a bare N/SYMBOL in the header
    number_line: Line | None = None
    for ln in doc.lines[:limit]:
        for m in [*_NUMBER_ANCHOR.finditer(ln.folded), *_PARTY_NUMBER_ANCHOR.finditer(ln.folded),
                  *_NO_SLASH_NUMBER_ANCHOR.finditer(ln.folded)]:
            anchor_start = m.start("anchor")
            if not ln.text[anchor_start].isupper():
                continue  # "văn bản số 12/…" is a citation; the document's own number is printed "Số:"
            if _REFERENCE_WORD_BEFORE.search(ln.folded[:anchor_start].strip()):
                continue
            number_line = ln
            _set_number(head, ln, m)
            break
        if number_line:
            break
    if number_line is None:
        for ln in doc.lines[:limit]:
            if re.search(r"\b(ke|kem) theo\b", ln.folded):
                continue
            if type_line is not None and ln.index >= type_line or type_line is None and ln.index >= 15:
                break  # a bare N/SYMBOL counts only in the header, above the type line
            m = _SYMBOL_ONLY.search(ln.folded)
            if m and (not _REFERENCE_WORD_BEFORE.search(ln.folded[:m.start()].replace(" so", "").strip())
                      or _own_symbol_in_caps(doc, ln, m, type_line)) \
                    and not re.search(r"\bs\S\s*$", ln.folded[:m.start()]):
                number_line = ln
                _set_number(head, ln, m)
                break
    # place and date: "<Place>, ngày … tháng … năm …"
    for ln in doc.lines[:limit]:
        if ln.index in head.stamp_lines:
            continue
        m = re.search(r",\s*(ng\S{0,3}y|ng\S{0,3}y\W)", ln.folded) or re.search(r",\s*\S{0,6}\s*th\S{0,3}ng\s*\d", ln.folded)
        if not m:
            continue
        dates = find_dates(ln.folded[m.start():])
        if not dates:
            continue
        d = dates[0]
        head.date = Found(d.iso, ln.offset + m.start() + d.start, ln.offset + m.start() + d.end)
        before = ln.text[:m.start()]
        if head.symbol and ln.offset <= head.symbol.start < ln.end:
            before = " " * (head.symbol.end - ln.offset) + ln.text[head.symbol.end - ln.offset:m.start()]
        place = _place_from(before, params)
        if place:
            head.place = Found(place[0], ln.offset + place[1], ln.offset + place[2])
        break
    if head.date is None:  # a date line without a place
        for ln in doc.lines[:limit]:
            if ln.index in head.stamp_lines or re.match(r"^\s*ng\S{1,2}y\s*:", ln.folded):
                continue
            if re.search(r"^\s*ng\S{0,2}y\b", ln.folded):
                dates = find_dates(ln.folded)
                if dates:
                    head.date = Found(dates[0].iso, ln.offset + dates[0].start, ln.offset + dates[0].end)
                    break
    _parse_issuer(doc, head, params, limit)
    _parse_type_and_subject(doc, head, params, limit)
    return head


def _own_symbol_in_caps(doc: TextDoc, ln: Line, m: re.Match, type_line: int | None) -> bool:
    """A header symbol after a type word in capitals ("CÔNG VĂN BẢN 68/KH-UBND", stamp and "Số:" read as
    one line) is the document's own when its type code names the type line's type: a citation is
    lower-case running text, and cites other types as often as its own."""
    before = ln.text[: m.start()].strip()
    if type_line is None or not before or not _is_upper_line(before):
        return False
    named = type_from_symbol(canonical_symbol(ln.text[m.start("sym"):m.end("sym")]))
    if named is None:
        return False
    key = _SPACES.sub(" ", re.sub(r"[^a-z ]", "", doc.lines[type_line].folded)).strip()
    best = process.extractOne(key, [fold(name) for name in DOC_TYPES], scorer=fuzz.ratio)
    return best is not None and best[0] == fold(named)


def _type_line(doc: TextDoc, head: Header, params: ExtractParams, limit: int) -> int | None:
    """Index of the line that is only a type name in capitals ("KẾ HOẠCH", OCR-damaged allowed)."""
    type_keys = [fold(name) for name in DOC_TYPES]
    for ln in doc.lines[:limit]:
        text = ln.stripped
        if not text or len(text) > 40 or not _is_upper_line(text) or ln.index in head.stamp_lines:
            continue
        key = _SPACES.sub(" ", re.sub(r"[^a-z ]", "", ln.folded)).strip()
        best = process.extractOne(key, type_keys, scorer=fuzz.ratio)
        if best and best[1] >= params.fuzzy_anchor_min_score:
            return ln.index
    return None


def _set_number(head: Header, ln: Line, m: re.Match) -> None:
    if m.group("num"):
        head.number = Found(ln.text[m.start("num"):m.end("num")], ln.offset + m.start("num"),
                            ln.offset + m.end("num"))
    sym_text = ln.text[m.start("sym"):m.end("sym")]
    head.symbol = Found(canonical_symbol(sym_text), ln.offset + m.start("sym"), ln.offset + m.end("sym"))


# A capitalised word with a digit between its letters: OCR read a marked vowel as a digit ("Ho6a" for Hóa).
_GLYPH_DIGIT_WORD = re.compile(r"[^\W\d_][^\W\d_]*\d[^\W\d_]+")


def _place_from(before: str, params: ExtractParams) -> tuple[str, int, int] | None:
    """The place name at the end of the text before ", ngày": the last run of capitalised words."""
    words = list(re.finditer(r"\S+", before))
    run: list[re.Match] = []
    for w in reversed(words):
        token = w.group(0).strip(",.")
        if token and (token[0].isupper() or token.lower() in {"tp.", "tp"} or (token in "-–" and run)) \
                and (not re.search(r"\d", token) or _GLYPH_DIGIT_WORD.fullmatch(token)) and "/" not in token:
            run.insert(0, w)
        else:
            break
        if len(run) >= 5:
            break
    # Drop a leading one-letter fragment (stamp or OCR residue).
    while run and len(run[0].group(0)) == 1:
        run.pop(0)
    if not run:
        return None
    start, end = run[0].start(), run[-1].end()
    printed = clean_value(before[start:end])
    province = match_province(printed, params.province_min_score)
    return (province or district_name(printed) or canonical_place_names_in(printed)), start, end


@functools.cache
def _district_names() -> dict[str, str]:
    """Folded district name without spaces → its name with marks, where every district so folded is spelled
    the same (before 2025, `vietnamadminunits`)."""
    spellings: dict[str, set[str]] = {}
    for units in admin_units("parser_legacy.json").get("DICT_PROVINCE_DISTRICT", {}).values():
        for d in units.values():
            short = unicodedata.normalize("NFC", d["districtShort"])
            spellings.setdefault(fold(short).replace(" ", ""), set()).add(short)
    return {key: next(iter(names)) for key, names in spellings.items() if len(names) == 1}


@functools.cache
def _known_unit_spellings() -> frozenset[str]:
    """Province and district names as the gazetteer spells them (`vietnamadminunits`)."""
    return frozenset(province_names().values()) | frozenset(_district_names().values())


def district_name(text: str) -> str | None:
    """A place printed (or restored) with wrong marks that only one district's name folds to: "Thành Chương"
    → Thanh Chương, "Krong Pắc" → Krông Pắc."""
    return _district_names().get(re.sub(r"[^a-z]", "", fold(text)))


def place_key(name: str) -> str:
    """A place name's lookup key: folded, letters and digits only ("Đường 10" → duong10)."""
    return re.sub(r"[^a-z0-9]", "", fold(name))


def _spelled(name: str) -> str:
    """A gazetteer name in NFC with the project's tone placement."""
    return " ".join(normalize_tone_placement(w) for w in unicodedata.normalize("NFC", name).split())


@functools.cache
def ward_spellings() -> dict[str, frozenset[str]]:
    """Place key → the spellings of every xã, phường and thị trấn so keyed, before 2025 and after
    (`vietnamadminunits`)."""
    legacy = admin_units("parser_legacy.json")
    current = admin_units("parser_from_2025.json")
    units = [unit for table in ("DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED", "DICT_PROVINCE_DISTRICT_WARD_ACCENTED")
             for districts in legacy.get(table, {}).values() for wards in districts.values() for unit in wards.values()]
    units += [unit for table in ("DICT_PROVINCE_WARD_NO_ACCENTED", "DICT_PROVINCE_WARD_ACCENTED")
              for wards in current.get(table, {}).values() for unit in wards.values()]
    spellings: dict[str, set[str]] = {}
    for unit in units:
        if isinstance(unit.get("wardShort"), str):  # island districts have no wards (NaN rows)
            name = _spelled(unit["wardShort"])
            spellings.setdefault(place_key(name), set()).add(name)
    return {key: frozenset(names) for key, names in spellings.items()}


@functools.cache
def district_spellings() -> dict[str, frozenset[str]]:
    """Place key → the spellings of every district so keyed, before 2025 (`vietnamadminunits`)."""
    out: dict[str, set[str]] = {}
    for units in admin_units("parser_legacy.json").get("DICT_PROVINCE_DISTRICT", {}).values():
        for d in units.values():
            if isinstance(d.get("districtShort"), str):
                out.setdefault(place_key(_spelled(d["districtShort"])), set()).add(_spelled(d["districtShort"]))
    return {key: frozenset(names) for key, names in out.items()}


@functools.cache
def province_spellings() -> dict[str, frozenset[str]]:
    """Place key → the spellings of every province so keyed, before 2025 and after."""
    out: dict[str, set[str]] = {}
    for data_file in ("parser_legacy.json", "parser_from_2025.json"):
        for p in admin_units(data_file).get("DICT_PROVINCE", {}).values():
            out.setdefault(place_key(_spelled(p["provinceShort"])), set()).add(_spelled(p["provinceShort"]))
    return {key: frozenset(names) for key, names in out.items()}


@functools.cache
def unit_spellings() -> dict[str, frozenset[str]]:
    """Place key → every spelling a province, district or ward is given under it."""
    out: dict[str, set[str]] = {}
    for table in (ward_spellings(), district_spellings(), province_spellings()):
        for key, names in table.items():
            out.setdefault(key, set()).update(names)
    return {key: frozenset(names) for key, names in out.items()}


PLACE_RUN_WORDS = (3, 2)  # lengths of the capitalised runs looked up, longest first (one word: too many collide)


def canonical_place_names_in(text: str) -> str:
    """"phong trào “Krong Bông chung sức …”", "UBND XÃ EA TIẾU": a run of two or three capitalised words that
    the gazetteer knows under one spelling only takes it, when a word of the run is no Vietnamese syllable
    ("Krong", "Ea") and the run carries marks (restored text, not raw garble: "DAN PHUONG" is no Đan Phượng).
    A run of syllables stays as printed: the gazetteer lacks merged and renamed communes, and "xã Hưng Thái" or
    "Trần Châu" would otherwise become the Hùng Thái or Trân Châu it does list. A run the gazetteer knows
    (under any spelling) is consumed whole, so that no shorter run inside it is respelled."""
    spellings = unit_spellings()
    words = list(re.finditer(r"[^\W\d_]+", text))
    out, last, i = [], 0, 0
    while i < len(words):
        consumed = 1
        for n in PLACE_RUN_WORDS:
            run = words[i:i + n]
            if len(run) < n or not all(w.group(0)[:1].isupper() for w in run) or \
                    any(text[a.end():b.start()] != " " for a, b in zip(run, run[1:], strict=False)):
                continue
            span = text[run[0].start():run[-1].end()]
            names = spellings.get(place_key(span))
            if names is None:
                continue
            consumed = n
            name = next(iter(names))
            if len(names) == 1 and _spelled(span).lower() != name.lower() and any(ord(c) > 127 for c in span) \
                    and not all(is_valid_syllable(w.lower()) for w in span.split()):
                out.append(text[last:run[0].start()] + (name.upper() if span.isupper() else name))
                last = run[-1].end()
            break
        i += consumed
    return "".join(out) + text[last:]


def _parse_issuer(doc: TextDoc, head: Header, params: ExtractParams, limit: int) -> None:
    """The issuer column: the first block of capitalised lines above the number and date lines.

    The national motto is blanked out first (two columns read as one line); when the motto sits on lines of its
    own, the issuer block may come before or after it (columns split or out of order), and when OCR read the
    right column first (motto, date line, then issuer), it is looked for down to the number line."""
    motto = _motto_line_indexes(doc, params)
    hard_stop = limit
    type_line = _type_line(doc, head, params, limit)
    if type_line is not None:
        hard_stop = type_line
    for ln in doc.lines[:hard_stop]:  # the header ends at the first recipients anchor
        if _KINH_GUI.match(ln.folded) or _NOI_NHAN.match(ln.folded):
            hard_stop = ln.index
            break
    if not motto and head.symbol is None and head.date is None and type_line is None:
        return  # no header at all (e.g. a last page alone): a capitalised line here is no issuer
    soft = sorted(doc.line_at(f.start).index for f in (head.symbol, head.date) if f is not None)
    start = 0
    if motto:  # the issuer column sits within 8 text lines above the motto (OCR may put blank lines between)
        above = [ln.index for ln in doc.lines[: motto[0]] if ln.stripped]
        start = above[-8] if len(above) >= 8 else 0
    for stop in dict.fromkeys([*(min(x, hard_stop) for x in soft), hard_stop]):
        blocks = _issuer_blocks(doc, head, params, start, stop)
        if blocks:
            break
    else:
        return
    # columns read as one line: every block that shares lines with the motto (OCR may put blank lines between)
    first_merged = next((i for i, (b, k) in enumerate(blocks) if set(b) & set(motto)), None)
    if first_merged is not None:  # and the blocks below it (the issuer's last line may sit apart)
        chosen = [x for _, k in blocks[first_merged:] for x in k]
    else:
        chosen = blocks[0][1]
    head.issuer_lines = chosen[:4]


# Urgency and secrecy marks (Nghị định 30, Điều 15 and Phụ lục I) printed in the header.
_URGENCY_MARK = re.compile(r"^\W*(hoa toc|thuong khan|khan|toi mat|tuyet mat|mat)\W*$")


def _issuer_blocks(doc: TextDoc, head: Header, params: ExtractParams, start: int,
                   stop: int) -> list[tuple[list[int], list[tuple[Line, int, int, str]]]]:
    """Runs of capitalised lines (motto blanked out, stamp and blank lines skipped) between start and stop."""
    blocks: list[tuple[list[int], list[tuple[Line, int, int, str]]]] = []
    current: tuple[list[int], list[tuple[Line, int, int, str]]] = ([], [])
    previous = ""
    for ln in doc.lines[start:stop]:
        if not ln.stripped:
            continue  # a blank line: OCR may put one between the lines of the issuer column
        kept = None
        after, previous = previous, ln.folded.rstrip()
        if ln.index not in head.stamp_lines:
            blanked = _strip_motto(ln, params.fuzzy_anchor_min_score)
            text = blanked.strip()
            if fold(text) == "nam" and _MOTTO_ANYWHERE.search(after) and after.endswith("viet"):
                text = ""  # the motto's last word wrapped onto a line of its own ("… VIỆT" / "NAM")
            if _URGENCY_MARK.match(fold(text)):
                text = ""  # "HỎA TỐC", "THƯỢNG KHẨN", "MẬT": how to handle the document, no body's name
            if text and not any(sum(map(str.isalpha, w)) >= 2 for w in text.split()):
                text = ""  # "2K 6K": OCR specks around the header, no word of any name
            if text and _is_upper_line(text) and not re.match(r"^s\S\s*:", fold(text)):
                text, s, e = _trim_residue(blanked, 0, len(blanked))
                kept = (ln, s, e, text) if text else None
            elif not text:  # a motto-only line: part of the header, not of the issuer
                kept = ()
        if kept is None:
            if current[1]:
                blocks.append(current)
            current = ([], [])
            continue
        current[0].append(ln.index)
        if kept:
            current[1].append(kept)  # type: ignore[arg-type]
    if current[1]:
        blocks.append(current)
    return blocks


def _trim_residue(text: str, s: int, e: int) -> tuple[str, int, int]:
    """Drop stamp/OCR residue at the ends of an issuer line: lone digits, one-letter tokens, punctuation."""
    segment = text[s:e]
    tokens = list(re.finditer(r"\S+", segment))
    while tokens and (len(tokens[-1].group(0)) == 1 or tokens[-1].group(0).isdigit()):
        tokens.pop()
    while tokens and (len(tokens[0].group(0)) == 1 and tokens[0].group(0) not in "-"):
        tokens.pop(0)
    if not tokens:
        return "", s, s
    ns, ne = s + tokens[0].start(), s + tokens[-1].end()
    return text[ns:ne].strip(), ns, ne


# A Party committee's own name ("HUYỆN ỦY YÊN KHÁNH" under "ĐẢNG BỘ TỈNH …") starts with a level word but is
# a body, not the second line of one.
_PARTY_COMMITTEE = re.compile(r"^(tinh|thanh|huyen|quan|thi|xa|phuong|dang)\s+uy\b")


def _opens_body_name(text: str) -> bool:
    """`text` starts with the head word of a body's name (SỞ, BAN, PHÒNG, TRUNG TÂM …)."""
    words = fold(text).split()
    return any(words[:len(h.split())] == fold(h).split() for h in (*ISSUER_HEAD_WORDS, "BAN", "CHI CỤC", "VỤ"))


def issuer_fields(head: Header, params: ExtractParams) -> tuple[Found | None, Found | None, str | None, bool]:
    """(issuer, issuer_parent, province, central): the parent body is the line above the issuer."""
    groups: list[list[tuple[Line, int, int, str]]] = []
    for item in head.issuer_lines:
        f = fold(item[3]).strip()
        prev = groups[-1][-1] if groups else None
        continues = prev is not None and (
            f.startswith(ADMIN_LEVEL_STARTS) and not _PARTY_COMMITTEE.match(f)
            or fold(prev[3]).rstrip().endswith((" va", "-", ","))
            or f.startswith(("- ", "va "))
            or re.fullmatch(r"(hoi dong|uy ban|ban|so|cuc|chi cuc|trung tam)", fold(prev[3]).strip()) is not None
        )
        if continues:
            groups[-1].append(item)
        else:
            groups.append([item])

    def found(group: list[tuple[Line, int, int, str]]) -> Found:
        text = canonical_issuer_words(" ".join(g[3] for g in group))
        text = canonical_place_names_in(canonical_district_in(canonical_province_in(text, params.province_min_score)))
        return Found(clean_value(text), group[0][0].offset + group[0][1], group[-1][0].offset + group[-1][2])

    if not groups:
        return None, None, None, False
    if len(groups) >= 3 and _opens_body_name(" ".join(x[3] for x in groups[-1])):
        # three levels ("UBND TỈNH BẾN TRE / SỞ NỘI VỤ / BAN THI ĐUA - KHEN THƯỞNG"): the body under the one above
        issuer, parent = found(groups[-1]), found(groups[-2])
    else:
        issuer = found(groups[-1] if len(groups) == 1 else [x for g in groups[1:] for x in g])
        parent = found(groups[0]) if len(groups) > 1 else None
    province = None
    central = False
    for g in groups:
        f = fold(" ".join(x[3] for x in g)).strip()
        if f.startswith(CENTRAL_BODY_STARTS) or " trung uong" in f:
            central = True
        province = province or _province_in_line(f, params.province_min_score)
    return issuer, parent, province, central


# Folded words that open a directive's body (so a subject without a blank line after it ends there):
# thực hiện, triển khai, xét đề nghị, để, nhằm, theo, ngày …, trên cơ sở, thời gian qua, hiện nay, những năm qua.
_BODY_OPENERS = re.compile(r"^(thuc\s*hien|trien khai|xet de nghi|de\s|nham\b|theo\b|ngay\s+\d|tren co so|"
                           r"(trong\s+)?thoi gian (vua\s+)?qua|hien nay|(trong\s+)?nhung nam (gan day|qua)|qua\s)")


def _speck_stop(m: re.Match) -> str:
    """A stop inside a subject before a lower-case word is a speck, unless it ends an abbreviation or an initial
    ("v.v. trong", "Nguyễn Văn A. nguyên Chủ tịch")."""
    word = re.search(r"\S+$", m.string[:m.start()])
    after = m.string[m.end():].lstrip()[:1]
    keep = not after.islower() or word is None or len(word.group(0)) < 2 or "." in word.group(0)
    return "." if keep else ""


def _continues(doc: TextDoc, blank_index: int, last: Line) -> bool:
    """True when the line after a blank one carries on the unfinished line before it: it starts lower-case
    or with a bare number ("… mùa khô" / "2025"), and the line before ends with no stop."""
    nxt = doc.lines[blank_index + 1] if blank_index + 1 < len(doc.lines) else None
    if nxt is None or _ends_sentence(last.text):
        return False
    first = nxt.stripped[:1]
    return first.islower() or bool(re.match(r"^\d+(\s|$)", nxt.stripped))


def _sentence_inside(text: str) -> bool:
    """A sentence ends inside the line ("… chiếm tỷ lệ lớn. Mùa khô …"): a body paragraph, never a subject
    line (abbreviations such as "TP. Hồ Chí Minh" are capitals before the stop)."""
    return any(m.group(1).islower() and m.group(2).isupper() for m in re.finditer(r"(\w{2,})\.\s+(\w)", text))


SIGNER_ABOVE_LINES = 4  # lines above a title line where OCR may have put the name it read first
BODY_LINE_SHARE = 0.9  # a line at least this share of the body's width is a body line …
SUBJECT_LINE_SHARE = 0.85  # … when the subject line before it is no wider than this share (subjects are centred)


def _opens_body_paragraph(doc: TextDoc, ln: Line, last: Line) -> bool:
    """A full-width line opening with a capital after a narrower subject line: the body's first line, where a
    text layer printed no blank line between them."""
    width = doc.body_width
    text = ln.stripped
    return width > 0 and text[:1].isupper() and len(text) >= BODY_LINE_SHARE * width and \
        len(last.stripped) <= SUBJECT_LINE_SHARE * width


def _parse_type_and_subject(doc: TextDoc, head: Header, params: ExtractParams, limit: int) -> None:
    type_keys = {fold(name): name for name in DOC_TYPES}
    start_index = 0
    if head.symbol:
        start_index = doc.line_at(head.symbol.start).index + 1
    elif head.date:
        start_index = doc.line_at(head.date.start).index + 1
    elif head.issuer_lines:
        start_index = head.issuer_lines[-1][0].index + 1
    subject_start: int | None = None
    for ln in doc.lines[:limit]:
        text = ln.stripped
        if not text or len(text) > 40 or not _is_upper_line(text):
            continue
        key = re.sub(r"[^a-z ]", "", ln.folded).strip()
        key = _SPACES.sub(" ", key)
        best = process.extractOne(key, list(type_keys), scorer=fuzz.ratio)
        if best and best[1] >= params.fuzzy_anchor_min_score:
            if ln.index in head.stamp_lines:
                continue
            lead = len(ln.text) - len(ln.text.lstrip())
            head.doc_type = Found(type_keys[best[0]], ln.offset + lead, ln.offset + lead + len(text))
            subject_start = ln.index + 1
            break
    if subject_start is None:
        for ln in doc.lines[start_index:limit]:
            if re.match(r"^[\W_]*v\s*/\s*[vw]\b", ln.folded):  # OCR may leave "__" before it, or read v as w
                subject_start = ln.index
                break
    if subject_start is None:
        head.end_index = max(start_index, head.issuer_lines[-1][0].index + 1 if head.issuer_lines else 0)
        return
    parts: list[Line] = []
    blanks = 0
    for ln in doc.lines[subject_start:limit]:
        f = ln.folded.strip()
        if not f:
            blanks += 1
            if parts and (blanks > 1 or not (doc.double_spaced or _continues(doc, ln.index, parts[-1]))):
                break
            continue
        blanks = 0
        if ln.index in head.stamp_lines:
            continue
        opening = re.sub(r"^[\s:;.,_~|\-–—•]+", "", f)  # OCR specks before it (": Căn cứ"); not quotes or brackets
        if re.match(r"^(kinh\s*g|can\s*c\S{1,2}\b|noi\s*nh)", opening) or (
                parts and re.match(_BODY_OPENERS, f) and not ln.stripped[:1].islower()) or (
                parts and _ends_sentence(parts[-1].text) and not ln.stripped[:1].islower()) or (
                parts and _is_upper_line(ln.stripped) and not _is_upper_line(parts[-1].stripped)) or (
                parts and _sentence_inside(ln.text)) or (
                parts and _opens_body_paragraph(doc, ln, parts[-1])):
            break
        if head.date and ln.offset <= head.date.start < ln.end:
            continue
        parts.append(ln)
        if len(parts) >= 6:
            break
    if parts:
        s = parts[0].offset + len(parts[0].text) - len(parts[0].text.lstrip())
        e = parts[-1].offset + len(parts[-1].text.rstrip())
        value = clean_value(" ".join(re.sub(r"^[\s_~|.,]+", "", p.text) for p in parts))
        value = re.sub(r"^V\s*/\s*[vw]\b", "V/v", value)  # the label as printed; OCR reads its v as w
        # a trích yếu asks nothing: a "?" glued to a word inside it is OCR's hook of ư/ơ ("Phụ nữ? An Giang")
        value = re.sub(r"(?<=[^\W\d_])\?(?=\s+\S)", "", value)
        # nor does a sentence in it end before a lower-case word: a speck read as a stop ("dạy giỏi. cấp tỉnh")
        value = re.sub(r"(?<=[^\W\d_])\.(?=\s+[^\W\d_])", _speck_stop, value)
        head.subject = Found(canonical_place_names_in(value), s, e)
        head.end_index = parts[-1].index + 1
    else:
        head.end_index = subject_start


# ---------------------------------------------------------------- recipients

_KINH_GUI = re.compile(r"^\s*k\S{1,3}nh\s*g\S{1,3}i\s*[:;.]?\s*")
_NOI_NHAN = re.compile(r"^[\s.,\-–_]*n\S{1,2}i\s*nh\S{0,3}n\s*[:;.]")  # OCR may leave specks (".-") before it
# A công điện names its addressees after its sender's title: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:" (no Kính gửi).
_DIEN = re.compile(r"^(?P<sender>\s*\S.{0,80}?)\s+di\S{1,2}n\s*:\s*$")
# A giấy mời lists its invitees under a heading "1. Thành phần:" / "Thành phần tham dự:" (no Kính gửi).
_THANH_PHAN = re.compile(r"^\s*(?:[\dIVX]+\s*[.)]\s*)?th\S{1,3}nh\s*ph\S{1,3}n(?:\s+(?:tham\s+d\S{1,2}|m\S{1,2}i|d\S{1,2}))?"
                         r"\s*[:;.]\s*$")


# A recipient item's dash, also as OCR reads it from a scan: "~ Bộ trưởng (để b/c);", "__ -CVP, PVPCN;".
_CC_BULLET = re.compile(r"^\s*(?:_{1,3}\s*)?(?:[-–—•+]|~(?=\s))\s*")
_FILED_COPY = re.compile(r"^\s*[-–—•+]?\s*luu\s*:")  # on folded text: the archive's "Lưu: VT, …" item
# The same item where OCR garbled its small label beyond reading ("ETEUNH VÌ,VP", "\"E1 VI TCBC.", "=Lữu: VT,KTHT."):
# one or two short tokens, then the văn thư's VT (its T often read as I, Ì, Ị), then the drafting units' codes.
_GARBLED_FILED_COPY = re.compile(r"^\s*[-–—•+=~>\"“'‘]*\s*(?P<label>\S{1,7}(?:\s\S{1,3})?)\s*[:.,;]?\s+V[TIỊÌÍ1]\b\s*[,.;:]?\s*"
                                 r"(?P<codes>(?:[A-ZĐ][A-ZĐa-z0-9&.\-]*(?:\s*[,;]\s*|\s+)?)*?)\s*[.;]?\s*$")
_OFFICE_CODE = re.compile(r"[A-ZĐ0-9&.\-]*[A-ZĐ][A-ZĐ0-9&.\-]*(?:[a-z][A-ZĐ0-9&.\-]+)?")  # TCCB, P.KHTC, GDTrH; not Hà
FILED_COPY_LABEL = "Lưu: VT"


# A seal's ring text read after a line: "* BAN TUYÊN GIÁO * LÂM ĐỒNG" (capitals between asterisks).
_SEAL_RESIDUE = re.compile(r"\s*\*[^*]*(?:\*[^*]*)*$")  # taken only when all capitals (_all_capitals)
# Capitals after an item's comma, to the line's end: the signer column's title line read beside the item.
_TITLE_TAIL = re.compile(r"(?<=[^\W\d_]|\)),\s+([^,;]+?)\s*$")  # taken only when all capitals


def _all_capitals(text: str) -> bool:
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return bool(words) and all(w.isupper() for w in words)


def _split_items(text: str) -> list[tuple[int, int]]:
    """Spans of the items of one recipients line: ";" separates recipients, except inside the filed-copy item,
    where it can only be a comma OCR misread ("Lưu: VT; TH")."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^;]+", text):
        if spans and _FILED_COPY.match(fold(text[spans[-1][0] : spans[-1][1]])):
            spans[-1] = (spans[-1][0], m.end())
            continue
        spans.append((m.start(), m.end()))
    return spans


# "(Đã ký)", "[Chữ ký số]", and OCR's "(Bà ký)": one short word before "ký" in brackets is no recipient.
_SIGNATURE_MARK = re.compile(r"^\W*(da\s+ky|ky|chu\s+ky\s+so|da\s+ky\s+so|ky\s+ten[^)\]]*)\W*$|^[(\[]\s*\w{1,3}\s+ky\s*[)\]]$")


_TRAILING_SIGNATURE_MARK = re.compile(r"\s*[(\[]\s*(?:da\s+ky|ky|ky\s+ten|chu\s+ky\s+so|da\s+ky\s+so)\s*[)\]]\s*$")


# "(b/c)" (để báo cáo) at an item's end, its c or b read as a sign or lost: "(b/€)", "(Đ/€)", "(để b/)".
_REPORT_NOTE = re.compile(r"\((để\s+)?(?:[bB]/[cC€¢©]?|[Đđ]/[€¢©])\)$")
_MISREAD_SO = re.compile(r"(?:^|(?<=[,;:] ))(Số|SỐ)(?= (\w))")


def _item_found(doc: TextDoc, offset: int, text: str) -> Found | None:
    value = clean_value(_CC_BULLET.sub("", text))
    if value[:1] in "'‘’`´" and not any(q in value[1:] for q in "'‘’\"“”"):
        value = value[1:].lstrip()  # "-'Cổng Thông tin": a speck read as a quote that never closes
    if _FILED_COPY.match(fold(value)):
        value = re.sub(r"\s*;\s*", ", ", value)
    if len(value) < 3 or _SIGNATURE_MARK.match(fold(value)):
        return None  # "(Đã ký)", "[Chữ ký số]" of the signer column, read onto a cc line
    mark = _TRAILING_SIGNATURE_MARK.search(fold(value))
    if mark and mark.start() > 0:  # "- Lưu: VT, NC. (Đã ký)": the signer column's mark beside the last item
        value = clean_value(value[:mark.start()])
    # A recipient is a body: "Số NN&PTNT", "SỐ Nội vụ" is a Sở whose mark OCR or restore misread.
    value = _REPORT_NOTE.sub(lambda m: f"({m.group(1) or ''}b/c)", value)
    value = _MISREAD_SO.sub(lambda m: ("SỞ" if m.group(1).isupper() else "Sở") if m.group(2).isupper() else m.group(1),
                            value)
    lead = len(text) - len(text.lstrip(" -–—•+"))
    return Found(value, offset + lead, offset + len(text.rstrip()))


def _garbled_filed_copy(doc: TextDoc, line: Line, items: list[Found]) -> Found | None:
    """A Nơi nhận line that is the filed-copy item with its label garbled: "Lưu: VT" and its codes, as ND 30
    prints it (the line as evidence). Only as the list's last item, when no filed copy came before: a
    recipient ends with ";" ("- Quân khu VI, VII;"), a name is no label ("TRẦN VI THANH"), and codes are
    capitals ("- Lưu VT, KT. Trần Văn Thanh" keeps its signer's name for the right column's rule)."""
    text = line.text.rstrip()
    if not items or text.endswith(";") or _FILED_COPY.match(line.folded) or \
            any(_FILED_COPY.match(fold(str(f.value))) for f in items):
        return None
    following = next((ln for ln in doc.lines[line.index + 1:] if ln.text.strip()), None)
    if following is not None and (_CC_BULLET.match(following.text) or _FILED_COPY.match(following.folded)):
        return None
    m = _GARBLED_FILED_COPY.match(text)
    if m is None or _starts_with_surname(m.group("label"), marks_may_differ=True):
        return None
    codes = [c.rstrip(".") for c in re.split(r"[,;\s]+", m.group("codes")) if c.rstrip(".")]
    if not codes or not all(_OFFICE_CODE.fullmatch(c) for c in codes):  # "- Ban VI;" is a recipient
        return None
    value = ", ".join([FILED_COPY_LABEL, *codes])
    lead = len(line.text) - len(line.text.lstrip())
    return Found(value, line.offset + lead, line.offset + len(text))


def parse_recipients(doc: TextDoc, anchor: re.Pattern, start: int, end: int, signer_titles: list[Found] | None = None,
                     signer_names: list[Found] | None = None) -> tuple[list[Found], int | None]:
    """Items after an anchor line ("Kính gửi:", "Nơi nhận:"); returns them and the anchor line index."""
    for ln in doc.lines[start:end]:
        m = anchor.match(ln.folded)
        if not m:
            continue
        items: list[Found] = []
        inline = ln.text[m.end():]
        if inline.strip():
            if _is_upper_line(inline) and anchor is _NOI_NHAN:  # two columns: the signer's title beside it
                if signer_titles is not None:
                    lead = len(inline) - len(inline.lstrip())
                    signer_titles.append(Found(clean_value(inline), ln.offset + m.end() + lead,
                                               ln.offset + len(ln.text.rstrip())))
            else:
                for s, e in _split_items(inline):
                    f = _item_found(doc, ln.offset + m.end() + s, inline[s:e])
                    if f:
                        items.append(f)
        last_bullet: int | None = None
        for nxt in doc.lines[ln.index + 1:min(len(doc.lines), ln.index + 40)]:
            text = nxt.text
            if not text.strip():
                continue
            filed = _garbled_filed_copy(doc, nxt, items) if anchor is _NOI_NHAN else None
            if filed is not None:
                items.append(filed)
                last_bullet = nxt.index
                continue
            if _CC_BULLET.match(text):
                tail = re.search(r"[.;]\s+(\S.*)$", text)  # "- Lưu: VT, NC. Võ Văn Phi": the right column
                if tail and signer_names is not None and _name_in(tail.group(1)) == (0, len(tail.group(1).rstrip())):
                    signer_names.append(Found(tail.group(1).rstrip(), nxt.offset + tail.start(1),
                                              nxt.offset + tail.start(1) + len(tail.group(1).rstrip())))
                    text = text[:tail.start(1)]
                seal = _SEAL_RESIDUE.search(text)
                if seal and _all_capitals(seal.group(0).replace("*", " ")):
                    text = text[:seal.start()]  # "- Lưu Văn phòng Ban. * BAN TUYÊN GIÁO * LÂM ĐỒNG": the seal's ring
                for s, e in _split_items(text):
                    piece = text[s:e]
                    title_tail = _TITLE_TAIL.search(piece)
                    if title_tail and _all_capitals(title_tail.group(1)) and len(title_tail.group(1).split()) >= 2 and \
                            not _all_capitals(piece[:title_tail.start()]) and \
                            any(w in fold(title_tail.group(1)) + " " for w in TITLE_WORDS):
                        # "- Như trên, PHÓ TRƯỞNG BAN": the signer's title beside the item, after its comma
                        if signer_titles is not None:
                            signer_titles.append(Found(clean_value(title_tail.group(1)), nxt.offset + s + title_tail.start(1),
                                                       nxt.offset + s + title_tail.end(1)))
                        e = s + title_tail.start()
                        piece = text[s:e]
                    if _is_upper_line(piece) and len(piece.split()) >= 2 and any(
                            w in fold(piece) for w in TITLE_WORDS) and items:
                        lead = re.search(r"[^\W\d_]", piece)  # stamp residue ("} CHU TICH") dropped
                        s += lead.start() if lead else 0
                        if signer_titles is not None:
                            signer_titles.append(Found(clean_value(text[s:e]), nxt.offset + s, nxt.offset + e))
                        continue
                    f = _item_found(doc, nxt.offset + s, piece)
                    if f:
                        items.append(f)
                last_bullet = nxt.index
            elif _name_in(text.strip()) == (0, len(text.strip())) and _starts_with_surname(text.strip()):
                break  # the signer's name under the list (no blank line between): no item's continuation
            elif last_bullet is not None and items and not re.search(r"[;.]\s*$", doc.lines[last_bullet].text) \
                    and not _title_beside(doc.lines[last_bullet].text) \
                    and nxt.index == last_bullet + 1 and not _is_upper_line(text):
                prev = items.pop()
                joined = doc.text[prev.start:nxt.offset + len(text.rstrip())]
                items.append(Found(clean_value(_CC_BULLET.sub("", joined)), prev.start,
                                   nxt.offset + len(text.rstrip())))
                last_bullet = nxt.index
            elif _bulletless_item(text, nxt.folded, doc.lines[last_bullet].text if last_bullet is not None else None,
                                  anchor is _KINH_GUI, bool(inline.strip())):
                f = _item_found(doc, nxt.offset, text)  # OCR dropped the "- " (or one recipient, unbulleted)
                if f is None:
                    break
                items.append(f)
                last_bullet = nxt.index
            else:
                break
        return items, ln.index
    return [], None


def _addressees_without_kinh_gui(doc: TextDoc, doc_type: str, body_start: int) -> tuple[list[Found], int | None]:
    """The recipients a công điện or a giấy mời names without "Kính gửi:": the list after the sender's
    capitals and "điện:", or under a giấy mời's "Thành phần:" heading."""
    end = min(len(doc.lines), body_start + 40)
    for ln in doc.lines[:end]:
        if doc_type == "Công điện":
            m = _DIEN.match(ln.folded)
            if m and _all_capitals(ln.text[:m.end("sender")]):
                return parse_recipients(doc, _DIEN, ln.index, ln.index + 1)
        elif _THANH_PHAN.match(ln.folded):
            return parse_recipients(doc, _THANH_PHAN, ln.index, ln.index + 1)
    return [], None


def _bulletless_item(text: str, folded: str, prev_raw: str | None, to_list: bool, had_inline: bool) -> bool:
    """A recipient line without its "- ": short, not a title or a body sentence, and the list still open
    (the first item, or the line before ended with ";")."""
    words = text.split()
    if not words or len(words) > 14 or _is_upper_line(text):
        return False
    if re.match(r"^\s*(can\s*c|thuc\s*hien|theo\b|de\b|ngay\b|trien\s*khai|sau\s*khi)", folded):
        return False
    if prev_raw is None:
        return not had_inline and (bool(re.search(r"[;.]\s*$", text)) or to_list)
    return bool(re.search(r";\s*$", prev_raw)) or _title_beside(prev_raw)


def _title_beside(line: str) -> bool:
    """"- Như Điều 3; THỨ TRƯỞNG": an item closed by its ";", then the signer column's capitals beside it."""
    tail = re.search(r";\s*(\S[^;]*)$", line)
    return tail is not None and _all_capitals(tail.group(1))


# ---------------------------------------------------------------- signer

_AUTHORITY = re.compile(r"^\s*(" + "|".join(AUTHORITY_PREFIXES) + r")\s*[.,]?\s+\S", re.IGNORECASE)


def _title_line(text: str) -> bool:
    t = text.strip()
    if not t or len(t.split()) > 9 or not _is_upper_line(t):
        return False
    f = fold(t)
    return bool(_AUTHORITY.match(f)) or any(w in f + " " for w in TITLE_WORDS)


def normalise_title(text: str, min_score: float = 85) -> str:
    """Authority prefixes as Nghị định 30 prints them ("KT GIÁM ĐỐC" → "KT. GIÁM ĐỐC"), and each title put
    back to the nearest known title when its letters are damaged ("GIẢM BỌC" → "GIÁM ĐỐC")."""
    text = " ".join(t for t in text.split() if re.search(r"[^\W\d_]", t) or t in "-–")  # residue ("}") dropped
    pieces = re.split(r"(?:(?<=^)|(?<=\s))(" + "|".join(AUTHORITY_PREFIXES) + r")\s*[.,]?\s+(?=\S)", text)
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if i % 2 == 1:
            out.append(piece.upper() + ("" if "/" in piece else "."))
        elif piece.strip():
            title = _canonical_title(clean_value(piece), min_score)
            if out and out[-1] == "KT." and fold(title).endswith(" thu truong") \
                    and not fold(title).endswith(" pho thu truong"):
                # "KT. BỘ TRƯỞNG / THỨ TRƯỞNG": who signs for (ký thay) a head is a deputy, never a head
                title = title[: -len("thu truong")] + "THỨ TRƯỞNG"
            out.append(title)
    return clean_value(" ".join(out))


@functools.cache
def _title_keys() -> dict[str, tuple[str, ...]]:
    """Folded title → the titles with that fold (THỨ TRƯỞNG and THỦ TRƯỞNG share one)."""
    keys: dict[str, tuple[str, ...]] = {}
    for t in TITLE_PHRASES:
        keys[fold(t)] = (*keys.get(fold(t), ()), t)
    return keys


def _canonical_title(text: str, min_score: float) -> str:
    """The longest known title at the start of `text` (damaged letters allowed), then the rest as printed."""
    tokens = text.split()
    keys = _title_keys()
    # an exact (mark-insensitive) title first, longest first; else the shortest damaged one
    found = next((n for n in range(min(5, len(tokens)), 0, -1) if fold(" ".join(tokens[:n])) in keys), None)
    key = fold(" ".join(tokens[:found])) if found else None
    if found is None:
        for n in range(1, min(5, len(tokens)) + 1):
            best = process.extractOne(fold(" ".join(tokens[:n])), list(keys), scorer=fuzz.ratio)
            if best and best[1] >= min_score and len(best[0].split()) == n:
                found, key = n, best[0]
                break
    if found is None or key is None:
        return text
    printed = " ".join(tokens[:found])
    choices = keys[key]
    title = printed.upper() if printed.upper() in choices else choices[0] if len(choices) == 1 else printed
    rest = tokens[found:]
    return title + (" " + _canonical_title(" ".join(rest), min_score) if rest else "")


_NAME_WORD = re.compile(r"^[A-ZÀ-ỸĐ][a-zà-ỹđ0-9]*[a-zà-ỹđ][a-zà-ỹđ0-9]*$")  # OCR may turn ô into 6


def _name_in(text: str) -> tuple[int, int] | None:
    """Span of the longest run (2–5) of capitalised words: a person's name amid stamp residue."""
    best: tuple[int, int] | None = None
    run: list[re.Match] = []
    for w in list(re.finditer(r"\S+", text)) + [None]:
        if w is not None and _NAME_WORD.match(unicodedata.normalize("NFC", w.group(0))):
            run.append(w)
            continue
        if 2 <= len(run) <= 5 and (best is None or run[-1].end() - run[0].start() > best[1] - best[0]):
            best = (run[0].start(), run[-1].end())
        run = []
    if best and re.search(r"(?:^|\s)[YH]\s$", text[:best[0]]):
        best = (best[0] - 2, best[1])  # Êđê and M'nông names open with Y (men) or H (women): "Y Wơn Niê"
    return best


def parse_signer(doc: TextDoc, cc_anchor: int | None, titles_seen: list[Found], params: ExtractParams,
                 cc_end: int | None = None) -> tuple[Found | None, Found | None]:
    """The signature block: authority + title lines (joined) and the signer's name below them."""
    if cc_anchor is not None:
        lo = max(0, cc_anchor - params.signer_window_lines)
        # the block never starts above the body's closing "./." (a decision's "CHỦ TỊCH UBND …" preamble)
        closing = [ln.index for ln in doc.lines[lo:cc_anchor] if re.search(r"\./\.?\s*$", ln.text)]
        lo = closing[-1] + 1 if closing else lo
        hi = max(cc_anchor, cc_end or cc_anchor) + params.signer_window_lines
    else:
        ends = [ln.index for ln in doc.lines if re.search(r"\./\.?\s*$", ln.text)]
        pivot = ends[0] if ends else len(doc.lines) - 1
        lo, hi = max(0, pivot - 2), pivot + params.signer_window_lines
    window = doc.lines[lo:min(hi, len(doc.lines))]
    title_parts: list[Found] = list(titles_seen)
    last_title_index: int | None = doc.line_at(titles_seen[-1].start).index if titles_seen else None
    for ln in window:
        if cc_anchor is not None and ln.index == cc_anchor:
            continue
        if re.match(r"^\s*[-–—•+]", ln.text):
            continue
        if _title_line(ln.text):
            if title_parts and last_title_index is not None and ln.index - last_title_index > 3 \
                    and ln.index < (cc_anchor or 0):
                title_parts = []
            lead = len(ln.text) - len(ln.text.lstrip())
            title_parts.append(Found(ln.stripped, ln.offset + lead, ln.offset + len(ln.text.rstrip())))
            last_title_index = ln.index
        elif title_parts and ln.stripped and last_title_index is not None and ln.index > last_title_index:
            break
    if title_parts:
        title_parts.sort(key=lambda f: f.start)
        # A title starts at an authority prefix; lines before the last prefix belong to another block.
        title = Found(normalise_title(" ".join(str(f.value) for f in title_parts), params.fuzzy_anchor_min_score),
                      title_parts[0].start,
                      title_parts[-1].end)
        after = max(doc.line_at(f.start).index for f in title_parts)
    else:
        title, after = None, None
    name: Found | None = None
    if after is not None:
        if cc_end is not None and cc_anchor is not None and cc_anchor <= after <= cc_end:
            name = _right_column_name(doc.lines[after + 1:cc_end + 1])
            after = cc_end  # title beside the cc list (two columns): the name comes after the list, or beside it
        for ln in doc.lines[after + 1:min(len(doc.lines), after + params.signer_window_lines)]:
            if name is not None:
                break
            if re.match(r"^\s*[-–—•+]", ln.text) or _NOI_NHAN.match(ln.folded) or not ln.stripped:
                continue
            if _is_upper_line(ln.stripped):
                continue
            if re.search(r",\s*ng\S{0,3}y\b", ln.folded):
                continue  # a place and date line ("Yên Thế, ngày 14 tháng 9 năm 2020"), of an appended page
            span = _name_in(ln.text)
            if span and len(ln.text.split()) <= 8 and (
                    not re.search(r"[^\W\d_]", ln.text[:span[0]])  # the line starts with it (specks aside)
                    or _listed_surname(ln.text[span[0]:span[1]])):
                name = Found(ln.text[span[0]:span[1]], ln.offset + span[0], ln.offset + span[1])
                break
    if title is None and name is None:
        name = _bare_name(window, cc_anchor)
    return title, name


def _listed_surname(name: str) -> bool:
    words = name.split()
    if words and words[0] in ("Y", "H") and len(words) > 1:
        return True
    return bool(words) and unicodedata.normalize("NFC", words[0].lower()) in _surnames()


def symbol_with_issuer_d(symbol: str, issuer: str | None) -> str:
    """The issuer's code in a symbol is the initials of its name: where a restored or OCRed code has D for a
    word that starts with Đ ("TTr-PGDDT" of "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), the initials' Đ is put back."""
    if not issuer or "D" not in symbol.upper():
        return symbol
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", issuer) if fold(w) not in ("va", "cua"))
    cut = max(symbol.rfind("-"), symbol.rfind("/"))
    code = symbol[cut + 1:]
    at = fold(initials).find(fold(code))
    if len(code) < 3 or at < 0 or code.upper() != fold(code).upper():
        return symbol  # not the issuer's initials, or marks already there
    fixed = "".join("Đ" if c.upper() == "D" and initials[at + i] in "đĐ" else c for i, c in enumerate(code))
    return symbol[:cut + 1] + fixed


def listed_surname_spelling(name: str) -> str:
    """A name whose surname restore or OCR gave wrong marks ("Vô Thành Trung", "Định Xuân Trường") takes the one
    listed surname spelled with those letters (Võ, Đinh); a listed surname, or several candidates, stay."""
    words = name.split()
    if not words or unicodedata.normalize("NFC", words[0].lower()) in _surnames():
        return name
    key = fold(words[0])
    spellings = [s for s in _surnames() if fold(s) == key]
    if len(spellings) != 1:
        return name
    return " ".join([spellings[0][:1].upper() + spellings[0][1:], *words[1:]])


def _right_column_name(lines: list[Line]) -> Found | None:
    """The signer's name printed in the right column beside the cc list ("- Lưu: VT.      Hoàng Văn Thịnh"; OCR
    may close the gap: "- Chủ tịch, các PCT UBND huyện; Hoàng Văn Thịnh", then a listed surname must lead)."""
    for ln in lines:
        m = re.search(r";\s+(\S+(?: \S+){1,4})\s*$", ln.text)
        if m and ln.stripped.startswith(("-", "–", "+", "•")):
            span = _name_in(m.group(1))
            if span == (0, len(m.group(1))) and _listed_surname(m.group(1)):
                return Found(m.group(1), ln.offset + m.start(1), ln.offset + m.end(1))
        cells = list(re.finditer(r"\S+(?: \S+)*", ln.text))
        if len(cells) < 2 or not re.search(r"\s{3,}$", ln.text[:cells[-1].start()]):
            continue
        cell = cells[-1]
        span = _name_in(cell.group(0))
        if span and cell.group(0)[span[0]:span[1]] == cell.group(0).rstrip(".,;") and not _is_upper_line(cell.group(0)):
            return Found(cell.group(0)[span[0]:span[1]], ln.offset + cell.start() + span[0],
                         ln.offset + cell.start() + span[1])
    return None


@functools.cache
def _surnames() -> frozenset[str]:
    from pipeline.restore import load_names  # the name lists restore uses (dictionaries/names.tsv)

    return frozenset(load_names().get("surname", {}))


def _starts_with_surname(text: str, marks_may_differ: bool = False) -> bool:
    """`text` opens with a listed surname; with `marks_may_differ`, one with the same letters ("Trân" for Trần,
    which listed_surname_spelling puts back)."""
    words = text.split()
    if not words:
        return False
    if marks_may_differ:
        return fold(words[0]) in _surname_folds()
    return unicodedata.normalize("NFC", words[0].lower()) in _surnames()


@functools.cache
def _surname_folds() -> frozenset[str]:
    return frozenset(fold(s) for s in _surnames())


def _bare_name(window: list[Line], cc_anchor: int | None) -> Found | None:
    """A signer whose title lines OCR lost: a line of the closing that is nothing but a person's name
    (2–5 capitalised words led by a listed surname); list items and capitals lines are never one."""
    for ln in window:
        text = ln.stripped
        if not text or ln.index == cc_anchor or re.match(r"^[-–—•+]", text) or _is_upper_line(text):
            continue
        span = _name_in(ln.text)
        if span is None or ln.text[span[0]:span[1]] != text.rstrip(".,;"):
            continue
        if _starts_with_surname(text, marks_may_differ=True):
            return Found(ln.text[span[0]:span[1]], ln.offset + span[0], ln.offset + span[1])
    return None


# ---------------------------------------------------------------- references

_REF = re.compile(
    r"(?<![\w/])(?P<ref>\d{1,5}\s*(?:/\s*(?:\d{4}|\d{3} \d|\d{2} \d{2}|\d \d{3})\s*)?/\s*[a-zđ][a-z0-9đ]*"
    r"(?:\s?[-–]\s?[a-z0-9đ]+)*"  # the year may hold a space OCR put in ("15/202 1/NĐ-CP")
    r"|\d{1,5}\s*-\s*[a-z]{1,4}\s*/\s*[a-zđ]{2,6}(?:-[a-zđ]{1,6})?)(?![\w])")


def canonical_ref(text: str) -> str:
    text = re.sub(r"\s+", "", text).replace("–", "-")
    if "/" in text:
        head, _, tail = text.rpartition("/")
        if re.match(r"^\d", head) and "-" in tail:
            return head + "/" + canonical_symbol(tail)
    return text


def parse_references(doc: TextDoc, own: tuple[str | None, str | None], skip: set[int],
                     params: ExtractParams) -> list[Found]:
    """Cited documents ("Quyết định số 733/QĐ-TTg ngày 14/6/2019"), each paired with the date after it."""
    out: dict[str, Found] = {}
    order: list[str] = []
    own_key = fold(f"{own[0] or ''}/{own[1] or ''}".replace(" ", ""))
    matches = list(_REF.finditer(doc.folded))
    for i, m in enumerate(matches):
        ln = doc.line_at(m.start())
        if ln.index in skip or re.match(r"^\W*(ban hanh\s+)?(ke|kem)\s*theo\b", ln.folded):
            continue  # an appendix header "(Kèm theo Quyết định số …)" names the document itself
        raw = doc.text[m.start("ref"):m.end("ref")]
        if not re.search(r"[a-zđ]", fold(raw)) or re.fullmatch(r"[\d\s/.-]+", raw):
            continue
        ref = canonical_ref(raw)
        if "/" not in ref or len(ref) < 4:
            continue
        if own[0] and fold(ref) == own_key:
            continue
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(doc.folded)
        window = doc.folded[m.end():min(nxt, m.end() + params.reference_date_window_chars)]
        date = None
        dm = re.match(r"^[\s,]*(?:(?:cua|do)\b[^;.,]{0,40}?)?\s*ng\S{0,2}y\b", window)
        if dm:
            dates = find_dates(window)
            if dates and dates[0].start <= dm.end() + 3:
                date = dates[0].iso
        if date is None:  # "Ngày 12/4/2023, Sở ban hành Hướng dẫn số 905/…": the date opens the sentence
            back = doc.folded[max(0, m.start() - 120):m.start()]
            bm = re.search(r"(?:^|[.;]\s*|\n\s*)ng\S{0,2}y\s+(?P<d>[\d/.-]{6,10}|\d{1,2}\s+th\S{1,3}ng\s+\d{1,2}"
                           r"\s+n\S{1,2}m\s+\d{4})\s*,[^.;\n]{0,60}?\bban\s+h\S{1,2}nh\s+[^.;\d]{0,40}$", back)
            dates = find_dates(bm.group("d")) if bm else []
            date = dates[0].iso if dates and dates[0].precision == "day" else None
        key = fold(ref)
        if key not in out:
            out[key] = Found(Reference(ref, date), m.start("ref"), m.end("ref"))
            order.append(key)
        elif out[key].value.date is None and date:  # type: ignore[union-attr]
            prev = out[key]
            out[key] = Found(Reference(ref, date), prev.start, prev.end)
    return [out[k] for k in order]


# ---------------------------------------------------------------- deadlines

# Folded phrases that make the date after them a deadline or a scheduled event (OCR damage allowed in the
# vowels): trước, chậm nhất, hạn chót/cuối/nộp, thời hạn, không muộn hơn, xong, trong (tháng …), đến (hết)
# ngày, vào, lúc 8 giờ, thời gian, and "tổ chức / họp / khai mạc / diễn ra … ngày".
_CUE_ALTERNATIVES = (
    r"\btr\S{2,3}c\b", r"\btru\S{1,3}(?:\s+ng\S{0,2}y)?\s*$", r"ch\S{1,2}m\s+nh\S{1,2}t", r"h\S{1,2}n\s+ch\S{1,2}t",
    r"h\S{1,2}n\s+cu\S{1,2}i", r"th\S{1,2}i\s+h\S{1,2}n", r"h\S{1,2}n\s+n\S{1,2}p", r"mu\S{1,2}n\s+h\S{1,2}n",
    r"\bxong\b", r"\btrong\s*$", r"\btrong\s+th\S{1,3}ng", r"d\S{1,2}n\s+h\S{1,2}t", r"d\S{1,2}n\s+ng\S{0,2}y",
    r"\bvao\b", r"\blu\S\s+\d", r"th\S{1,2}i\s+gian",
    r"\b(?:to\s+chuc|hop|khai\s+mac|dien\s+ra|hoan\s+thanh|ket\s+thuc)\s+(?:vao\s+)?(?:lu\S\s+[^,;.]{0,20})?"
    r"ng\S{0,2}y\s*$",
    r"\bdu\s+kien\s+(?:vao\s+)?ng\S{0,2}y\s*$",  # "Tổng kết và trao giải: dự kiến ngày 16/12/2022": a scheduled event
)
_CUE_WORDS = re.compile("(" + "|".join(_CUE_ALTERNATIVES) + ")")
_CUE_BEFORE_DATE = re.compile("(?:" + "|".join(a.removesuffix(r"\s*$") for a in _CUE_ALTERNATIVES) +
                              r")\s*(?:ng\S{0,2}y\s*)?$")  # "… vào ngày " right before a date
CITED_DATE_CHARS = 45  # a date this close after a cited document's code is that document's date
_DEADLINE_CUES = re.compile("(" + "|".join(_CUE_ALTERNATIVES) + ")[^.;]{0,50}$")  # cue at most 50 chars before
_END_OF_PERIOD = re.compile(r"d\S{1,2}n\s+(?:h\S{1,2}t\s+)?ng\S{0,2}y\s*$|d\S{1,2}n\s+h\S{1,2}t\s+(?:ng\S{0,2}y\s+)?")
# A plan's schedule line: "Năm 2025: tổng kết …", "2. Tháng 8/2024: kiểm tra …", "1. Quý II/2024: phát động …".
_MILESTONE = re.compile(r"^\s*(?:[-+•]|\d{1,2}\.|[a-z]\))?\s*(?:n\S{1,2}m\s+(?P<y>\d{4})|th\S{1,3}ng\s+(?P<m>\d{1,2})\s*/\s*"
                        r"(?P<my>\d{4})|quy\s+(?P<q>i{1,3}|iv|[1-4])\s*/\s*(?P<qy>\d{4}))\s*:\s*(?P<action>.+)$")
QUARTER_LAST_MONTH = {"i": 3, "1": 3, "ii": 6, "2": 6, "iii": 9, "3": 9, "iv": 12, "4": 12}


_ITEM_START = re.compile(r"\s*([-+•*–—]|\d+(\.\d+)*\.|[a-z]\)|dieu\s+\d+\.)")


def _last_char(folded: str, i: int) -> str:
    """The last non-space character before index i ("" at the start)."""
    j = i - 1
    while j >= 0 and folded[j].isspace():
        j -= 1
    return folded[j] if j >= 0 else ""


def _sentence_end(folded: str, original: str, i: int) -> bool:
    """Is the "." at i the end of a sentence? Not in "1." or "2.1." (list markers) nor in "13.3.2021"; after a
    longer number ("… năm 2023. Điều 2 …") only when a capital follows."""
    if folded[i + 1:i + 2] not in (" ", "\n", ""):
        return False
    if not folded[i - 1:i].isdigit():
        return True
    number = re.search(r"[\d/.]+$", folded[:i])
    nxt = re.match(r"\s*(\S)", original[i + 1:i + 4])
    return bool(number and len(number.group(0)) >= 3 and nxt and nxt.group(1).isupper())


def _sentence_bounds(folded: str, pos: int, lo: int = 0, original: str | None = None) -> tuple[int, int]:
    """Start and end of the clause around `pos`: bounded by ". ", ";", the start of a list item, or a blank line
    after a finished sentence (OCR puts blank lines inside sentences too)."""
    original = original if original is not None else folded
    start = pos
    while start > lo and pos - start < 600:
        c = folded[start - 1]
        if c == ";" or (c == "." and _sentence_end(folded, original, start - 1)):
            break
        if c == "\n" and (_ITEM_START.match(folded[start:start + 8]) or _last_char(folded, start - 1) in ":"
                          or folded[start - 2:start - 1] == "\n" and _last_char(folded, start - 1) in ".;:!?"):
            break
        start -= 1
    end = pos
    while end < len(folded) and end - pos < 600:
        c = folded[end]
        if c == ";" or (c == "." and _sentence_end(folded, original, end)):
            break
        if c == "\n" and (_ITEM_START.match(folded[end + 1:end + 9]) and not folded[end + 1:end + 2].isspace()
                          or re.match(r"\n\s*\n", folded[end:end + 8]) and _last_char(folded, end) in ".;:!?"):
            break
        end += 1
    return start, end


def _action_text(doc: TextDoc, s: int, e: int) -> str | None:
    text = doc.text[s:e].replace("\n", " ")
    text = re.sub(r"\s*\(\s*\)\s*", " ", text)
    value = clean_value(re.sub(r"^\s*([-+•*]|\d+(\.\d+)*\.|[a-zđ]\)|Điều\s+\d+\.)\s*", "", text))
    return value or None


def _later_or_equal(iso: str, ref: str | None) -> bool:
    if not ref:
        return True
    n = min(len(iso), len(ref))
    return iso[:n] >= ref[:n]


def parse_deadlines(doc: TextDoc, doc_date: str | None, skip: set[int], ref_spans: list[tuple[int, int]],
                    body_start: int, body_end: int) -> list[Found]:
    """Dates this document sets for someone to act by or on, with the obligation as `action`."""
    default_year = int(doc_date[:4]) if doc_date else None
    out: list[Found] = []
    seen: set[tuple[str, str]] = set()
    lo = doc.lines[body_start].offset if body_start < len(doc.lines) else len(doc.text)
    hi = doc.lines[body_end - 1].end if 0 < body_end <= len(doc.lines) else len(doc.text)
    folded = doc.folded
    region = folded[lo:hi]
    for d in find_dates(region, default_year):
        s, e = lo + d.start, lo + d.end
        ln = doc.line_at(s)
        if ln.index in skip:
            continue
        cited = [b for a, b in ref_spans if a <= s <= b + CITED_DATE_CHARS]
        if cited and not _CUE_BEFORE_DATE.search(folded[max(cited):s]):
            continue  # "Kế hoạch số 12-KH/TU ngày 20/6/2016": the cited document's date, unless a cue stands right
            # before it ("Chỉ thị số 05-CT/TW cho cán bộ chủ chốt vào ngày 20/7/2016": a meeting on that day)
        before = folded[max(lo, s - 60):s]
        clause_start, clause_end = _sentence_bounds(folded, s, lo, doc.text)
        before = folded[max(clause_start, s - 60):s]
        if not _DEADLINE_CUES.search(before):
            continue
        if re.match(r"\W*(can\s*c\S{1,2}\b)", folded[clause_start:s]):
            continue  # "Căn cứ …" lines cite the legal bases: their dates are not deadlines
        sentence = folded[max(lo, s - 300):s]
        stops = list(re.finditer(r"[.;!?](?=\s)", sentence))  # blank lines OCR put in end no sentence
        sentence = sentence[stops[-1].end():] if stops else sentence
        if re.search(r"\bdu\s+bao\b", sentence):
            continue  # "đỉnh mặn dự báo … từ ngày 08/3 đến ngày 13/3": a forecast sets nobody a date
        if re.search(r"(?<!thu )\b(tu|bat dau tu)[’'`]?\s+ng\S{0,2}y\s*$", before) or re.search(r"hieu\s+luc", before):
            continue
        if re.search(r"\btinh\s+den\s+(?:het\s+)?ng\S{0,2}y\s*$", before):
            continue  # "(tính đến ngày 26/3/2021)": the date an age or a figure is counted at, nothing due
        if re.search(r"\bky\b[^.;]{0,12}$|\bky\s+ngay\s*$", before):
            continue  # "Thời gian ký: 18.04.2022 09:15" of a digital signature, "ký ngày …"
        if re.search(r"(?<!thu )\btu[’'`]?\s+(ng\S{0,2}y|n\S{1,2}m)\b", before) and not _END_OF_PERIOD.search(before):
            continue
        if re.search(r"(?<!thu )\btu[’'`]?\s+(th\S{1,3}ng\s+)?$", before) and re.match(r"[\s,]*(d\S{1,2}n|toi)\b",
                                                                             folded[e:e + 12]):
            continue  # "từ tháng 5/2025 đến hết tháng 8/2025": the start of a period; its end is the date set
        if not _later_or_equal(d.iso, doc_date):
            continue
        cues = [c for c in _CUE_WORDS.finditer(before) if not re.search(r"[.;]", before[c.end():])]
        cue_start = s - len(before) + cues[-1].start() if cues else s
        action = _action_text(doc, clause_start, cue_start)
        if action:  # "… từ ngày 21/10/2019 đến hết ngày …": the start of the period is not part of the action
            cut = re.search(r"[\s,]*\b(ke\s+)?tu\s+(ng\S{0,2}y\s+)?\d[\d/.-]*\s*$", fold(action))
            action = clean_value(action[:cut.start()]) if cut else action
        if not action or len(action.split()) < 3:
            action = _action_text(doc, e, clause_end) or action
        key = (d.iso, (action or "")[:40])
        if key in seen:
            continue
        seen.add(key)
        out.append(Found(Deadline(d.iso, d.precision, action), s, e))
    # "Năm 2018: sơ kết …; Năm 2021: tổng kết …": a line may hold several, one per ";"-separated piece
    for ln in doc.lines[body_start:body_end]:
        if ln.index in skip:
            continue
        for piece in re.finditer(r"[^;]+", ln.folded):
            m = _MILESTONE.match(piece.group(0))
            if not m:
                continue
            at = piece.start()
            if m.group("y"):
                iso, precision, (start, end) = m.group("y"), "year", m.span("y")
            elif m.group("m") and 1 <= int(m.group("m")) <= 12:
                iso, precision, start, end = f"{m.group('my')}-{int(m.group('m')):02d}", "month", m.start("m"), m.end("my")
            elif m.group("q"):  # a quarter: due by its last month
                iso, precision = f"{m.group('qy')}-{QUARTER_LAST_MONTH[m.group('q')]:02d}", "month"
                start, end = m.start("q"), m.end("qy")
            else:
                continue
            if not _later_or_equal(iso, doc_date[:len(iso)] if doc_date else None):
                continue
            action = clean_value(ln.text[at + m.start("action"):at + m.end("action")])
            if not action[:1].isalpha() or len(re.findall(r"[^\W\d_]{2,}", action)) < 2:
                continue  # "Năm 2026: 50%; năm 2030: 100% hộ dân …": a target's figures, nothing scheduled
            out.append(Found(Deadline(iso, precision, action), ln.offset + at + start, ln.offset + at + end))
    return sorted(out, key=lambda f: f.start)


# ---------------------------------------------------------------- criteria

_ROMAN = re.compile(r"^\s*(?P<m>[IVXLlH1]{1,5})\s*[.:]\s+(?=\S)")
_ROMAN_NO_STOP = re.compile(r"^\s*(?P<m>[IVX]{1,4})\s+(?=\S)")  # "II TIÊU CHUẨN …": OCR lost the stop
ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def _repair_roman(read: str, previous: str | None) -> str:
    """OCR reads "II." as "IL." or "III." as "II.": a numeral one edit from the next in sequence is the next."""
    read = read.replace("L", "I").replace("l", "I").replace("1", "I").replace("H", "I")
    expected = ROMAN_NUMERALS[ROMAN_NUMERALS.index(previous) + 1] if previous in ROMAN_NUMERALS[:-1] else "I"
    if read in ROMAN_NUMERALS and (previous is None or ROMAN_NUMERALS.index(read) > ROMAN_NUMERALS.index(previous)):
        return read
    return expected if Levenshtein.distance(read, expected) <= 1 else read
_ARTICLE = re.compile(r"^\s*dieu\s+(?P<m>\d{1,3})\s*[.:]\s+(?=\S)")  # "Điều 1. …" of a decision or resolution
# "Chương II" (its title on the same line or the next) above the articles of a regulation (quy chế, quy định)
_CHAPTER = re.compile(r"^\s*chuong\s+(?P<m>[ivxl]{1,5}|\d{1,2})\b\s*[.:\-–]?\s*")
_ARABIC = re.compile(r"^\s*(?P<m>\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]?\s+(?=\S)(?!\d)")
_LETTER = re.compile(r"^\s*(?P<m>[a-zđ])\s*[).]\s+(?=\S)")
_BULLET = re.compile(r"^\s*(?:[-–—•]\s*)?(?P<m>[-–—•+*])\s*(?=\S)")
_NOTE = re.compile(r"^\s*\*?\s*l\S{1,2}u\s+y\s*[:.]\s*")
_URL_ONLY = re.compile(r"^\s*(https?://|www\.)\S*\s*$|^\s*[-–—]?\s*\d{1,3}\s*[-–—]?\s*$")  # links, page numbers


@dataclass(slots=True)
class _Node:
    kind: str  # chapter | article | roman | arabic | letter | bullet | sub | para | note
    marker: str
    level: int
    start: int  # document offsets of the text (after the marker)
    end: int
    texts: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None
    ends_sentence: bool = False

    @property
    def text(self) -> str:
        return clean_value(" ".join(self.texts))


def _outline(doc: TextDoc, body_start: int, body_end: int) -> _Node:
    """The body as a tree of numbered headings (Chương / Điều / I. / 1. / 1.1. / a)), bullets, sub-bullets and
    paragraphs."""
    root = _Node("root", "", -2, 0, 0)
    stack = [root]
    last: _Node | None = None
    last_roman: str | None = None
    last_letter: str | None = None  # the last lettered item under the current heading
    last_arabic: str | None = None  # the last top-level number under the current Roman heading
    blank_before = False
    for ln in doc.lines[body_start:body_end]:
        text = ln.text
        if not text.strip() or _URL_ONLY.match(text):
            blank_before = blank_before or not text.strip()
            continue
        kind, marker, level, m = None, "", 0, None
        if last is not None and last.kind == "chapter" and not last.texts[-1] and _is_upper_line(text) and \
                not _ARTICLE.match(ln.folded) and not _ROMAN.match(text) and not _ARABIC.match(ln.folded):
            last.texts[-1] = text.strip()  # "Chương II" / "TIÊU CHUẨN DANH HIỆU THI ĐUA": the chapter's title
            last.end = ln.end
            continue
        if (m := _CHAPTER.match(ln.folded)) and (not text[m.end():].strip() or _is_upper_line(text[m.end():])):
            kind, marker, level = "chapter", "Chương " + m.group("m").upper(), -1
        elif m := _ARTICLE.match(ln.folded):
            kind, marker, level = "article", "Điều " + m.group("m"), 0
        elif (m := _ROMAN.match(text)) and _is_upper_line(text[m.end():m.end() + 30]) or (
                (m := _ROMAN_NO_STOP.match(text)) and _is_upper_line(text[m.end():])
                and len(text[m.end():].split()) >= 2):
            kind, marker, level = "roman", _repair_roman(m.group("m"), last_roman), 0
            last_roman = marker
        elif (m := _ARABIC.match(ln.folded)) and not re.match(r"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}", ln.folded):
            marker = m.group("m")
            kind, level = "arabic", 1 + marker.count(".")
        elif m := _LETTER.match(ln.folded):
            kind, marker, level = "letter", text[m.start("m")].lower(), 6  # "đ)" as printed (folded: d)
            words = text[m.end():].split()
            if marker != _next_letter(last_letter) and last_arabic is not None and words and \
                    len(words[0]) >= 2 and words[0].isupper() and "." not in last_arabic:
                # "ủ. SỐ lượng khen thưởng" after "d)": a damaged numeral of the next heading, not an item
                kind, marker, level = "arabic", str(int(last_arabic) + 1), 1
        elif m := _NOTE.match(ln.folded):
            kind, marker, level = "note", "Lưu ý", 7
        elif (m := _BULLET.match(text)) and not (last and last.kind in ("bullet", "sub", "para")
                                                  and not last.ends_sentence and m.group("m") == "*"):
            kind = "sub" if m.group("m") == "+" or re.match(r"^\s*-\s*\+", text) else "bullet"
            level = 9 if kind == "sub" else 8
        if kind is None:
            # a plain line: continuation of the last node, or a new paragraph after a finished sentence
            starts_upper = text.strip()[:1].isupper()
            after_heading = last is not None and last.kind in ("chapter", "article", "roman", "arabic", "letter", "note")
            new_paragraph = last is not None and (
                (not after_heading and blank_before and last.ends_sentence and starts_upper)
                or (after_heading and starts_upper and (
                    last.ends_sentence or last.texts[-1].rstrip().endswith(":") or blank_before
                    or _is_upper_line(" ".join(last.texts)) or len(" ".join(last.texts).split()) <= 10)))
            if last is not None and not new_paragraph:
                last.texts.append(text.strip())
                last.end = ln.end
                last.ends_sentence = bool(re.search(r"[.;:!?]\W*$", text.strip()))
                blank_before = False
                continue
            parent = stack[-1]
            while parent.kind in ("bullet", "sub", "para") and parent.parent is not None:
                parent = parent.parent
            if parent.kind == "note" and last is not None and last.kind in ("bullet", "sub", "para") \
                    and last.parent is parent:
                # a plain paragraph after a note's bullets ends the note
                parent = parent.parent or root
            node = _Node("para", "", 8, ln.offset + len(text) - len(text.lstrip()), ln.end, [text.strip()])
            node.parent = parent
            parent.children.append(node)
            while len(stack) > 1 and stack[-1] is not parent:
                stack.pop()
            stack.append(node)  # "+" sub-items after a lead-in paragraph fold into it
            node.ends_sentence = bool(re.search(r"[.;:!?]\W*$", text.strip()))
            last = node
            blank_before = False
            continue
        assert m is not None
        if kind == "letter":
            last_letter = marker
        elif kind in ("arabic", "roman", "article", "chapter"):
            last_letter = None
            if kind == "arabic" and level == 1:
                last_arabic = marker
            elif kind != "arabic":
                last_arabic = None
        body = text[m.end():]
        node = _Node(kind, marker, level, ln.offset + m.end(), ln.end, [body.strip()])
        node.ends_sentence = bool(re.search(r"[.;!?]\W*$", body.strip()))
        while len(stack) > 1 and stack[-1].level >= level and not (kind == "sub" and stack[-1].kind == "bullet"
                                                                      and False):
            stack.pop()
        if kind in ("bullet", "para"):
            while stack[-1].kind in ("bullet", "sub", "para") and len(stack) > 1:
                stack.pop()
        if kind == "note":  # "Lưu ý:" after a list's last item a), b) …: a note on the heading above the list
            while stack[-1].kind in ("letter", "bullet", "sub", "para") and len(stack) > 1:
                stack.pop()
        parent = stack[-1]
        node.parent = parent
        parent.children.append(node)
        stack.append(node)
        last = node
        blank_before = False
    return root


VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _next_letter(previous: str | None) -> str:
    """The list letter after `previous` (a) b) … d) đ) e) …), "a" to open a list."""
    if previous is None or previous not in VIETNAMESE_LETTERS[:-1]:
        return "a"
    return VIETNAMESE_LETTERS[VIETNAMESE_LETTERS.index(previous) + 1]


def _path(node: _Node) -> list[_Node]:
    out = []
    while node is not None and node.kind != "root":
        out.insert(0, node)
        node = node.parent  # type: ignore[assignment]
    return out


def _section_of(node: _Node) -> str:
    roman = ""
    arabic = ""
    letter = ""
    for n in _path(node):
        if n.kind in ("roman", "article"):
            roman, arabic, letter = n.marker, "", ""
        elif n.kind == "arabic":
            arabic, letter = n.marker, ""
        elif n.kind == "letter":
            letter = n.marker
    return ".".join(p for p in (roman, arabic, letter) if p)


_HEADING_KINDS = ("chapter", "article", "roman", "arabic", "letter")
ARTICLE_TITLE_WORDS = 10  # "Điều 4. Tiêu chuẩn danh hiệu …" (a title, no stop) rather than the article's content
LONG_ITEM_WORDS = 12  # a numbered line longer than this that ends its sentence is an item, never a heading


def parse_criteria(doc: TextDoc, body_start: int, body_end: int, params: ExtractParams,
                   award_context: bool) -> list[Found]:
    """Items under award headings (tiêu chuẩn / điều kiện / số lượng khen thưởng …) with section paths.

    A criteria heading opens a scope; inside it, sub-headings ("3.1. Tặng Bằng khen", "a) Tập thể") deepen the
    section path, except that when some sub-headings are criteria headings themselves, the others ("Hồ sơ đề
    nghị khen thưởng") are left out. A "Lưu ý:" note takes the path of the outermost numbered criteria heading
    around it ("III.4 Lưu ý"), or just "Lưu ý" outside any."""
    root = _outline(doc, body_start, body_end)
    primary = tuple(fold(k) for k in params.criteria_heading_keywords)
    award_only = tuple(fold(k) for k in params.criteria_award_heading_keywords)
    min_score = params.fuzzy_anchor_min_score
    out: list[Found] = []

    def title(node: _Node) -> str:
        # a lead-in to a list is read whole ("1. Danh hiệu …: Xét tặng … đạt các tiêu / chuẩn sau:", "Điều 1.
        # Tặng Bằng khen … đã đạt các tiêu chuẩn khen thưởng sau đây:"); else its first line
        if node.texts[-1].rstrip().endswith(":") and len(node.texts) > 1:
            return fold(" ".join(node.texts))[:400]
        if node.kind != "article" and _inline_content(node) is not None:
            return fold(node.text.split(":", 1)[0])  # "2. Cờ thi đua của UBND tỉnh: xét tặng …": its label
        if node.kind == "article":  # "Điều 2. Đối tượng thi đua, khen thưởng": a regulation's article title
            first = node.texts[0].rstrip()
            return fold(first) if len(node.texts) == 1 and len(first.split()) <= ARTICLE_TITLE_WORDS and \
                not first.endswith((".", ";", ":")) else ""
        return fold(" ".join(node.texts[:1]))[:160]

    def award_heading(node: _Node) -> bool:
        return _has_keyword(title(node), ("khen thuong", "thi dua", "xet tang", "danh hieu"), min_score)

    def primary_heading(node: _Node) -> bool:
        # "2. Tiêu chuẩn" under "III. TUYÊN DƯƠNG, KHEN THƯỞNG": about awards when it or a heading above says so
        # (an article's title says so itself: "Điều 5. Điều kiện bảo đảm thực hiện" of a thi đua regulation is not)
        return node.kind in _HEADING_KINDS and _has_keyword(title(node), primary, min_score) and (
            award_context and node.kind != "article" or award_heading(node)
            or any(award_heading(a) for a in _path(node)[:-1]))

    def is_heading(node: _Node) -> bool:
        if node.kind not in _HEADING_KINDS or re.search(r"\b(ap dung|pham vi)\b", title(node)):
            return False  # "Phạm vi, đối tượng áp dụng" says whom the document concerns, not award criteria
        text = node.text
        if len(text.split()) > LONG_ITEM_WORDS and re.search(r"[.;]$", node.texts[-1].rstrip()) and \
                not re.match(r"^[^:]{1,60}:", text):
            return False  # "c) Có trên 50% … không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên;": an item
        if primary_heading(node):
            return True
        if not _has_keyword(title(node), award_only, min_score):
            return False
        # "Đối tượng" / "Hình thức": about awards when it says so, or sits under or beside award headings
        ancestors = _path(node)[:-1]
        siblings = node.parent.children if node.parent else []
        i = siblings.index(node) if node in siblings else -1
        neighbours = [siblings[j] for j in (i - 1, i + 1) if 0 <= j < len(siblings) and i >= 0]
        # beside a criteria heading only when it names nothing else ("Đối tượng", not "Hình thức và thời
        # gian sơ kết": the form of a review meeting)
        rest = re.sub(r"^[\W\d_]*(?:[ivxlc]+|[a-zđ]|\d+(?:\.\d+)*)[.)]\s*", "", title(node))
        for keyword in award_only:
            rest = rest.replace(keyword, " ")
        bare = not re.sub(r"\b(va|cac|,)\b|[\W_]", " ", rest).split()
        return award_heading(node) or any(award_heading(a) for a in ancestors) or (bare and any(
            primary_heading(n) for n in neighbours))

    def emit(node: _Node, section: str) -> None:
        text = node.text
        subs = [_flatten(c).rstrip(";.") for c in node.children if c.kind in ("sub", "para")]
        if subs:  # "+" sub-items folded into their item: "<item> <sub 1>; <sub 2>"
            head_text = clean_value(" ".join(node.texts).rstrip(" ;.")) + (":" if node.texts[-1].rstrip().endswith(":") else "")
            text = head_text + " " + "; ".join(x for x in subs if x)
        if text and len(text.split()) >= 3:
            out.append(Found(Criterion(section, text), node.start, max(node.end, _last_end(node))))

    def note(child: _Node, scopes: tuple[_Node, ...], under_items: bool = True) -> None:
        if not scopes and not award_context:
            return
        # the outermost numbered (1., 2.) criteria heading around the note, else the outermost one
        # a note after lettered items, or after numbered sub-items (3.1., 3.2.), takes their heading's path
        # (II.2 Lưu ý, II.3 Lưu ý); after "+" lines only, the heading above theirs (III Lưu ý)
        ancestry = _path(child)[:-1]
        lettered = child.parent is not None and (any(c.kind == "letter" for c in child.parent.children) or
                                                 child.parent.kind == "arabic" and "." in child.parent.marker)
        inside = ancestry[ancestry.index(scopes[0]):] if under_items and lettered and scopes and \
            scopes[0] in ancestry else list(scopes)
        outer = next((n for n in inside if n.kind == "arabic"), scopes[0] if scopes else None)
        section = (_section_of(outer) + " Lưu ý") if outer is not None else "Lưu ý"
        inline = child.text
        if inline and len(inline.split()) >= 3 and (scopes or _mentions_award(inline)):
            out.append(Found(Criterion(section, inline), child.start, child.end))
        for item in child.children:
            if item.kind in ("bullet", "para") and _mentions_award(_flatten(item)):
                emit(item, section)

    def walk(node: _Node, scopes: tuple[_Node, ...]) -> None:
        scope = scopes[-1] if scopes else None
        criteria_children = [c for c in node.children if is_heading(c)]
        for child in node.children:
            if child.kind == "note":
                note(child, scopes)
                continue
            if child.kind in _HEADING_KINDS:
                # a note under an item ("3.2. Tặng cho tập thể …" / "Lưu ý: …") leaves it an item
                has_items = any(c.kind in ("bullet", "para", "sub", *_HEADING_KINDS) for c in child.children)
                if child in criteria_children:
                    kinds = {c.kind for c in child.children}
                    if "sub" in kinds and kinds <= {"sub", "para", "note"}:
                        # "1. Tiêu chuẩn đối với tập thể:" with only "+" lines: one item, its subs folded in; a
                        # note after the last item belongs to the heading above the items
                        emit(child, _section_of(child))
                        for c in child.children:
                            if c.kind == "note":
                                note(c, scopes, under_items=False)
                        continue
                    inline = _inline_content(child)
                    if inline is not None and not has_items:
                        out.append(Found(Criterion(_section_of(child), inline), child.start, child.end))
                    walk(child, (*scopes, child))
                elif scope is not None and not criteria_children:
                    kinds = {c.kind for c in child.children}
                    if not has_items or "sub" in kinds and kinds <= {"sub", "para", "note"}:
                        emit(child, _section_of(child))  # an item and its "+" sub-items, folded
                        for c in child.children:
                            if c.kind == "note":  # after "+" lines: the heading above; after an item: its own
                                note(c, scopes, under_items="sub" not in kinds)
                    else:
                        inline = _inline_content(child)
                        if inline is not None:
                            out.append(Found(Criterion(_section_of(child), inline), child.start, child.end))
                        walk(child, scopes)
                elif scope is None:
                    walk(child, ())
                continue
            if scope is not None and child.kind in ("bullet", "para"):
                emit(child, _section_of(node))

    walk(root, ())
    return out


# "(Ban hành kèm theo Quyết định số …", "(Kèm theo Kế hoạch số …": an attached regulation or appendix begins
_ATTACHED = re.compile(r"^\s*\(?\s*(?:ban hanh\s+)?kem theo\s+\S")


def _appendix_start(doc: TextDoc, after: int) -> int | None:
    """The first line of a regulation or appendix attached after the signature (its criteria count too)."""
    for ln in doc.lines[after:]:
        if _ATTACHED.match(ln.folded):
            return ln.index + 1
    return None


def _has_keyword(folded: str, keywords: tuple[str, ...], min_score: float) -> bool:
    """A keyword in a folded heading, exactly or OCR-damaged ("tieu chudn"); a damaged one must start a word
    with the keyword's letter ("chat luong" is no "so luong")."""
    for k in keywords:
        if k in folded:
            return True
        hit = fuzz.partial_ratio_alignment(k, folded)
        if hit is not None and hit.score >= min_score + 5 and folded[hit.dest_start:hit.dest_start + 1] == k[0] and \
                (hit.dest_start == 0 or not folded[hit.dest_start - 1].isalnum()):
            return True
    return False


def _inline_content(node: _Node) -> str | None:
    """Content after a label's colon ("a) Tập thể: Không quá 02 tập thể") — the item itself."""
    text = node.text
    m = re.match(r"^([^:]{1,60}):\s*(.+)$", text)
    if m and len(m.group(2).split()) >= 3 and not text.endswith(":"):
        return text
    return None


def _flatten(node: _Node) -> str:
    return clean_value(" ".join([node.text] + [_flatten(c) for c in node.children]))


def _last_end(node: _Node) -> int:
    return max([node.end] + [_last_end(c) for c in node.children])


def _mentions_award(text: str) -> bool:
    f = fold(text)
    return any(k in f for k in ("khen thuong", "thi dua", "xet tang", "de nghi tang", "danh hieu", "khen"))


# ---------------------------------------------------------------- the whole document

def extract_fields(text: str, params: ExtractParams) -> DocumentFields:
    """All fields of one document's text (restored where restoration exists, raw otherwise)."""
    doc = TextDoc(text)
    if not doc.text.strip():
        return DocumentFields()
    head = parse_header(doc, params)
    issuer, parent, province, central = issuer_fields(head, params)
    place = head.place
    if province is None and not central and place is not None:
        province = match_province(str(place.value), params.province_min_score)
    elif province is not None and place is not None and str(place.value) != province and \
            _damaged_name_of(str(place.value), province, params.own_province_min_score):
        place = Found(province, place.start, place.end)  # the place line names the issuer's own province
    if place is not None and str(place.value) != province:
        named = _header_unit_name(str(place.value), [f for f in (issuer, parent) if f], params.own_province_min_score)
        if named is not None:
            place = Found(named, place.start, place.end)
    province_src: Found | None = None
    if province is None and not central and issuer is not None:
        # a district's or commune's body: its district's province, else the province its body names
        province = _district_province(fold(" ".join(str(f.value) for f in (parent, issuer) if f)))
        if province is None:
            province_src = _province_named_in_body(doc, head.end_index, params)
            province = str(province_src.value) if province_src else None
    doc_type = str(head.doc_type.value) if head.doc_type else None
    if doc_type is None and head.symbol:
        doc_type = type_from_symbol(str(head.symbol.value))
    if doc_type is None and head.subject and re.match(r"^[\W_]*v\s*/\s*[vw]\b", fold(str(head.subject.value))):
        doc_type = "Công văn"
    if doc_type is None and head.symbol and head.number is not None and type_from_symbol(str(head.symbol.value)) \
            is None and head.subject is not None:
        doc_type = "Công văn"

    body_start = head.end_index
    to_items, to_anchor = parse_recipients(doc, _KINH_GUI, 0, min(len(doc.lines), body_start + 30))
    if not to_items and doc_type in ("Công điện", "Giấy mời"):
        to_items, to_anchor = _addressees_without_kinh_gui(doc, doc_type, body_start)
    titles_seen: list[Found] = []
    names_seen: list[Found] = []
    cc_items, cc_anchor = parse_recipients(doc, _NOI_NHAN, body_start, len(doc.lines), titles_seen, names_seen)
    cc_end = doc.line_at(cc_items[-1].end).index if cc_items else None
    title, name = parse_signer(doc, cc_anchor, titles_seen, params, cc_end)
    if name is None and title is not None and names_seen:
        name = names_seen[-1]
    if name is None and title is not None:
        # OCR read the signer column out of order: "(Đã ký)" and the name above the title line
        at = doc.line_at(title.start).index
        name = _bare_name([ln for ln in doc.lines[max(0, at - SIGNER_ABOVE_LINES):at]], cc_anchor)
    if name is not None:
        name = Found(listed_surname_spelling(str(name.value)), name.start, name.end)
    if to_anchor is not None and to_items:
        body_start = max(body_start, doc.line_at(to_items[-1].end).index + 1)
    body_end = cc_anchor if cc_anchor is not None else len(doc.lines)
    header_lines = {ln.index for ln in doc.lines[:head.end_index]} | head.stamp_lines
    header_lines |= {doc.line_at(f.start).index for f in (head.date, head.symbol) if f is not None}
    own = (str(head.number.value) if head.number else None, str(head.symbol.value) if head.symbol else None)
    refs = parse_references(doc, own, header_lines, params)
    ref_spans = [(f.start, f.end) for f in refs]
    # every occurrence of a cited code, so that the dates after them are never taken for deadlines
    for m in _REF.finditer(doc.folded):
        ref_spans.append((m.start(), m.end()))
    date = str(head.date.value) if head.date else None
    deadlines = parse_deadlines(doc, date, header_lines, ref_spans, head.end_index, len(doc.lines))
    subject_text = fold(str(head.subject.value)) if head.subject else ""
    award_context = "khen thuong" in subject_text or "thi dua" in subject_text
    criteria = parse_criteria(doc, body_start, body_end, params, award_context)
    appendix = _appendix_start(doc, body_end)
    if appendix is not None:
        criteria += parse_criteria(doc, appendix, len(doc.lines), params, award_context)

    evidence: list[Evidence] = []

    def scalar(name: str, found: Found | None, value: str | None = None) -> str | None:
        if found is None:
            return None
        v = value if value is not None else str(found.value)
        evidence.append(doc.evidence(name, None, v, found.start, found.end))
        return v

    def items(name: str, founds: list[Found], render) -> tuple:
        values = []
        for i, f in enumerate(founds):
            values.append(f.value)
            evidence.append(doc.evidence(name, i, render(f.value), f.start, f.end))
        return tuple(values)

    province_found = None
    if province:
        src = province_src or parent or issuer or place
        province_found = Found(province, src.start, src.end) if src else None
    out = DocumentFields(
        doc_type=scalar("doc_type", head.doc_type or head.symbol or head.subject, doc_type) if doc_type else None,
        number=scalar("number", head.number),
        symbol=scalar("symbol", head.symbol, symbol_with_issuer_d(str(head.symbol.value), issuer and str(issuer.value))
                       if head.symbol else None),
        issuer=scalar("issuer", issuer),
        issuer_parent=scalar("issuer_parent", parent),
        province=scalar("province", province_found),
        place=scalar("place", place),
        date=scalar("date", head.date),
        subject=scalar("subject", head.subject, with_own_unit_names(
            str(head.subject.value), own_unit_names([f for f in (parent, issuer) if f]), params.own_province_min_score)
            if head.subject else None),
        recipients_to=items("recipients_to", to_items, str),
        recipients_cc=items("recipients_cc", cc_items, str),
        signer=scalar("signer", name),
        signer_title=scalar("signer_title", title),
        deadlines=items("deadlines", deadlines, lambda d: f"{d.date} {d.action or ''}".strip()),
        references=items("references", refs, lambda r: r.ref),
        criteria=items("criteria", criteria, lambda c: f"{c.section}: {c.text}"),
        evidence=(),
    )
    return _with_evidence(out, evidence)


def _with_evidence(fields_: DocumentFields, evidence: list[Evidence]) -> DocumentFields:
    import dataclasses

    return dataclasses.replace(fields_, evidence=tuple(evidence))
