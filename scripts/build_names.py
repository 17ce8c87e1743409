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
- vnfaker 0.0.5 (PyPI, MIT), `vnfaker/data/person/`: first.name, last.name → surname (multi-syllable
  surnames such as "Âu Dương" give both syllables); male.name, female.name → given (the last syllable; the
  leading ones of a two-syllable given name → middle); male_middle.name, female_middle.name → middle. The
  wheel is pinned by sha256 and read from the scripts/data_sources.py cache (not installed). Its lists use
  U+00D0 "Ð" for "Đ" in places: mapped before validation;
- COMMON_SURNAMES below (project-written): the family names most Vietnamese people carry, as listed in any
  general reference on Vietnamese names (Nguyễn, Trần, Lê … about 90 % of the population);
- MINORITY_SURNAMES below (project-written, general knowledge): family names of the Tày, Nùng, Thái, Mường,
  H'Mông and Dao peoples (Lò, Cầm, Tòng, Giàng, Sùng, Thào …), which the package lists leave out;
- SOUTHERN_MINORITY_SURNAMES below (project-written, general knowledge): one-word family names of the Gia Rai,
  Ê Đê, Ba Na, M'Nông, Khmer and Chăm peoples (Ksor, Siu, Niê, Mlô, Điểu, Thạch, Danh, Đàng …), kept as written
  although most are no Kinh syllable;
- COMMON_GIVEN and COMMON_MIDDLE below (project-written, general knowledge): frequent given names and
  middle names of both sexes, each counted CURATED_COUNT.
Also writes the names section at the end of dictionaries/SOURCES.md. Re-running gives identical bytes.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from data_sources import DEFAULT_CACHE_DIR, WHEELS, PinnedWheel, fetch_wheel  # noqa: E402

from pipeline.vietnamese import is_valid_syllable, nfc, normalize_tone_placement  # noqa: E402

OUT = ROOT / "dictionaries" / "names.tsv"
SOURCES = ROOT / "dictionaries" / "SOURCES.md"
SECTION = "## names.tsv (scripts/build_names.py)"
CURATED_COUNT = 10
COMMON_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                   "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trương", "Đinh", "Lâm", "Mai", "Trịnh",
                   "Lương", "Hà", "Cao", "Tạ", "Thái", "Lưu", "Tô", "Chu", "Kiều", "Quách", "Triệu")
# Family names of the Tày, Nùng, Thái, Mường, H'Mông and Dao peoples of the northern provinces, whose officials
# sign many provincial documents there and whom the package lists above leave out (general knowledge).
MINORITY_SURNAMES = ("Bế", "Nông", "Hoàng", "Lục", "Ma", "Lò", "Cầm", "Tòng", "Lường", "Quàng", "Vì", "Điêu",
                     "Sầm", "Đèo", "Bạc", "Giàng", "Sùng", "Thào", "Vàng", "Mùa", "Hầu", "Lầu", "Lù", "Bàn",
                     "Triệu", "Hà", "Quách", "Đinh", "Lý", "Vi", "Lang")
# One-word family names of the Central Highlands (Gia Rai, Ê Đê, Ba Na, M'Nông, Stiêng), Khmer and Chăm peoples,
# whose officials sign many documents of those provinces (general knowledge). Names that are also frequent Kinh
# given names (Sơn, Kim, Thông) or words (Nay) are left out: a name run could start with them.
SOUTHERN_MINORITY_SURNAMES = ("Ksor", "Siu", "Kpă", "Puih", "Rcom", "Hlong", "Rmah", "Niê", "Mlô", "Êban",
                              "Ayun", "Adrơng", "Byă", "Êñuôl", "Hđơk", "Knul", "Kbuôr", "Mđrang", "Bkrông",
                              "Điểu", "Thạch", "Danh", "Đàng")
# fmt: off
COMMON_GIVEN = (
    "An", "Anh", "Ánh", "Bắc", "Bảo", "Bích", "Bình", "Cảnh", "Chi", "Chiến", "Chinh", "Chính", "Công", "Cúc",
    "Cường", "Dân", "Danh", "Diệp", "Diệu", "Dung", "Dũng", "Duy", "Duyên", "Dương", "Đạt", "Điệp", "Định", "Đông",
    "Đức", "Giang", "Hà", "Hạ", "Hải", "Hằng", "Hạnh", "Hào", "Hảo", "Hậu", "Hiền", "Hiển", "Hiệp", "Hiếu",
    "Hòa", "Hoa", "Hoài", "Hoàn", "Hoàng", "Học", "Hồng", "Huân", "Huế", "Huệ", "Hùng", "Hưng", "Hương", "Hường",
    "Hữu", "Huy", "Huyền", "Khải", "Khang", "Khánh", "Khoa", "Khôi", "Kiên", "Kiệt", "Kim", "Lâm", "Lan", "Lành",
    "Lập", "Liên", "Liễu", "Linh", "Loan", "Lộc", "Lợi", "Long", "Luân", "Lực", "Lương", "Ly", "Mai", "Mạnh",
    "Minh", "My", "Mỹ", "Nam", "Nga", "Ngân", "Nghĩa", "Ngọc", "Nguyên", "Nguyệt", "Nhàn", "Nhân", "Nhung",
    "Ninh", "Oanh", "Phong", "Phú", "Phúc", "Phụng", "Phương", "Phượng", "Quân", "Quang", "Quế", "Quốc",
    "Quý", "Quyên", "Quyền", "Quyết", "Quỳnh", "Sang", "Sáng", "Sơn", "Sỹ", "Tài", "Tâm", "Tân", "Thắm",
    "Thắng", "Thanh", "Thành", "Thảo", "Thi", "Thịnh", "Tho", "Thọ", "Thơ", "Thoa", "Thông", "Thu",
    "Thư", "Thuận", "Thủy", "Thúy", "Thương", "Tiến", "Tiệp", "Tín", "Tình", "Toàn", "Toản", "Trà",
    "Trang", "Trí", "Triều", "Trinh", "Trọng", "Trung", "Trường", "Tú", "Tuấn", "Tùng", "Tuyên", "Tuyền",
    "Tuyết", "Tư", "Tường", "Uyên", "Vân", "Văn", "Vinh", "Vĩnh", "Việt", "Vũ", "Vượng", "Xuân", "Yến",
    "Bằng", "Biên", "Cầm", "Chung", "Chương", "Cương", "Doanh", "Đại", "Đảm", "Đăng", "Đoàn", "Giáp", "Hân",
    "Hiên", "Hòe", "Hợp", "Hướng", "Kha", "Khiêm", "Khuê", "Lệ", "Liêm", "Luyến", "Mến", "Miên", "Mùi",
    "Năm", "Nết", "Nhạn", "Nhi", "Nhiên", "Phấn", "Phước", "Quảng", "Sâm", "Sinh", "Soạn", "Sửu", "Tám",
    "Tạo", "Thạch", "Thái", "Thân", "Thiện", "Thìn", "Thoại", "Thục", "Thược", "Tiên", "Tịnh", "Trâm", "Trân",
    "Tráng", "Triển", "Trực", "Tuệ", "Tuyển", "Tỵ", "Ước", "Vang", "Viên", "Vịnh", "Vỹ", "Xuyến", "Ý",
)
COMMON_MIDDLE = (
    "Văn", "Thị", "Hữu", "Đức", "Công", "Quang", "Minh", "Ngọc", "Thanh", "Xuân", "Hồng", "Kim", "Thu", "Mạnh",
    "Đình", "Trọng", "Quốc", "Bá", "Duy", "Tiến", "Hoàng", "Huy", "Anh", "Bảo", "Gia", "Khánh", "Phương", "Thúy",
    "Diệu", "Hải", "Thế", "Việt", "Như", "Mỹ", "Tuấn", "Trung", "Nhật", "Thành", "Đăng", "Vĩnh", "Lệ", "Hoài",
    "Tất", "Viết", "Sỹ", "Chí", "Phúc", "Cao", "Ánh", "Bích", "Cẩm", "Hương", "Khắc", "Tường", "Uyên", "Yến",
)
# fmt: on
WHEELS.setdefault("vnfaker", PinnedWheel("vnfaker", "0.0.5", "vnfaker-0.0.5-py3-none-any.whl",
                                         "79ac87584be309113398f8994710c1bc25e12d88141dcd77c1a0442186056c00", "MIT"))
VNFAKER_DIR = "vnfaker/data/person/"


def syllables(name: str) -> list[str]:
    out = []
    for part in nfc(name.replace("\u00d0", "Đ").replace("\u00f0", "đ")).split():
        syl = normalize_tone_placement(part.lower())
        if is_valid_syllable(syl):
            out.append(syl)
    return out


def build_rows(cache_dir: Path = DEFAULT_CACHE_DIR) -> list[tuple[str, str, str, str]]:
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
    with fetch_wheel("vnfaker", cache_dir) as archive:
        def lines(file: str) -> list[str]:
            return [line for line in archive.read(VNFAKER_DIR + file).decode("utf-8").splitlines() if line.strip()]

        for file in ("first.name", "last.name"):
            for name in lines(file):
                for syl in syllables(name):
                    add("surname", syl, "vnfaker")
        for file in ("male.name", "female.name"):
            for name in lines(file):
                syls = syllables(name)
                for i, syl in enumerate(syls):
                    add("given" if i == len(syls) - 1 else "middle", syl, "vnfaker")
        for file in ("male_middle.name", "female_middle.name"):
            for name in lines(file):
                for syl in syllables(name):
                    add("middle", syl, "vnfaker")
    for name in COMMON_SURNAMES + MINORITY_SURNAMES:
        for syl in syllables(name):
            add("surname", syl, "project", CURATED_COUNT)
    for name in SOUTHERN_MINORITY_SURNAMES:
        add("surname", normalize_tone_placement(nfc(name).lower()), "project", CURATED_COUNT)
    for role, names in (("given", COMMON_GIVEN), ("middle", COMMON_MIDDLE)):
        for name in sorted(set(names)):
            for syl in syllables(name):
                add(role, syl, "project", CURATED_COUNT)
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
        f"| vnfaker (PyPI), `vnfaker/data/person/*.name`, wheel sha256 `{WHEELS['vnfaker'].sha256}` | "
        f"{WHEELS['vnfaker'].version} | MIT | first.name, last.name → surname; male.name, female.name → given (last "
        "syllable), middle (leading); *_middle.name → middle |",
        "| project-written (COMMON_SURNAMES in scripts/build_names.py) | – | Apache-2.0 | the most common "
        "family names (general knowledge) → surname |",
        "| project-written (MINORITY_SURNAMES in scripts/build_names.py) | – | Apache-2.0 | family names of the "
        "Tày, Nùng, Thái, Mường, H'Mông and Dao peoples (general knowledge) → surname |",
        "| project-written (SOUTHERN_MINORITY_SURNAMES in scripts/build_names.py) | – | Apache-2.0 | one-word family "
        "names of the Gia Rai, Ê Đê, Ba Na, M'Nông, Khmer and Chăm peoples (general knowledge) → surname |",
        "| project-written (COMMON_GIVEN, COMMON_MIDDLE in scripts/build_names.py) | – | Apache-2.0 | frequent "
        "given and middle names of both sexes (general knowledge) → given, middle |",
        "",
        f"Rows: {counts['surname']} surname, {counts['middle']} middle, {counts['given']} given syllables.",
        "(scripts/build_dictionaries.py rewrites this file: run scripts/build_names.py after it.)",
        "Looked at and not used: names-dataset (PyPI; its lists come from a leaked Facebook dump), vietnamese "
        "0.0.8 (no name lists, licence unknown), mimesis (no Vietnamese locale).",
        "",
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    rows = build_rows(parser.parse_args().cache_dir)
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
