"""Margin noise: specks, stamp residue and ruling marks that Tesseract prints as short tokens at a line's edges
("… trụ sở UBND tỉnh. : 4", "a : V/v phòng, chống …", "oo & : : :"). They carry no text, and left alone the
restorer reads them as syllables ("q" → "ở", "oe" → "mẹ"), so they are cut before restoring.

Cut only where nothing real can be lost: a run of noise tokens at the very start or end of a line that a
separator (a lone punctuation token, or a clause-final mark on the last real word) sets apart from the text.
A noise token is a lone digit, a lone Latin letter other than vowels that are Vietnamese words on their own,
or up to four Latin letters that are no Vietnamese syllable's skeleton, no known acronym and either two bare
vowels ("ae", "oo") or letters the channel model cannot read as any syllable (`unreadable`); list markers
(`a)`, `1.`, `b/`) and all-capital codes (`VT`, `BO`) never are. A comma does not end the text before a
trailing run: a line ending "…, ciia" runs on. With no separator, only a lone bare `a`, `e`, `i` or a letter
Vietnamese does not write is cut from a line's end, and never after a noun that takes one ("tại điểm a").
Stray marks that are neither text nor a bullet (`=`, `~`, `|`) are cut from either edge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass

from pipeline.vietnamese import TONE_MARKS, VOWELS, nfc

NOISE_PUNCT = frozenset(":;'\"‘’“”`_=|.,~*+^-–—·•/\\<>«»!?()[]{}")
BULLETS = frozenset({"-", "+", "•", "*", "–"})
CLAUSE_END = tuple(".;:!?)")
BARE_VOWELS = frozenset("aeiouy")
LIST_MARKER_RE = re.compile(r"^(?:[a-zđ]|\d{1,2}|[IVX]{1,4})[.)/]$", re.IGNORECASE)
SINGLE_WORD_LETTERS = frozenset("oyu")  # ô/ơ/ở, ý, ủ… stand alone in Vietnamese; never cut them
MAX_NOISE_LETTERS = 4
STRAY_MARKS = frozenset("=~^\\|")  # no text and no bullet: ruling, specks
# A lone letter that ends a line with no separator before it is a speck too when it can hardly be a syllable
# there: a bare vowel that is no common word on its own, or a letter Vietnamese does not write.
TRAILING_SPECK_LETTERS = frozenset("aeiqfjwz")
ITEM_LETTERS = frozenset("aei")  # … of which these also letter items (điểm a, điểm e)
# … unless the word before it takes a letter or a number after it ("tại điểm a", "khoản 2"): skeletons of
# the nouns that number the parts of a text or of a date.
NUMBERED_NOUNS = frozenset({"diem", "khoan", "dieu", "muc", "tiet", "phan", "chuong", "phu", "luc", "so",
                            "ngay", "thang", "nam", "quy", "mau", "bieu", "loai", "hang", "nhom", "khu", "to",
                            "khoa", "ky", "lan", "dot", "doan", "hoi", "lop", "tang", "cap", "bac", "vong"})


@dataclass(frozen=True, slots=True)
class MarginCut:
    """The part of a line to keep: `line[start:end]`; everything outside is margin noise."""

    start: int
    end: int


def _is_punct(token: str) -> bool:
    return all(c in NOISE_PUNCT for c in token)


def _is_letter_noise(token: str, skeletons: Container[str], acronyms: Container[str],
                     unreadable: Callable[[str], bool]) -> bool:
    if LIST_MARKER_RE.match(token):
        return False
    core = token.strip("".join(NOISE_PUNCT))
    if not core or not core.isascii() or not core.isalpha() or len(core) > MAX_NOISE_LETTERS:
        return False
    if len(core) == 1:
        return core.islower() and core not in SINGLE_WORD_LETTERS  # a capital may be an initial or a section
    if core.isupper() or core.upper() in acronyms or core.lower() in skeletons:
        return False
    return len(core) == 2 and set(core.lower()) <= BARE_VOWELS or unreadable(core)


def _is_stray(token: str) -> bool:
    return all(c in STRAY_MARKS for c in token)


def _is_digit_noise(token: str) -> bool:
    core = token.strip("".join(NOISE_PUNCT))
    return len(core) == 1 and core.isdigit() and not LIST_MARKER_RE.match(token)


def margin_cut(line: str, skeletons: Container[str], acronyms: Container[str],
               unreadable: Callable[[str], bool], key: Callable[[str], str] = str.lower) -> MarginCut:
    """Where the line's real text starts and ends (the whole line when there is no margin noise). A cut never
    takes a form feed: OCR text joins pages with one, mid-line when a page's text ends without a newline."""
    cut = _margin_cut(line, skeletons, acronyms, unreadable, key)
    start = 0 if "\f" in line[: cut.start] else cut.start
    end = len(line) if "\f" in line[max(cut.end, start) :] else cut.end
    return MarginCut(start, max(start, end))


def _margin_cut(line: str, skeletons: Container[str], acronyms: Container[str],
                unreadable: Callable[[str], bool], key: Callable[[str], str]) -> MarginCut:
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", line)]
    if not tokens:
        return MarginCut(0, len(line))

    def letter(tok: str) -> bool:
        return _is_letter_noise(tok, skeletons, acronyms, unreadable)

    # A line of nothing but noise (two tokens or more, at least one of them letters): cut all of it.
    if len(tokens) >= 2 and all(_is_punct(t) or letter(t) or _is_digit_noise(t) for *_, t in tokens) \
            and any(letter(t) for *_, t in tokens):
        return MarginCut(0, 0)
    start, end = 0, len(line)
    # Leading run: noise letters and punctuation, followed by a capital, a number or a bullet.
    j = 0
    while j < len(tokens) and (_is_punct(tokens[j][2]) or letter(tokens[j][2]) and tokens[j][2][:1].islower()):
        j += 1
    if 0 < j < len(tokens) and any(letter(t) or _is_stray(t) for *_, t in tokens[:j]):
        nxt = tokens[j][2]
        separated = _is_punct(tokens[j - 1][2]) or nxt[:1].isupper() or nxt[:1].isdigit()
        if separated:
            keep = j
            if tokens[j - 1][2] in BULLETS:
                keep = j - 1  # "a - Các đơn vị": the bullet is the item's own
            start = tokens[keep][0]
    # Trailing run: noise after a separator.
    i = len(tokens) - 1
    while i >= 0 and (_is_punct(tokens[i][2]) or letter(tokens[i][2]) or _is_digit_noise(tokens[i][2])):
        i -= 1
    run = tokens[i + 1 :]
    if 0 <= i and tokens[i][0] >= start and run and all(_is_punct(t) for *_, t in run):
        if any(_is_stray(t) for *_, t in run):
            end = tokens[i][1]  # "… nhà nước; =": a stray mark after the text
    elif 0 <= i and tokens[i][0] >= start and any(letter(t) or _is_digit_noise(t) for *_, t in run):
        last_real = tokens[i][2]
        first_noise = next(k for k, (*_, t) in enumerate(run) if not _is_punct(t))
        punct_before = first_noise > 0
        # "Số: 4", "Số lượng: 5", and a unit after a label in capitals ("ĐVT: m"): a value, not noise
        value = last_real.endswith(":") and (_is_digit_noise(run[first_noise][2])
                                             or len(run) == 1 and len(last_real) > 2 and last_real[:-1].isupper())
        if punct_before or last_real.endswith(CLAUSE_END) and not value:
            end = tokens[i][1]
        elif len(run) == 1 and _is_trailing_speck(run[0][2], last_real, key):
            end = tokens[i][1]  # "… phá dỡ tàu biển a": no syllable stands there on its own
    return MarginCut(start, end)


def _is_trailing_speck(token: str, last_real: str, key: Callable[[str], str]) -> bool:
    return token in TRAILING_SPECK_LETTERS and last_real[-1:].isalpha() and \
        (token not in ITEM_LETTERS or key(last_real) not in NUMBERED_NOUNS)


# Web addresses, e-mails and file names (bao-cao.docx): no joined words, and restore keeps them as they are.
WEB_RE = re.compile(r"https?:|www\.|\w@\w+\.\w|\.(vn|com|net|org|gov|edu|info|pdf|docx?|xlsx?|pptx?|odt|rtf|txt|zip|rar"
                    r"|jpe?g|png)\b", re.IGNORECASE)
FOREIGN_LETTERS = frozenset("fjzFJZ")  # not w: the English model prints ư as w
JOINED_RE = re.compile(r"(?<=[^\W\d_]{2})[-.](?=[^\W\d_A-Z]{2})")


def joined_word_breaks(line: str, acronyms: Container[str]) -> list[int]:
    """Positions of `-` or `.` that Tesseract printed for a space between two words ("Cac-phong",
    "hoach.va"): between letters, the right word lower-case, in a token with no digits that is no code.
    Capitalised right parts stay (Bà Rịa-Vũng Tàu, KH-UBND). Also the apostrophes of horn_joins."""
    if not JOINED_RE.search(line):
        return horn_joins(line)
    breaks = []
    for m in re.finditer(r"\S+", line):
        token = m.group()
        parts = [p for p in re.split(r"[-.]", token) if p]
        if any(c.isdigit() or c in "/@" for c in token) or token.upper() in acronyms or WEB_RE.search(token) \
                or not FOREIGN_LETTERS.isdisjoint(token) or any(p.upper() in acronyms for p in parts):
            continue  # Wi-fi (a letter Vietnamese does not write), tp.hcm (parts that are acronyms): no words
        # A-Z in the pattern is ASCII only: a marked capital (Nam-Đà Nẵng, Yên-Ấp) is a capital too.
        breaks.extend(m.start() + j.start() for j in JOINED_RE.finditer(token) if not token[j.end()].isupper())
    return sorted(breaks + horn_joins(line))


HORN_JOIN_RE = re.compile(r"(?<=[^\W\d_]{2})['’](?=\d|[^\W\d_]{2})")
_VOWELS = frozenset(nfc(vowel + tone) for vowel in VOWELS for tone in ("", *TONE_MARKS))  # lower case, any tone


def horn_joins(line: str) -> list[int]:
    """Positions of an apostrophe that stands for a horn and a space at once ("TU'DO": TỰ DO, "TU’500.000
    ĐỒNG": TỪ 500.000): after a word of two letters or more, before a number or before a word that starts
    with a consonant and has a vowel. Not inside a syllable ("thwé'ng", "phu’orng": no vowel after, or a
    vowel first), nor in a name after one letter (H'Mông, R'Lấp)."""
    out = []
    for j in HORN_JOIN_RE.finditer(line):
        right = re.match(r"\S*", line[j.end() :]).group()
        word = re.match(r"[^\W\d_]*", right).group().lower()
        if right[:1].isdigit() or word[:1] not in _VOWELS and any(c in _VOWELS for c in word):
            out.append(j.start())
    return out
