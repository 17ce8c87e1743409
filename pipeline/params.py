"""params.yaml, validated once at load time: one frozen dataclass per section, no defaults in code.

Stage owners add fields to their own section's dataclass; an unknown or missing key in params.yaml is a
ConfigError naming the nearest valid key.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import process

from pipeline.errors import ConfigError
from pipeline.resources import project_path

DEFAULT_PARAMS_PATH = Path("params.yaml")


@dataclass(frozen=True, slots=True)
class BaseParams:
    seed: int
    jobs: int  # 0 = one worker per core


@dataclass(frozen=True, slots=True)
class RasterizeParams:
    dpi: int
    min_ocr_dpi: int
    text_layer_min_chars: int
    text_layer_min_valid_ratio: float


@dataclass(frozen=True, slots=True)
class OcrParams:
    lang: str
    psm: int
    oem: int
    timeout_s: int
    orientation: bool
    deskew: bool
    denoise: bool
    despeckle: bool
    binarize: str
    remove_borders: bool
    remove_shadows: bool
    suppress_colour: bool


@dataclass(frozen=True, slots=True)
class RestoreParams:
    enabled: bool
    max_edit_distance: int  # skeleton edit distance searched for candidates (tokens of 4+ letters; else 1)
    max_skeletons: int  # nearest lexicon skeletons taken per token
    max_forms_per_skeleton: int  # accented forms per skeleton, most frequent first
    max_scored_skeletons: int  # skeletons whose accented forms are all scored (best by bare-skeleton score)
    min_unigram_log10: float  # syllables rarer than this (attested by a word list only) are never proposed
    max_memory_readings: int  # readings taken from the channel's whole-token memory
    max_lookup_variants: int  # extra lookup keys with a multi-character garbling rewritten (`ir` → u)
    memory_min_count: int  # a garbled token seen this often in training takes its candidates from memory
    max_candidates: int  # candidates per token kept for decoding
    candidate_table: bool  # read the shipped candidate table (models/candidates.tsv.gz) when it matches
    warm_tokens: int  # candidates of this many frequent garblings are computed while loading (without a table)
    candidate_beam: float  # drop candidates scoring (channel + prior weight × unigram, ln) this far below the best
    prune_prior_weight: float  # weight of the unigram ln-prob when pruning candidates
    split_below_logp: float  # try two-syllable splits when no single reading beats this channel ln-prob
    split_logp: float  # ln-prob penalty of reading one OCR token as two syllables
    lm_weight: float  # weight of LM log-probabilities against channel log-probabilities
    word_bonus: float  # ln bonus when two adjacent syllables form a dictionary word
    unigram_weight: float  # weight of the lexicon's general-language unigram ln-prob next to the LM in decoding
    beam_width: int  # hypotheses kept per token in the line decoder
    decode_margin: float  # options scoring (channel + LM after any hypothesis within this of the best) this far below the best are dropped
    keep_unknown_logp: float  # channel ln-prob of keeping a token that is not a known syllable
    keep_number_logp: float  # channel ln-prob of keeping a token with digits (2b, 16i) as it is
    document_mode_share: float  # share of tokens with Vietnamese-only letters that marks text as Vietnamese
    restore_single_digits: bool  # a lone digit (6 for ở) may be read as a syllable when context wants it
    restore_l_digit_pairs: bool  # a two-digit token led by 1 ("14": là) may be read as a syllable too
    junk_logp: float  # a token whose best reading has a lower channel ln-prob counts as junk
    hopeless_line_share: float  # lines with more junk tokens than this share are flagged and left as is
    cut_margin_noise: bool  # drop specks read as short tokens at a line's edges (pipeline.noise)
    split_joined_words: bool  # "Cac-phong" → "Các phòng": a - or . between lower-case words was a space (garbled text)
    noise_logp: float  # short letters at a line's edge whose best reading is below this channel ln-prob are noise
    document_mark_logp: float | None  # ln cost of changing a valid syllable's marks in correct text (None: never)
    document_mark_forms: int  # forms of the syllable's skeleton (most frequent first) it may change into
    document_mark_line_initial: bool  # a line's first word in Title case may change its marks too ("- Uy ban")
    context_proposals: bool  # readings the LM's seen trigrams call for join a token's candidates (rare forms)
    lookahead_slots: int  # tokens of the next line the decoder looks at when a sentence runs on (0 = none)


@dataclass(frozen=True, slots=True)
class ExtractParams:
    enabled: bool
    fuzzy_anchor_min_score: float  # rapidfuzz ratio 0–100 for damaged anchors, types and the motto
    province_min_score: float  # rapidfuzz ratio 0–100 for an OCR-damaged province name
    own_province_min_score: float  # the same for a place name that is the issuer's own province, damaged
    header_max_lines: int  # lines from the top searched for issuer, number, date, type and subject
    signer_window_lines: int  # lines around "Nơi nhận:" searched for the signature block
    reference_date_window_chars: int  # characters after a cited code in which its "ngày …" is looked for
    criteria_heading_keywords: tuple[str, ...]  # a heading naming one of these opens a criteria section
    criteria_award_heading_keywords: tuple[str, ...]  # these open one only next to khen thưởng/thi đua


@dataclass(frozen=True, slots=True)
class Params:
    base: BaseParams
    rasterize: RasterizeParams
    ocr: OcrParams
    restore: RestoreParams
    extract: ExtractParams


def _build(cls: type, data: Any, where: str) -> Any:
    """Build dataclass `cls` from a mapping, recursing into nested dataclasses; strict about keys."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(data).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in data:
        if key not in fields:
            best = process.extractOne(str(key), list(fields))
            hint = f" — did you mean {where}.{best[0]}?" if best and best[1] >= 60 else ""
            raise ConfigError(f"unknown key {where}.{key}{hint}")
    values = {}
    for name, field in fields.items():
        if name not in data:
            raise ConfigError(f"missing key {where}.{name}")
        value = data[name]
        ftype = field.type if isinstance(field.type, type) else _resolve(field.type)
        if dataclasses.is_dataclass(ftype):
            value = _build(ftype, value, f"{where}.{name}")
        elif ftype in (int, float, bool, str):
            if ftype is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, ftype) or (ftype is int and isinstance(value, bool)):
                raise ConfigError(f"{where}.{name}: expected {ftype.__name__}, got {value!r}")
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    return cls(**values)


def _resolve(annotation: str) -> Any:
    """Resolve a string annotation (from `from __future__ import annotations`) in this module."""
    simple = {"int": int, "float": float, "bool": bool, "str": str}
    if annotation in simple:
        return simple[annotation]
    return globals().get(annotation, annotation)


# The project's own params.yaml, beside the package in a source checkout (and in an editable install).
PROJECT_PARAMS_PATH = project_path("params.yaml")


def find_params(path: Path | None = None) -> Path:
    """--params, else $VANBAN_PARAMS, else ./params.yaml (DVC runs there), else the project's own file, so
    `vanban` works from any folder with the project's settings."""
    if path:
        return Path(path)
    if os.environ.get("VANBAN_PARAMS"):
        return Path(os.environ["VANBAN_PARAMS"])
    if DEFAULT_PARAMS_PATH.is_file():
        return DEFAULT_PARAMS_PATH
    return PROJECT_PARAMS_PATH


def load_params(path: Path | None = None) -> Params:
    """Read and validate params.yaml (or `path`)."""
    path = find_params(path)
    if not path.is_file():
        raise ConfigError(f"{path}: params file not found (give --params FILE or set VANBAN_PARAMS)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot parse"
        raise ConfigError(f"{path}: not valid YAML{where} ({problem})") from exc
    try:
        return _build(Params, data, "params")
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc.detail}") from None


def resolve_jobs(jobs: int | None, params: Params) -> int:
    """--jobs beats params.base.jobs; 0 means one worker per core."""
    n = jobs if jobs is not None else params.base.jobs
    return n if n and n > 0 else (os.cpu_count() or 1)
