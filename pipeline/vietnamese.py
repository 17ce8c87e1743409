"""Vietnamese orthography: NFC, one tone-placement policy, diacritic stripping and a phonotactic check.

Every dictionary entry, LM n-gram and scorer compares text only after `normalize_tone_placement`, so the
two spellings of one syllable ("hoà"/"hòa", "thuỷ"/"thủy") never compete. The policy is the classic one
used by government documents (Nghị định 30/2020 samples: "CỘNG HÒA", "văn hóa", "Ủy ban"): in the open
rhymes oa, oe, uy the tone sits on the first vowel ("hòa", "thủy"); with a final consonant it sits on the
second ("hoàn", "thuyết").

# Source: the onset/rhyme inventory below is standard Vietnamese orthography (Quốc ngữ); written for
# this project from textbook grammar, no copied data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Combining tone marks (Unicode), in the traditional order: huyền, sắc, hỏi, ngã, nặng.
TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_TONE_SET = frozenset(TONE_MARKS)
# Vowel quality marks (not tones): circumflex (â ê ô), breve (ă), horn (ơ ư).
_QUALITY_MARKS = frozenset("\u0302\u0306\u031b")

VOWELS = "aăâeêioôơuưy"
_BASE_VOWELS = frozenset(VOWELS)


def _vietnamese_only_chars() -> frozenset[str]:
    """Letters that only a Vietnamese text has: ă â ê ô ơ ư đ and every vowel with a tone mark."""
    chars = set("ăâêôơưđ")
    for vowel in VOWELS:
        for tone in TONE_MARKS:
            chars.add(unicodedata.normalize("NFC", vowel + tone))
    return frozenset(chars | {c.upper() for c in chars})


VIETNAMESE_ONLY_CHARS: frozenset[str] = _vietnamese_only_chars()

# fmt: off
ONSETS = (
    "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
    "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)
RHYMES = (
    # a ă â
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
    # e ê
    "e", "ec", "em", "en", "eng", "eo", "ep", "et",
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
    # i iê yê
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu",
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "yêm", "yên", "yêt", "yêu",
    # o ô ơ
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "ooc", "oong",
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt",
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    # u uô ư ươ y
    "u", "ua", "uc", "ui", "um", "un", "ung", "up", "ut",
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt",
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu",
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
    "y",
    # rhymes with a glide o/u (hoa, khoe, thuở, quân is qu + ân)
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăt",
    "oe", "oem", "oen", "oeo", "oet",
    "uân", "uâng", "uât", "uây",
    "uê", "uêch", "uênh",
    "uơ",
    "uy", "uya", "uych", "uyn", "uynh", "uyp", "uyt", "uyu",
    "uyên", "uyêt",
)
# After "gi" the i of iê is absorbed: giếng, giết, giềm, giêng.
GI_RHYMES = ("êc", "êng", "êm", "ên", "êt", "êu")
# After "qu" the u of uy is the onset's: quỳnh, quýt, quỵch.
QU_RHYMES = ("ya", "ych", "yn", "ynh", "yp", "yt", "yu")
# fmt: on

_STOP_FINALS = ("c", "ch", "p", "t")  # a syllable ending in these takes only sắc or nặng

SYLLABLE_RE = re.compile(
    "(?P<onset>" + "|".join(sorted(ONSETS, key=len, reverse=True)) + ")?"
    "(?P<rhyme>" + "|".join(sorted(RHYMES + GI_RHYMES + QU_RHYMES, key=len, reverse=True)) + ")",
    re.IGNORECASE,
)
"""Matches the tone-less, NFC form of a syllable (quality marks kept: "thuyêt"); `is_valid_syllable`
adds the spelling and tone rules a regex cannot say."""

_RHYME_SET = frozenset(RHYMES)
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")


def nfc(text: str) -> str:
    """Unicode NFC: OCR, PDFs and dictionaries mix precomposed and combining forms."""
    return unicodedata.normalize("NFC", text)


@cache
def _split_char(char: str) -> tuple[str, int]:
    """A letter → (the letter without its tone mark, tone index 0–4 or -1 when it has none)."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = -1
    kept = []
    for mark in decomposed:
        if mark in _TONE_SET:
            tone = TONE_MARKS.index(mark)
        else:
            kept.append(mark)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _with_tone(char: str, tone: int) -> str:
    return unicodedata.normalize("NFC", char + TONE_MARKS[tone]) if tone >= 0 else char


def split_tone(syllable: str) -> tuple[str, int]:
    """"Hoà" → ("Hoa", 0): the tone-less syllable and its tone (0 huyền, 1 sắc, 2 hỏi, 3 ngã, 4 nặng, -1 none).

    With several tone marks (garbled input) the last one wins."""
    chars = []
    tone = -1
    for char in nfc(syllable):
        base, char_tone = _split_char(char)
        chars.append(base)
        if char_tone >= 0:
            tone = char_tone
    return "".join(chars), tone


def _parse(toneless_lower: str) -> tuple[str, str] | None:
    """(onset, rhyme) of a lower-case tone-less syllable, or None when it is not well formed."""
    match = SYLLABLE_RE.fullmatch(toneless_lower)
    if match is None:
        # "gì", "gìn": g + i-rhyme (the regex tries "gi" + rhyme first)
        if toneless_lower.startswith("gi") and toneless_lower[1:] in _RHYME_SET:
            return "g", toneless_lower[1:]
        return None
    onset, rhyme = match.group("onset") or "", match.group("rhyme")
    if rhyme not in _RHYME_SET and not (
        (onset == "gi" and rhyme in GI_RHYMES) or (onset == "qu" and rhyme in QU_RHYMES)
    ):
        return None
    return onset, rhyme


def _tone_index(onset: str, rhyme: str, new_style: bool) -> int:
    """Index in `rhyme` of the vowel that carries the tone."""
    vowel_positions = [i for i, ch in enumerate(rhyme) if ch in _BASE_VOWELS]
    if onset == "g" and rhyme.startswith("i") and len(vowel_positions) == 1:
        return 0
    has_final = vowel_positions[-1] != len(rhyme) - 1
    for i in reversed(vowel_positions):  # a vowel with a quality mark wins; ươ → ơ
        if rhyme[i] in "ăâêôơư":
            if rhyme[i] == "ư" and "ơ" in rhyme:
                continue
            return i
    if len(vowel_positions) == 1:
        return vowel_positions[0]
    if len(vowel_positions) >= 3:
        return vowel_positions[1]
    if has_final:
        return vowel_positions[-1]
    if new_style and rhyme[:2] in ("oa", "oe", "uy"):
        return vowel_positions[1]
    return vowel_positions[0]


def _place_tone(syllable: str, new_style: bool = False) -> str | None:
    """The syllable with its tone moved onto the policy's vowel (case kept), or None if not well formed."""
    toneless, tone = split_tone(syllable)
    lower = toneless.lower()
    parsed = _parse(lower)
    if parsed is None:
        return None
    if tone < 0:
        return toneless
    onset, rhyme = parsed
    target = len(onset) + _tone_index(onset, rhyme, new_style)
    return toneless[:target] + _with_tone(toneless[target], tone) + toneless[target + 1 :]


@cache
def _normalize_syllable(syllable: str) -> str:
    placed = _place_tone(syllable)
    return syllable if placed is None else placed


def normalize_tone_placement(text: str) -> str:
    """NFC text with every well-formed syllable's tone on the policy vowel ("hoà" → "hòa", "thuỷ" → "thủy").

    Tokens that are not Vietnamese syllables (names, acronyms, garbage) are left as they are."""
    return _LETTER_RUN_RE.sub(lambda m: _normalize_syllable(m.group()), nfc(text))


_STRIP_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


@cache
def _strip_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_STRIP_TABLE)


def strip_diacritics(text: str) -> str:
    """All Vietnamese marks removed, đ → d, case kept: "Đồng Hới" → "Dong Hoi"."""
    return "".join(_strip_char(c) if ord(c) > 127 else c for c in text)


def skeleton(token: str) -> str:
    """The key candidates are grouped by: lower-case, no marks ("Được" → "duoc")."""
    return strip_diacritics(token).lower()


def has_vietnamese_marks(text: str) -> bool:
    """True when `text` has a letter only Vietnamese uses (ă â ê ô ơ ư đ or a tone mark)."""
    return any(c in VIETNAMESE_ONLY_CHARS for c in text)


@cache
def is_valid_syllable(syllable: str) -> bool:
    """A phonotactically well-formed Vietnamese syllable, any case, with its tone on an accepted vowel.

    Checks onset + rhyme (SYLLABLE_RE), the spelling rules (c/k/q, g/gh, ng/ngh), that a stop final
    (-c, -ch, -p, -t) takes only sắc or nặng, and that the tone sits where the classic or the new
    placement puts it (both "hòa" and "hoà" pass; "hoaà" or "hòan" do not)."""
    if not syllable or not syllable.isalpha():
        return False
    syllable = nfc(syllable)
    toneless, tone = split_tone(syllable)
    lower = toneless.lower()
    parsed = _parse(lower)
    if parsed is None:
        return False
    onset, rhyme = parsed
    first = rhyme[0]
    front = first in "eêiy" or rhyme.startswith("iê")
    if onset == "c" and (front or rhyme.startswith("uy") or rhyme.startswith("uê")):
        return False
    if onset == "k" and not front:
        return False
    if onset in ("gh", "ngh") and first not in "eêi":
        return False
    if onset in ("g", "ng") and first in "eê":
        return False
    if onset == "ng" and first == "i":
        return False
    if onset == "qu" and first in "uoư":
        return False
    if onset == "gi" and first == "i":
        return False
    if rhyme.endswith(_STOP_FINALS) and tone not in (1, 4):
        return False
    if tone >= 0:
        marks = [i for i, c in enumerate(syllable) if _split_char(c)[1] >= 0]
        if len(marks) != 1:
            return False
        accepted = {
            _with_tone_at(toneless, len(onset) + _tone_index(onset, rhyme, new_style), tone)
            for new_style in (False, True)
        }
        if syllable not in accepted:
            return False
    return True


def _with_tone_at(toneless: str, index: int, tone: int) -> str:
    return toneless[:index] + _with_tone(toneless[index], tone) + toneless[index + 1 :]
