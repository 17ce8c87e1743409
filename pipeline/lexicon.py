"""The Vietnamese lexicon the restorer draws candidates from, loaded once from dictionaries/.

Files (built by scripts/build_dictionaries.py; origin and licence of each in dictionaries/SOURCES.md):
- `syllables.tsv`: `syllable<TAB>count<TAB>sources`: every well-formed syllable attested by an installable
  syllable list or dictionary, lower-case NFC with the tone placement of pipeline.vietnamese; `count` is a
  relative frequency (wordfreq `vi`, per 10⁹ tokens, plus in-domain corpus counts).
- `words.txt`: multi-syllable words, lower-case, one per line ("cán bộ", "thi đua").
- `acronyms.tsv`: `ACRONYM<TAB>expansion<TAB>source`: upper-case forms that must pass through unrestored.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.resources import project_path
from pipeline.vietnamese import skeleton

DICTIONARIES_DIR = project_path("dictionaries")
LEXICON_FILES = ("syllables.tsv", "words.txt", "acronyms.tsv")  # what load_lexicon reads
UNSEEN_SYLLABLE_COUNT = 0.5  # pseudo-count of a syllable attested by a list but absent from frequency data


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lower-case syllables with unigram log10-probabilities, the candidate map and the word list."""

    syllables: dict[str, float]  # syllable → log10 P(syllable); sums to 1 over the inventory
    forms_by_skeleton: dict[str, tuple[str, ...]]  # "duoc" → ("được", "đước", ...), most frequent first
    words: frozenset[str]  # multi-syllable words, space-joined, lower-case
    acronyms: frozenset[str]  # upper-case forms: "UBND", "HĐND", "QYĐ" (mixed-case codes upper-cased)
    acronym_expansions: dict[str, str]  # "UBND" → "ủy ban nhân dân" (first listed expansion)
    max_word_syllables: int  # longest entry of `words`, in syllables
    floor_logprob: float  # log10 P given to a syllable outside the inventory: 10× below the rarest one
    acronym_sources: dict[str, str] = field(default_factory=dict)  # "BTĐKT" → "project" (acronyms.tsv column 3)

    def is_word(self, syllables: tuple[str, ...]) -> bool:
        """True when the lower-cased syllables form a dictionary word (one syllable: a known syllable)."""
        if len(syllables) == 1:
            return syllables[0].lower() in self.syllables
        return " ".join(syllables).lower() in self.words

    def is_acronym(self, token: str) -> bool:
        return token.upper() in self.acronyms

    def unigram_logprob(self, syllable: str) -> float:
        """log10 P(syllable), or `floor_logprob` for an unknown one."""
        return self.syllables.get(syllable, self.floor_logprob)


def _data_lines(path: Path) -> list[str]:
    """Lines of a dictionaries/ file without its `#` header and blank lines."""
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]


def parse_lexicon(syllable_rows: list[str], word_rows: list[str], acronym_rows: list[str]) -> Lexicon:
    """Build a Lexicon from the rows of the three files (split out of `load_lexicon` for tests)."""
    counts: dict[str, float] = {}
    for row in syllable_rows:
        syllable, count, *_ = row.split("\t")
        # Interned, as the LM's tokens are (pipeline.lm): candidates' words then match its n-grams by identity.
        counts[sys.intern(syllable)] = float(count) + UNSEEN_SYLLABLE_COUNT
    total = sum(counts.values()) or 1.0
    syllables = {s: math.log10(c / total) for s, c in counts.items()}
    grouped: dict[str, list[str]] = defaultdict(list)
    for syllable in syllables:
        grouped[skeleton(syllable)].append(syllable)
    forms_by_skeleton = {
        key: tuple(sorted(forms, key=lambda s: (-syllables[s], s))) for key, forms in sorted(grouped.items())
    }
    words = frozenset(word_rows)
    expansions: dict[str, str] = {}
    sources: dict[str, str] = {}
    for row in acronym_rows:
        acronym, expansion, *rest = row.split("\t")
        expansions.setdefault(acronym, expansion)
        sources.setdefault(acronym, rest[0] if rest else "")
    return Lexicon(
        syllables=syllables,
        forms_by_skeleton=forms_by_skeleton,
        words=words,
        acronyms=frozenset(expansions),
        acronym_expansions=expansions,
        max_word_syllables=max((w.count(" ") + 1 for w in words), default=1),
        floor_logprob=min(syllables.values()) - 1.0 if syllables else -10.0,
        acronym_sources=sources,
    )


@cache
def load_lexicon(directory: Path = DICTIONARIES_DIR) -> Lexicon:
    """The lexicon from dictionaries/ (once per process)."""
    return parse_lexicon(*(_data_lines(directory / name) for name in LEXICON_FILES))
