"""Build dictionaries/names.tsv: the syllables of Vietnamese personal names, by role.

    .venv/bin/python scripts/build_names.py

Rows `role<TAB>syllable<TAB>count<TAB>sources`, role one of `surname`, `middle`, `given`; `count` is the number
of listed names with that syllable in that role (an entry of the curated Faker and surname lists counts
CURATED_COUNT: they hold only frequent names); syllables lower-case NFC with
the tone placement of pipeline.vietnamese, each a valid syllable. Sources:
- Faker (PyPI `faker`, MIT), `faker.providers.person.vi_VN.Provider`: last_names → surname, middle_names →
  middle, first_names_{male,female,unisex} → given (multi-syllable entries split into syllables);
- vn-fullname-generator 0.0.2 (PyPI, MIT), `vn_fullname_generator/data/`: first.name → surname; male.name and
  female.name ("middle given" pairs) → middle (all syllables but the last) and given (the last);
- COMMON_SURNAMES below (project-written): the family names most Vietnamese people carry, as listed in any
  general reference on Vietnamese names (Nguyễn, Trần, Lê … about 90 % of the population).
Also writes the names section at the end of dictionaries/SOURCES.md. Re-running gives identical bytes.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.vietnamese import is_valid_syllable, nfc, normalize_tone_placement  # noqa: E402

OUT = ROOT / "dictionaries" / "names.tsv"
SOURCES = ROOT / "dictionaries" / "SOURCES.md"
SECTION = "## names.tsv (scripts/build_names.py)"
CURATED_COUNT = 10
COMMON_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                   "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trương", "Đinh", "Lâm", "Mai", "Trịnh",
                   "Lương", "Hà", "Cao", "Tạ", "Thái", "Lưu", "Tô", "Chu", "Kiều", "Quách", "Triệu")


def syllables(name: str) -> list[str]:
    out = []
    for part in nfc(name).split():
        syl = normalize_tone_placement(part.lower())
        if is_valid_syllable(syl):
            out.append(syl)
    return out


def build_rows() -> list[tuple[str, str, str, str]]:
    from faker.providers.person.vi_VN import Provider

    roles = {
        "surname": list(Provider.last_names),
        "middle": list(Provider.middle_names),
        "given": [*Provider.first_names_male, *Provider.first_names_female, *Provider.first_names_unisex],
    }
    rows: dict[tuple[str, str], dict[str, int]] = {}

    def add(role: str, syl: str, source: str, count: int = 1) -> None:
        by_source = rows.setdefault((role, syl), {})
        by_source[source] = by_source.get(source, 0) + count

    for role, names in roles.items():
        for name in names:
            for syl in syllables(name):
                add(role, syl, "faker", CURATED_COUNT)
    from importlib import resources

    data = resources.files("vn_fullname_generator.data")
    for name in data.joinpath("first.name").read_text(encoding="utf-8").splitlines():
        for syl in syllables(name):
            add("surname", syl, "vnfullname", CURATED_COUNT)
    for file in ("male.name", "female.name"):
        for name in data.joinpath(file).read_text(encoding="utf-8").splitlines():
            syls = syllables(name)
            for i, syl in enumerate(syls):
                role = "given" if i == len(syls) - 1 else "middle"
                add(role, syl, "vnfullname")
    for name in COMMON_SURNAMES:
        for syl in syllables(name):
            add("surname", syl, "project", CURATED_COUNT)
    return sorted((role, syl, str(sum(src.values())), ",".join(sorted(src))) for (role, syl), src in rows.items())


def sources_section(rows: list[tuple[str, str, str, str]]) -> str:
    counts = {role: sum(1 for r, *_ in rows if r == role) for role in ("surname", "middle", "given")}
    return "\n".join([
        SECTION,
        "",
        "| source | version | licence | used for |",
        "|---|---|---|---|",
        f"| Faker (PyPI `faker`), `faker/providers/person/vi_VN` | {version('faker')} | MIT | "
        "last_names → surname, middle_names → middle, first_names_* → given |",
        f"| vn-fullname-generator (PyPI), `vn_fullname_generator/data/*.name` | {version('vn-fullname-generator')} "
        "| MIT | first.name → surname; male.name, female.name → middle (leading syllables), given (last) |",
        "| project-written (COMMON_SURNAMES in scripts/build_names.py) | – | Apache-2.0 | the most common "
        "family names (general knowledge) → surname |",
        "",
        f"Rows: {counts['surname']} surname, {counts['middle']} middle, {counts['given']} given syllables.",
        "(scripts/build_dictionaries.py rewrites this file: run scripts/build_names.py after it.)",
        "",
    ])


def main() -> int:
    rows = build_rows()
    header = "# role\tsyllable\tcount\tsources (built by scripts/build_names.py; see dictionaries/SOURCES.md)\n"
    OUT.write_text(header + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    text = SOURCES.read_text(encoding="utf-8")
    if SECTION in text:
        text = text[: text.index(SECTION)]
    SOURCES.write_text(text.rstrip("\n") + "\n\n" + sources_section(rows), encoding="utf-8")
    print(f"{len(rows)} rows → {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
