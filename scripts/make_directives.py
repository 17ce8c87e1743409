"""Generate bench/gold/directives/: varied synthetic Vietnamese administrative directives with exact gold.

Why: the dev gold has two documents of one campaign; the extractor must be measured on other types,
issuers, years and layouts. Every document is built slot by slot, and each slot that yields a gold value
records it at the moment it writes the text, so the gold is exact by construction. Several alternative
wordings per slot keep a rule-based extractor from mirroring one template.

For measuring only: nothing here may be used to build dictionaries, the LM, or to tune rules.

    python scripts/make_directives.py            # writes bench/gold/directives/<id>.txt + <id>.json
    python scripts/make_directives.py --count 50 --seed 20261122 --out bench/gold/directives
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "bench" / "gold" / "directives"
DEFAULT_COUNT = 60
GOLD_KEYS = (
    "doc_type", "number", "symbol", "issuer", "issuer_parent", "province", "place", "date", "subject",
    "recipients_to", "recipients_cc", "signer", "signer_title", "deadlines", "references", "criteria",
)
MERGER_DATE = dt.date(2025, 7, 1)  # provinces merged 63 → 34 (Nghị quyết 202/2025/QH15); districts abolished

# ---- language data (written for this generator; public administrative facts) ----
# Source: the 63 provinces and centrally-run cities before 1 July 2025 (Danh mục đơn vị hành chính Việt Nam,
# General Statistics Office; Wikipedia "Provinces of Vietnam", CC BY-SA). (name, kind) — kind "tỉnh"/"thành phố".
PROVINCES_2015 = (
    [(n, "thành phố") for n in ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ")]
    + [(n, "tỉnh") for n in (
        "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
        "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông",
        "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương",
        "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng",
        "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
        "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
        "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
        "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái")]
)
# Source: the 34 units from 1 July 2025 (Nghị quyết 202/2025/QH15 of the National Assembly). Hồ Chí Minh City
# is left out of both lists: its name has several accepted short forms, which would make the gold ambiguous.
PROVINCES_2025 = (
    [(n, "thành phố") for n in ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Cần Thơ")]
    + [(n, "tỉnh") for n in (
        "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
        "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình",
        "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh",
        "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang")]
)
# Source: rural districts (huyện) of a few provinces before 2025, same GSO list. Used only before MERGER_DATE.
DISTRICTS = {
    "Lào Cai": ("Bát Xát", "Bảo Thắng", "Văn Bàn"), "Nghệ An": ("Diễn Châu", "Quỳnh Lưu", "Nghi Lộc"),
    "Thanh Hóa": ("Hoằng Hóa", "Quảng Xương", "Thọ Xuân"), "Sơn La": ("Mộc Châu", "Mai Sơn"),
    "Hải Dương": ("Cẩm Giàng", "Gia Lộc", "Thanh Miện"), "Quảng Nam": ("Duy Xuyên", "Núi Thành"),
    "Đắk Lắk": ("Krông Pắc", "Ea Kar"), "Bắc Giang": ("Lục Nam", "Yên Thế"), "An Giang": ("Châu Phú", "Thoại Sơn"),
    "Lâm Đồng": ("Đức Trọng", "Di Linh"), "Thái Bình": ("Kiến Xương", "Tiền Hải"),
}
# Provincial departments (sở) present before and after 2025: (name, symbol code, drafting units).
DEPARTMENTS = (
    ("Sở Nội vụ", "SNV", ("TĐKT", "TCBC", "VP", "CCHC")),
    ("Sở Tài chính", "STC", ("QLNS", "VP", "TCĐT")),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", ("GDTrH", "TCCB", "VP")),
    ("Sở Y tế", "SYT", ("NVY", "TCCB", "VP")),
    ("Sở Xây dựng", "SXD", ("QLXD", "VP", "KTQH")),
    ("Sở Tư pháp", "STP", ("XDKTVB", "VP")),
    ("Sở Công Thương", "SCT", ("QLTM", "VP")),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", ("QLVH", "VP", "TDTT")),
)
# Ministries (central: province null): (name, code, drafting units, a unit under it with its own code).
MINISTRIES = (
    ("Bộ Nội vụ", "BNV", ("TCBC", "CCHC", "VP"), ("Ban Thi đua - Khen thưởng Trung ương", "BTĐKT")),
    ("Bộ Tài chính", "BTC", ("NSNN", "HCSN", "VP"), ("Kho bạc Nhà nước", "KBNN")),
    ("Bộ Giáo dục và Đào tạo", "BGDĐT", ("GDTrH", "NGCBQLGD", "VP"), ("Cục Quản lý chất lượng", "QLCL")),
    ("Bộ Y tế", "BYT", ("KCB", "DP", "VP"), ("Cục Quản lý Khám, chữa bệnh", "KCB")),
    ("Bộ Tư pháp", "BTP", ("PLHSHC", "VP"), ("Cục Bổ trợ tư pháp", "BTTP")),
    ("Bộ Xây dựng", "BXD", ("HĐXD", "VP"), ("Cục Kinh tế xây dựng", "KTXD")),
)
# Source: common Vietnamese family, middle and given names (general knowledge; no real signer lists).
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Đinh", "Lò", "Hà", "Tòng", "Giàng", "Mai", "Trương", "Lương", "Cao", "Tạ")
MIDDLE_NAMES = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Xuân", "Hồng", "Ngọc", "Thành", "Công",
                "Kim", "Bá", "Thế", "Đình", "Thu", "Mạnh", "Trọng", "Hải", "Văn Thanh", "Thị Thu")
GIVEN_NAMES = ("Anh", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Hương", "Lan", "Long", "Mai", "Nam", "Phong",
               "Quân", "Sơn", "Thảo", "Trung", "Tuấn", "Vinh", "Yến", "Hà", "Khánh", "Linh", "Thắng", "Tú",
               "Huyền", "Lộc", "Nga", "Phúc", "Quyết", "Tâm")
# Award criteria wordings ({y} the document's year, {y1} the year before, {y2} two years before).
CRITERIA_GROUP = (
    "Từ năm {y2} đến năm {y1} được xếp loại hoàn thành tốt nhiệm vụ trở lên, trong đó có ít nhất 01 năm "
    "hoàn thành xuất sắc nhiệm vụ",
    "Có mô hình mới, cách làm hay được cấp có thẩm quyền công nhận và nhân rộng",
    "Nội bộ đoàn kết, thực hiện tốt quy chế dân chủ ở cơ sở",
    "Tổ chức đảng, đoàn thể được xếp loại hoàn thành tốt nhiệm vụ trở lên năm {y1}",
    "Hoàn thành vượt mức các chỉ tiêu thi đua đã đăng ký",
    "Dẫn đầu Khối thi đua hoặc được Khối suy tôn đề nghị khen thưởng",
)
CRITERIA_PERSON = (
    "Năm {y1} được đánh giá, xếp loại hoàn thành xuất sắc nhiệm vụ",
    "Có sáng kiến được cơ quan có thẩm quyền công nhận và áp dụng hiệu quả",
    "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
    "Có 02 năm liên tục được tặng danh hiệu “Lao động tiên tiến” ({y2}, {y1})",
    "Có thời gian công tác tại cơ quan, đơn vị từ 03 năm trở lên",
    "Không vi phạm kỷ luật từ hình thức khiển trách trở lên trong năm {y}",
)
CRITERIA_SUBITEMS = (
    "Hoàn thành 100% chỉ tiêu được giao", "Không có cán bộ vi phạm kỷ luật",
    "Thực hiện tốt công tác cải cách hành chính", "Có ít nhất 70% cá nhân đạt danh hiệu “Lao động tiên tiến”",
    "Được đánh giá hoàn thành xuất sắc nhiệm vụ",
)
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

# Topics: (subject phrase, tasks, whether it is an emulation/award topic that carries criteria).
TOPICS = (
    ("tổng kết công tác thi đua, khen thưởng năm {y}", True),
    ("sơ kết phong trào thi đua “Chung sức xây dựng nông thôn mới” giai đoạn {y0} - {y1}", True),
    ("xét tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm {y}", True),
    ("phát động phong trào thi đua “Đổi mới, sáng tạo trong công vụ” năm {y}", True),
    ("triển khai công tác cải cách hành chính năm {y}", False),
    ("đẩy mạnh chuyển đổi số trong cơ quan nhà nước năm {y}", False),
    ("tăng cường công tác phòng cháy, chữa cháy mùa khô {y}", False),
    ("kiểm tra công tác văn thư, lưu trữ năm {y}", False),
    ("xây dựng dự toán ngân sách nhà nước năm {y1}", False),
    ("bảo đảm trật tự, an toàn giao thông dịp Tết Nguyên đán {y1}", False),
    ("tuyển dụng viên chức sự nghiệp giáo dục năm {y}", False),
    ("rà soát, cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức", False),
    ("thực hiện chế độ báo cáo thống kê định kỳ năm {y}", False),
    ("phòng, chống dịch bệnh sốt xuất huyết trên địa bàn", False),
)
ACTORS = (
    "Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố", "Các cơ quan, đơn vị, địa phương",
    "Các phòng, ban, đơn vị trực thuộc", "Thủ trưởng các cơ quan, đơn vị", "Các đơn vị sự nghiệp công lập",
    "Các Khối thi đua", "Văn phòng", "Phòng Tổ chức cán bộ", "Các trường học trực thuộc",
)
REPORT_VERBS = (
    "gửi báo cáo kết quả thực hiện về {to}", "tổng hợp, báo cáo kết quả về {to}",
    "hoàn thành việc rà soát và gửi danh sách về {to}", "gửi văn bản đăng ký về {to}",
    "cập nhật đầy đủ số liệu lên phần mềm và báo cáo {to}", "nộp hồ sơ đề nghị khen thưởng về {to}",
    "gửi dự thảo kế hoạch để {to} tổng hợp", "tổ chức tự kiểm tra và gửi kết quả về {to}",
)
EVENT_VERBS = (
    "tổ chức hội nghị sơ kết tại cơ quan, đơn vị", "tổ chức tập huấn nghiệp vụ cho cán bộ phụ trách",
    "tổ chức lễ phát động phong trào thi đua", "tổ chức kiểm tra thực tế tại cơ sở",
)
DEADLINE_NOUNS = ("nộp hồ sơ đề nghị khen thưởng", "gửi báo cáo", "đăng ký giao ước thi đua",
                  "nhận hồ sơ", "gửi danh sách đề nghị")
NON_DEADLINE_TASKS = (
    "Quán triệt, phổ biến nội dung văn bản đến toàn thể cán bộ, công chức, viên chức và người lao động.",
    "Chủ động bố trí kinh phí, nhân lực để triển khai thực hiện có hiệu quả.",
    "Phân công lãnh đạo trực tiếp phụ trách, theo dõi, đôn đốc việc thực hiện.",
    "Tăng cường công tác tuyên truyền bằng nhiều hình thức phù hợp với điều kiện thực tế.",
    "Phối hợp chặt chẽ với các cơ quan liên quan trong quá trình tổ chức thực hiện.",
    "Thực hiện nghiêm chế độ thông tin, báo cáo theo quy định.",
)
TO_LOCAL = ("Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố", "Các đơn vị sự nghiệp trực thuộc",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội", "Các phòng, ban chuyên môn",
            "Các trường THPT trên địa bàn", "Văn phòng Tỉnh ủy", "Sở Tài chính", "Kho bạc Nhà nước tỉnh",
            "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Các doanh nghiệp trên địa bàn tỉnh")
TO_CENTRAL = ("Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "UBND các tỉnh, thành phố trực thuộc Trung ương",
              "Các đơn vị thuộc Bộ", "Sở Nội vụ các tỉnh, thành phố trực thuộc Trung ương",
              "Các tập đoàn kinh tế, tổng công ty nhà nước", "Các đại học, học viện, trường đại học")
CC_LOCAL = ("TT Tỉnh ủy, TT HĐND tỉnh (b/c)", "Chủ tịch, các PCT UBND tỉnh", "Lãnh đạo Văn phòng",
            "Cổng Thông tin điện tử tỉnh", "Ban Thi đua - Khen thưởng Trung ương", "Sở Nội vụ (để theo dõi)",
            "Các phòng chuyên môn", "Đài Phát thanh và Truyền hình tỉnh", "Báo tỉnh")
CC_CENTRAL = ("Thủ tướng, các Phó Thủ tướng Chính phủ (để b/c)", "Văn phòng Chính phủ", "Bộ trưởng (để b/c)",
              "Các Thứ trưởng", "Cổng Thông tin điện tử của Bộ", "Các Vụ, Cục thuộc Bộ", "Vụ Thi đua - Khen thưởng")
MEETINGS = (
    "Hội nghị tổng kết công tác thi đua, khen thưởng năm {y}", "Hội nghị triển khai nhiệm vụ năm {y1}",
    "Hội thảo góp ý dự thảo Đề án phát triển nguồn nhân lực", "Lớp tập huấn nghiệp vụ văn thư, lưu trữ",
    "Cuộc họp rà soát tiến độ giải ngân vốn đầu tư công", "Hội nghị giao ban công tác quý {q} năm {y}",
    "Lễ phát động Tháng hành động vì an toàn thực phẩm năm {y}",
)
VENUES = ("Hội trường tầng 3, trụ sở {org}", "Phòng họp số 2, {org}", "Trung tâm Hội nghị {prov}",
          "Hội trường Nhà khách {prov}", "Phòng họp trực tuyến, {org}")


@dataclass
class Issuer:
    issuer: str  # gold value, as printed (natural case)
    parent: str | None
    province: str | None
    accept_province: tuple | None
    place: str
    header: tuple[str, ...]  # left header lines as printed, top to bottom
    code: str  # symbol issuer code, e.g. UBND, SNV
    units: tuple[str, ...]  # drafting units for công văn symbols
    short: str  # how the body names the issuer
    head_title: str  # CHỦ TỊCH, GIÁM ĐỐC …
    deputy_title: str
    collective: str | None  # TM. <body> when the issuer is a collective body
    deciding_authority: str  # line above "QUYẾT ĐỊNH:" in a quyết định


@dataclass
class Directive:
    """One generated document: its lines and the gold recorded while writing them."""

    rng: random.Random
    date: dt.date
    issuer: Issuer
    references: dict = field(default_factory=dict)  # ref → date (insertion order = order of first mention)
    deadlines: list = field(default_factory=list)
    criteria: list = field(default_factory=list)
    own_refs: set = field(default_factory=set)

    # ---- dates ----
    def fmt_date(self, d: dt.date, style: str | None = None) -> str:
        style = style or self.rng.choice(("slash", "slash", "slash", "slash0", "long", "long", "dash", "dot"))
        if style == "dash":
            return f"{d.day:02d}-{d.month:02d}-{d.year}"
        if style == "dot":
            return f"{d.day}.{d.month}.{d.year}"
        if style == "slash":
            return f"{d.day}/{d.month}/{d.year}"
        if style == "slash0":
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        return f"{d.day} tháng {d.month} năm {d.year}"

    def later(self, lo: int, hi: int) -> dt.date:
        return self.date + dt.timedelta(days=self.rng.randint(lo, hi))

    def earlier(self, lo: int, hi: int) -> dt.date:
        return self.date - dt.timedelta(days=self.rng.randint(lo, hi))

    # ---- references ----
    def cite(self, kind: str | None = None, with_date: bool | None = None) -> str:
        """A citation phrase ("Quyết định số 733/QĐ-TTg ngày 14/6/2019 của …"), recorded as a reference."""
        rng = self.rng
        prov_org = "UBND tỉnh" if self.issuer.province else "Bộ"
        kinds = {
            "qd_ttg": ("Quyết định", "QĐ-TTg", False, "của Thủ tướng Chính phủ"),
            "qd_ub": ("Quyết định", "QĐ-UBND", False, f"của {prov_org}"),
            "nd": ("Nghị định", "NĐ-CP", True, "của Chính phủ"),
            "tt": ("Thông tư", rng.choice(("TT-BNV", "TT-BTC", "TT-BYT", "TT-BGDĐT")), True, "của Bộ trưởng"),
            "ct": ("Chỉ thị", "CT-TTg", False, "của Thủ tướng Chính phủ"),
            "kh": ("Kế hoạch", "KH-UBND", False, f"của {prov_org}"),
            "hd": ("Hướng dẫn", rng.choice(("HD-BTĐKT", "HD-SNV", "HD-HĐTĐKT")), False, "hướng dẫn thực hiện"),
            "cv": (rng.choice(("Văn bản", "Công văn")), rng.choice(("BNV-TĐKT", "UBND-VX", "SNV-TCBC",
                                                                     "BTC-NSNN", "UBND-TH")), False, ""),
            "nq": ("Nghị quyết", "NQ-HĐND", True, "của Hội đồng nhân dân tỉnh"),
            "ttr": ("Tờ trình", "TTr-SNV" if self.issuer.province else "TTr-TCCB", False, ""),
        }
        kind = kind or rng.choice(("qd_ttg", "qd_ub", "nd", "tt", "ct", "kh", "hd", "cv", "nq"))
        name, sym, with_year, of = kinds[kind]
        ref_date = self.earlier(20, 2500) if kind not in ("cv", "ttr", "hd") else self.earlier(3, 200)
        num = str(rng.randint(1, 2999) if not with_year else rng.randint(1, 180))
        if not with_year and rng.random() < 0.15:
            num = f"{rng.randint(1, 9):02d}"
        ref = f"{num}/{ref_date.year}/{sym}" if with_year else f"{num}/{sym}"
        if ref in self.references or ref in self.own_refs:
            return self.cite(kind, with_date)
        if with_date is None:
            with_date = rng.random() < 0.85
        self.references[ref] = ref_date.isoformat() if with_date else None
        so = rng.choice(("số ", "số ", "số ", "")) if name not in ("Văn bản", "Công văn") else "số "
        text = f"{name} {so}{ref}"
        if with_date:
            text += f" ngày {self.fmt_date(ref_date)}"
        return f"{text} {of}".rstrip()

    def recite(self) -> str | None:
        """A second, shorter mention of an already cited document (gold unchanged)."""
        if not self.references:
            return None
        ref = self.rng.choice(list(self.references))
        return f"văn bản số {ref}"

    # ---- deadlines ----
    def when(self, kind: str | None = None) -> tuple[str, str, str]:
        """(phrase, gold date, precision) for a date this document sets."""
        rng = self.rng
        kind = kind or rng.choice(("before", "before", "before_short", "latest", "latest", "month", "long",
                                   "hour", "done", "weekday", "bare", "deadline_word"))
        d = self.later(5, 75)
        if kind == "before_short":
            if d.year != self.date.year:
                kind = "before"
            else:
                return rng.choice(("trước ngày", "trước ngày")) + f" {d.day}/{d.month}", d.isoformat(), "day"
        if kind == "before":
            return f"trước ngày {self.fmt_date(d)}", d.isoformat(), "day"
        if kind == "done":
            return f"xong trước ngày {self.fmt_date(d, 'slash')}", d.isoformat(), "day"
        if kind == "latest":
            return rng.choice(("chậm nhất ngày", "chậm nhất là ngày", "chậm nhất vào ngày")) + \
                f" {self.fmt_date(d)}", d.isoformat(), "day"
        if kind == "weekday":
            return f"trước {WEEKDAYS[d.weekday()]}, ngày {self.fmt_date(d, 'slash0')}", d.isoformat(), "day"
        if kind == "bare":
            return f"trước {self.fmt_date(d, 'slash')}", d.isoformat(), "day"
        if kind == "deadline_word":
            return rng.choice(("hạn cuối ngày", "không muộn hơn ngày", "hoàn thành trước ngày")) + \
                f" {self.fmt_date(d)}", d.isoformat(), "day"
        if kind == "long":
            return f"trước ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", d.isoformat(), "day"
        if kind == "hour":
            return f"trước {rng.choice((10, 11, 16, 17))} giờ 00 ngày {self.fmt_date(d, 'slash')}", \
                d.isoformat(), "day"
        # month precision
        d = self.later(20, 120)
        phrase = rng.choice((f"trong tháng {d.month}/{d.year}", f"trong tháng {d.month} năm {d.year}"))
        return phrase, f"{d.year}-{d.month:02d}", "month"

    def deadline_sentence(self, actor: str, verb: str, bullet: str = "- ") -> str:
        """One obligation with its due date, in one of several word orders; records the deadline."""
        rng = self.rng
        phrase, date, precision = self.when()
        form = rng.choice(("after", "after", "after", "front", "noun"))
        if form == "front" and precision == "day":
            action = f"{lower_first(actor)} {verb}".strip()
            text = f"{upper_first(phrase)}, {action}."
        elif form == "noun":
            noun = rng.choice(DEADLINE_NOUNS)
            action = f"Thời hạn {noun}"
            text = f"{action}: {phrase}."
        else:
            action = upper_first(f"{actor} {verb}".strip())
            text = f"{action} {phrase}."
        self.deadlines.append({"date": date, "precision": precision, "action": action})
        return bullet + text

    def period_sentence(self, actor: str, activity: str, bullet: str = "- ") -> str:
        """"từ ngày … đến hết ngày …": the end of the period is the deadline."""
        start = self.later(3, 30)
        end = start + dt.timedelta(days=self.rng.randint(10, 90))
        action = f"{actor} {activity}"
        self.deadlines.append({"date": end.isoformat(), "precision": "day", "action": action})
        until = self.rng.choice(("đến hết ngày", "đến hết ngày", "đến ngày"))
        return f"{bullet}{action} từ ngày {self.fmt_date(start, 'slash')} {until} {self.fmt_date(end, 'slash')}."

    def two_deadlines_sentence(self, actor: str) -> str:
        """Two due dates in one sentence ("… sơ kết trước ngày X; báo cáo tổng kết trước ngày Y")."""
        rng = self.rng
        first = self.later(5, 40)
        second = first + dt.timedelta(days=rng.randint(20, 120))
        what1, what2 = rng.choice((("gửi báo cáo sơ kết", "báo cáo tổng kết"),
                                   ("đăng ký chỉ tiêu thi đua", "gửi hồ sơ đề nghị khen thưởng"),
                                   ("gửi kế hoạch triển khai", "báo cáo kết quả thực hiện")))
        sep = rng.choice(("; ", ", ", " và "))
        action1, action2 = f"{actor} {what1}", what2
        self.deadlines.append({"date": first.isoformat(), "precision": "day", "action": action1})
        self.deadlines.append({"date": second.isoformat(), "precision": "day", "action": action2})
        return (f"{action1} trước ngày {self.fmt_date(first, 'slash')}{sep}{action2} "
                f"{rng.choice(('trước ngày', 'chậm nhất ngày'))} {self.fmt_date(second)}.")

    def event_month_sentence(self) -> str:
        """A scheduled event with only its month ("dự kiến tổ chức trong tháng 10/2022")."""
        rng = self.rng
        d = self.later(30, 150)
        event = rng.choice(("Hội nghị tổng kết", "Lễ phát động", "Hội thi nghiệp vụ", "Đợt kiểm tra liên ngành"))
        self.deadlines.append({"date": f"{d.year}-{d.month:02d}", "precision": "month", "action": event})
        when = rng.choice((f"tháng {d.month}/{d.year}", f"tháng {d.month:02d} năm {d.year}"))
        return f"{event} {rng.choice(('dự kiến tổ chức trong', 'được tổ chức vào', 'tổ chức trong'))} {when}."

    def recurring_sentence(self) -> str:
        """"trước ngày 20 hằng tháng": a recurring day with no month — not a deadline of this document."""
        day = self.rng.choice((15, 20, 25))
        return self.rng.choice((
            f"Định kỳ trước ngày {day} hằng tháng, các đơn vị gửi báo cáo tiến độ thực hiện.",
            f"Các cơ quan, đơn vị báo cáo định kỳ hằng tháng, trước ngày {day} của tháng cuối kỳ báo cáo.",
        ))

    def past_sentence(self) -> str:
        """A date reported as past: not a deadline."""
        d = self.earlier(10, 200)
        return self.rng.choice((
            f"Ngày {self.fmt_date(d, 'slash')}, {self.issuer.short} đã tổ chức hội nghị sơ kết, đánh giá kết quả "
            "thực hiện nhiệm vụ.",
            f"Tính đến ngày {self.fmt_date(d, 'slash')}, các đơn vị đã hoàn thành cơ bản các nhiệm vụ được giao.",
            f"Trong năm {self.date.year - 1}, các cơ quan, đơn vị đã triển khai thực hiện nghiêm túc các nội dung "
            "theo kế hoạch.",
        ))


def lower_first(s: str) -> str:
    """"Các sở" → "các sở" mid-sentence; an acronym start ("UBND các huyện") stays."""
    return s[:1].lower() + s[1:] if not s[:4].isupper() else s


def upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


# ---- issuers ----

def make_issuer(rng: random.Random, date: dt.date) -> Issuer:
    provinces = PROVINCES_2015 if date < MERGER_DATE else PROVINCES_2025
    name, kind = rng.choice(provinces)
    kind_up = kind.upper()
    ubnd_full = f"Ủy ban nhân dân {kind} {name}"
    ubnd_short = f"UBND {kind} {name}"
    choice = rng.choice(("ubnd", "ubnd", "so", "so", "so", "hd", "ban", "vp", "huyen", "phong", "bo", "bo_unit"))
    if choice in ("huyen", "phong") and (date >= MERGER_DATE or name not in DISTRICTS):
        choice = "so"
    if choice == "ubnd":
        if rng.random() < 0.5:
            header = ("ỦY BAN NHÂN DÂN", f"{kind_up} {name.upper()}")
            issuer = ubnd_full
        else:
            header = (f"UBND {kind_up} {name.upper()}",)
            issuer = ubnd_short
        return Issuer(issuer, None, name, None, name, header, "UBND", ("VP", "KT", "VX", "TH", "NC"),
                      rng.choice(("UBND tỉnh", "Ủy ban nhân dân tỉnh")) if kind == "tỉnh" else "UBND thành phố",
                      "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN",
                      f"CHỦ TỊCH ỦY BAN NHÂN DÂN {kind_up} {name.upper()}")
    if choice in ("so", "hd", "ban", "vp"):
        parent_print = rng.choice((f"UBND {kind_up} {name.upper()}", f"ỦY BAN NHÂN DÂN {kind_up} {name.upper()}"))
        parent = ubnd_short if parent_print.startswith("UBND") else ubnd_full
        if choice == "so":
            dept, code, units = rng.choice(DEPARTMENTS)
            return Issuer(dept, parent, name, None, name, (parent_print, dept.upper()), code, units, dept,
                          "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", None, f"GIÁM ĐỐC {dept.upper()}")
        if choice == "hd":
            body = "Hội đồng Thi đua - Khen thưởng"
            return Issuer(body, parent, name, None, name, (parent_print, body.upper()), "HĐTĐKT", ("TĐKT",),
                          f"{body} tỉnh", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "HỘI ĐỒNG",
                          "CHỦ TỊCH HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
        if choice == "ban":
            body = rng.choice(("Ban Quản lý các khu công nghiệp", "Ban Dân tộc", "Ban Quản lý dự án đầu tư xây dựng"))
            code = {"Ban Quản lý các khu công nghiệp": "BQLKCN", "Ban Dân tộc": "BDT"}.get(body, "BQLDA")
            return Issuer(body, parent, name, None, name, (parent_print, body.upper()), code, ("VP", "KH"),
                          body, "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", None, f"TRƯỞNG {body.upper()}")
        body = "Văn phòng UBND tỉnh" if kind == "tỉnh" else "Văn phòng UBND thành phố"
        return Issuer(body, parent, name, None, name, (parent_print, body.upper()), "VPUB", ("TH", "HCTC", "KT"),
                      body, "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", None, f"CHÁNH {body.upper()}")
    if choice in ("huyen", "phong"):
        district = rng.choice(DISTRICTS[name])
        accept = (name, None)
        if choice == "huyen":
            if rng.random() < 0.5:
                header, issuer = ("ỦY BAN NHÂN DÂN", f"HUYỆN {district.upper()}"), f"Ủy ban nhân dân huyện {district}"
            else:
                header, issuer = (f"UBND HUYỆN {district.upper()}",), f"UBND huyện {district}"
            return Issuer(issuer, None, name, accept, district, header, "UBND", ("VP", "NV"), "UBND huyện",
                          "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN",
                          f"CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN {district.upper()}")
        office, code = rng.choice((("Phòng Nội vụ", "PNV"), ("Phòng Giáo dục và Đào tạo", "PGDĐT"),
                                   ("Phòng Tài chính - Kế hoạch", "PTCKH")))
        parent = f"UBND huyện {district}"
        return Issuer(office, parent, name, accept, district, (parent.upper(), office.upper()), code, ("",),
                      office, "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", None, f"TRƯỞNG {office.upper()}")
    ministry, code, units, (unit, unit_code) = rng.choice(MINISTRIES)
    if choice == "bo":
        return Issuer(ministry, None, None, None, "Hà Nội", (ministry.upper(),), code, units, ministry,
                      "BỘ TRƯỞNG", "THỨ TRƯỞNG", None, f"BỘ TRƯỞNG {ministry.upper()}")
    head = "TRƯỞNG BAN" if unit.startswith("Ban") else "CỤC TRƯỞNG" if unit.startswith("Cục") else "TỔNG GIÁM ĐỐC"
    deputy = "PHÓ " + head if not head.startswith("CỤC") else "PHÓ CỤC TRƯỞNG"
    return Issuer(unit, ministry, None, None, "Hà Nội", (ministry.upper(), unit.upper()), unit_code,
                  ("VP", "TH"), unit, head, deputy, None, f"{head} {unit.upper()}")


def signer_block(rng: random.Random, iss: Issuer, doc_kind: str) -> list[str]:
    """Title lines (authority prefix + title), as printed; the gold joins them with a space."""
    # roughly how often each appears in real directives: KT. most, then the head's own title, TM., TL.; Q. and TUQ. rare
    form = rng.choices(("head", "kt", "tm", "tl", "q", "tuq"), weights=(6, 8, 4, 3, 2, 2))[0]
    if form == "tm" and iss.collective:  # on behalf of a collective body, maybe signed by a deputy
        if rng.random() < 0.5:
            return [f"TM. {iss.collective}", iss.head_title]
        return [f"TM. {iss.collective}", f"KT. {iss.head_title}", iss.deputy_title]
    if form in ("kt", "tm"):
        return [f"KT. {iss.head_title}", iss.deputy_title]
    if form == "tl" and doc_kind in ("cv", "tb", "gm"):
        return [f"TL. {iss.head_title}", rng.choice(("CHÁNH VĂN PHÒNG", "TRƯỞNG PHÒNG TỔNG HỢP"))]
    if form == "q":
        return [f"Q. {iss.head_title}"]
    if form == "tuq" and doc_kind in ("cv", "tb", "gm"):
        return [f"TUQ. {iss.head_title}", rng.choice(("CHÁNH VĂN PHÒNG", "TRƯỞNG PHÒNG HÀNH CHÍNH - TỔNG HỢP"))]
    return [iss.head_title]


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


# ---- body builders per document type ----

def topic_text(rng: random.Random, date: dt.date) -> tuple[str, bool]:
    template, award = rng.choice(TOPICS)
    y = date.year
    return template.format(y=y, y0=y - 2, y1=y + 1, q=(date.month - 1) // 3 + 1), award


def report_to(iss: Issuer) -> str:
    return iss.short if iss.code not in ("UBND",) else "Sở Nội vụ (qua Phòng Tổng hợp)"


def task_lines(doc: Directive, n_deadlines: int, bullet_style: str = "num") -> list[str]:
    rng = doc.rng
    out = []
    tasks: list[str] = []
    for _ in range(n_deadlines):
        actor = rng.choice(ACTORS)
        form = rng.random()
        if form < 0.15:
            tasks.append(doc.period_sentence(actor, rng.choice(EVENT_VERBS), bullet=""))
        elif form < 0.3:
            tasks.append(doc.deadline_sentence(actor, rng.choice(EVENT_VERBS), bullet=""))
        elif form < 0.4:
            tasks.append(doc.two_deadlines_sentence(actor))
        elif form < 0.47:
            tasks.append(doc.event_month_sentence())
        else:
            tasks.append(doc.deadline_sentence(actor, rng.choice(REPORT_VERBS).format(to=report_to(doc.issuer)),
                                               bullet=""))
    for filler in rng.sample(NON_DEADLINE_TASKS, rng.randint(1, 3)):
        tasks.insert(rng.randint(0, len(tasks)), filler)
    if rng.random() < 0.4:
        tasks.insert(0, doc.past_sentence())
    if rng.random() < 0.25:  # a recurring date is no fixed deadline
        tasks.insert(rng.randint(0, len(tasks)), doc.recurring_sentence())
    for i, t in enumerate(tasks, 1):
        out.append((f"{i}. " if bullet_style == "num" else "- ") + t)
    return out


def opening(doc: Directive, lead: str) -> str:
    rng = doc.rng
    cites = [doc.cite() for _ in range(rng.randint(1, 3))]
    joined = "; ".join(cites)
    return rng.choice((f"Thực hiện {joined};", f"Căn cứ {joined};", f"Triển khai {joined},")) + " " + lead


def criteria_block(doc: Directive, roman: str | None, award_body: str, start: int = 1) -> list[str]:
    """Award criteria under headings (đối tượng / tiêu chuẩn / số lượng / hình thức), recording each top-level
    item with its section path; sub-items (+) are folded into their item."""
    rng = doc.rng
    out = [f"{roman}. {rng.choice(('KHEN THƯỞNG', 'TIÊU CHUẨN VÀ HÌNH THỨC KHEN THƯỞNG', 'CÔNG TÁC KHEN THƯỞNG'))}"] \
        if roman else []
    y = doc.date.year

    def at(*parts: object) -> str:
        return ".".join(str(p) for p in ((roman,) if roman else ()) + parts)

    style = rng.choice(("- ", "- ", "- ", "– ", "• "))

    def add(section: str, text: str, bullet: str | None = None, subitems: list[str] | None = None) -> None:
        bullet = style if bullet is None else bullet
        gold = text
        if subitems:
            out.append(f"{bullet}{text}")
            for j, s in enumerate(subitems):
                out.append(f"+ {s}{'.' if j == len(subitems) - 1 else ';'}")
            gold = text + " " + "; ".join(subitems)
        else:
            out.append(f"{bullet}{text}{rng.choice(('.', ';', '.'))}")
        doc.criteria.append({"section": section, "text": gold.rstrip(":")})

    k = start
    if rng.random() < 0.7:
        out.append(f"{k}. {rng.choice(('Đối tượng khen thưởng', 'Đối tượng xét khen thưởng', 'Đối tượng'))}")
        add(at(k), rng.choice(("Tập thể: Các cơ quan, đơn vị, địa phương có thành tích xuất sắc trong "
                                         "phong trào thi đua", "Tập thể: Các phòng, ban, đơn vị trực thuộc")))
        add(at(k), rng.choice(("Cá nhân: Cán bộ, công chức, viên chức và người lao động",
                                         "Cá nhân: Cán bộ, công chức, viên chức đang công tác tại cơ quan, đơn vị")))
        k += 1
    if rng.random() < 0.4:
        out.append(f"{k}. Hình thức khen thưởng")
        add(at(k), f"Bằng khen của {award_body}")
        add(at(k), "Giấy khen của Thủ trưởng cơ quan, đơn vị")
        k += 1
    out.append(f"{k}. {rng.choice(('Tiêu chuẩn khen thưởng', 'Tiêu chuẩn và điều kiện khen thưởng', 'Điều kiện, tiêu chuẩn xét khen thưởng'))}")
    for sub, award in ((1, f"Tặng Bằng khen của {award_body}"), (2, "Tặng Giấy khen"))[: rng.randint(1, 2)]:
        out.append(f"{k}.{sub}. {award}")
        for letter, who in (("a", "Tập thể"), ("b", "Cá nhân")):
            out.append(f"{letter}) {who}")
            path = at(k, sub, letter)
            if rng.random() < 0.5:
                lead = (f"Thực hiện tốt các nội dung thi đua tại {doc.recite() or 'kế hoạch này'} và đạt các "
                        "tiêu chuẩn sau:")
                out.append(lead)
                doc.criteria.append({"section": path, "text": lead.rstrip(":")})
            items = list(CRITERIA_GROUP if who == "Tập thể" else CRITERIA_PERSON)
            rng.shuffle(items)
            for item in items[: rng.randint(1, 3)]:
                item = item.format(y=y, y1=y - 1, y2=y - 2)
                if rng.random() < 0.2:
                    subs = rng.sample(CRITERIA_SUBITEMS, rng.randint(2, 3))
                    add(path, rng.choice(("Đạt các tiêu chí sau:", "Đáp ứng đồng thời các điều kiện sau:",
                                          f"{item}, cụ thể:")), subitems=subs)
                else:
                    add(path, item)
    k += 1
    if rng.random() < 0.6:
        out.append(f"{k}. Số lượng khen thưởng")
        add(at(k), f"Tập thể: Không quá {rng.randint(1, 5):02d} tập thể")
        add(at(k), f"Cá nhân: Không quá {rng.randint(2, 10):02d} cá nhân")
        if rng.random() < 0.5:
            out.append(rng.choice(("* Lưu ý:", "Lưu ý:")))
            note = "Không đề nghị khen thưởng đối với tập thể, cá nhân đã được khen thưởng chuyên đề khác trong " \
                   f"năm {y}"
            out.append(f"- {note}.")
            doc.criteria.append({"section": f"{at(k)} Lưu ý", "text": note})
        k += 1
    # Not criteria: the file to submit (a list under its own heading).
    out.append(f"{k}. Hồ sơ đề nghị khen thưởng")
    out.append("- Tờ trình đề nghị khen thưởng của cơ quan, đơn vị;")
    out.append("- Báo cáo thành tích của tập thể, cá nhân có xác nhận của cấp trình khen.")
    return out


def award_body(iss: Issuer) -> str:
    if iss.province is None:
        return f"Bộ trưởng {iss.short}" if iss.short.startswith("Bộ") else "Bộ trưởng"
    return "Chủ tịch UBND tỉnh"


def body_cong_van(doc: Directive, topic: str, award: bool) -> tuple[list[str], str]:
    rng = doc.rng
    lead = rng.choice((f"{doc.issuer.short} đề nghị các cơ quan, đơn vị triển khai thực hiện một số nội dung sau:",
                       f"để {topic}, {doc.issuer.short} đề nghị:",
                       f"{doc.issuer.short} hướng dẫn thực hiện như sau:"))
    lines = [opening(doc, lead)]
    tasks = task_lines(doc, rng.randint(1, 3))
    lines += tasks
    if award and rng.random() < 0.5:  # numbered on from the tasks, no roman section: paths like "4.1.a"
        lines += criteria_block(doc, None, award_body(doc.issuer), start=len(tasks) + 1)
    lines.append(rng.choice(("Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
                             "Trong quá trình thực hiện, nếu có vướng mắc đề nghị phản ánh về "
                             f"{doc.issuer.short} để được hướng dẫn./.",
                             f"{doc.issuer.short} đề nghị các đơn vị nghiêm túc triển khai thực hiện./.")))
    return lines, "V/v " + topic


def body_quyet_dinh(doc: Directive, topic: str, award: bool) -> tuple[list[str], str]:
    rng = doc.rng
    iss = doc.issuer
    subject = rng.choice((f"Về việc {topic}", f"Ban hành Kế hoạch {topic}", f"Về việc phê duyệt kế hoạch {topic}"))
    lines = [iss.deciding_authority, ""]
    lines.append(rng.choice(("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                             "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
                             "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;")))
    for kind in rng.sample(["nd", "tt", "qd_ttg", "nq", "qd_ub"], rng.randint(1, 3)):
        lines.append(f"Căn cứ {doc.cite(kind)} {rng.choice(('quy định chi tiết thi hành một số điều của Luật', 'về việc ban hành quy chế', 'hướng dẫn thực hiện'))};")
    who = "Giám đốc Sở Nội vụ" if iss.province else "Vụ trưởng Vụ Tổ chức cán bộ"
    lines.append(f"Theo đề nghị của {who} tại {doc.cite('ttr')}." if rng.random() < 0.7 else f"Xét đề nghị của {who}.")
    lines += ["", "QUYẾT ĐỊNH:", ""]
    if rng.random() < 0.7:
        lines.append(rng.choice((f"Điều 1. Phê duyệt kế hoạch {topic}, cụ thể như sau:",
                                 f"Điều 1. Giao các cơ quan, đơn vị triển khai {topic} như sau:")))
        lines += task_lines(doc, rng.randint(1, 2), bullet_style="dash")
    else:
        lines.append(f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch {topic}.")
    effective = rng.random()
    if effective < 0.5:
        lines.append("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    else:  # an effective date: not a deadline
        eff = doc.later(1, 20)
        lines.append(f"Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày {doc.fmt_date(eff)}.")
    lines.append("Điều 3. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành "
                 "Quyết định này./.")
    return lines, subject


def body_thong_bao(doc: Directive, topic: str, award: bool) -> tuple[list[str], str]:
    rng = doc.rng
    iss = doc.issuer
    held = doc.earlier(1, 10)
    subject = rng.choice((f"Kết luận của {iss.head_title.capitalize()} tại cuộc họp về {topic}",
                          f"Về việc {topic}"))
    lines = [f"Ngày {doc.fmt_date(held, 'slash')}, {iss.short} đã tổ chức cuộc họp về {topic}. "
             f"Sau khi nghe báo cáo và ý kiến các đại biểu, {iss.short} thông báo kết luận như sau:"]
    lines += task_lines(doc, rng.randint(1, 3))
    if rng.random() < 0.4:
        if rng.random() < 0.5:
            lines.append(doc.period_sentence("Các đơn vị", "tiếp nhận hồ sơ", bullet="- "))
        else:  # "Thời gian nhận hồ sơ: từ ngày … đến hết ngày …" — the action is the label
            start = doc.later(3, 20)
            end = start + dt.timedelta(days=rng.randint(10, 40))
            label = rng.choice(("Thời gian nhận hồ sơ", "Thời gian đăng ký", "Thời gian thực hiện"))
            doc.deadlines.append({"date": end.isoformat(), "precision": "day", "action": label})
            lines.append(f"- {label}: từ ngày {doc.fmt_date(start, 'slash')} đến hết ngày "
                         f"{doc.fmt_date(end, 'slash')}.")
    lines.append(f"{iss.short} thông báo để các cơ quan, đơn vị biết, thực hiện./.")
    return lines, subject


def body_giay_moi(doc: Directive, topic: str, award: bool) -> tuple[list[str], str]:
    rng = doc.rng
    iss = doc.issuer
    y = doc.date.year
    meeting = rng.choice(MEETINGS).format(y=y, y1=y + 1, q=(doc.date.month - 1) // 3 + 1)
    d = doc.later(2, 20)
    hour = rng.choice(("07 giờ 30", "08 giờ 00", "8 giờ 30", "14 giờ 00", "14h00", "13 giờ 30 phút"))
    subject = rng.choice((f"Dự {meeting[:1].lower() + meeting[1:]}", f"Về việc tham dự {meeting[:1].lower() + meeting[1:]}"))
    lines = [f"Thực hiện {doc.cite()}, {iss.short} tổ chức {meeting}." if rng.random() < 0.5 else
             f"{iss.short} tổ chức {meeting}."]
    lines.append(f"{rng.choice(('Trân trọng kính mời', 'Kính mời'))} đại diện lãnh đạo cơ quan, đơn vị tới dự.")
    date_txt = rng.choice((f"ngày {doc.fmt_date(d, 'slash')} ({WEEKDAYS[d.weekday()]})",
                           f"{WEEKDAYS[d.weekday()]}, ngày {doc.fmt_date(d, 'slash0')}",
                           f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"))
    lines.append(f"- Thời gian: {hour}, {date_txt}.")
    venue = rng.choice(VENUES).format(org=iss.short, prov=iss.province or "Hà Nội")
    lines.append(f"- Địa điểm: {venue}.")
    doc.deadlines.append({"date": d.isoformat(), "precision": "day", "action": meeting})
    if rng.random() < 0.5:
        reg = d - dt.timedelta(days=rng.randint(1, 2))
        if reg > doc.date:
            action = "Các đơn vị gửi danh sách đại biểu tham dự về Văn phòng"
            doc.deadlines.append({"date": reg.isoformat(), "precision": "day", "action": action})
            lines.append(f"{action} trước ngày {doc.fmt_date(reg, 'slash')} để tổng hợp.")
    lines.append("Rất mong các đại biểu tham dự đầy đủ, đúng thời gian./.")
    return lines, subject


def body_ke_hoach(doc: Directive, topic: str, award: bool, kind: str) -> tuple[list[str], str]:
    rng = doc.rng
    iss = doc.issuer
    lines = [opening(doc, f"{iss.short} ban hành {'Kế hoạch' if kind == 'kh' else 'Hướng dẫn'} "
                          f"{topic} như sau:")]
    romans = iter(("I", "II", "III", "IV", "V", "VI"))
    if kind == "kh":
        lines += [f"{next(romans)}. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
                  "- Đánh giá kết quả đạt được, tồn tại, hạn chế và bài học kinh nghiệm.",
                  "2. Yêu cầu", "- Tổ chức thực hiện thiết thực, hiệu quả, tránh hình thức, lãng phí."]
    else:
        lines += [f"{next(romans)}. PHẠM VI, ĐỐI TƯỢNG ÁP DỤNG",
                  "Hướng dẫn này áp dụng đối với các cơ quan, đơn vị, địa phương."]
    r = next(romans)
    lines.append(f"{r}. {rng.choice(('NỘI DUNG', 'NHIỆM VỤ, GIẢI PHÁP', 'NỘI DUNG THỰC HIỆN'))}")
    lines += task_lines(doc, rng.randint(1, 2))
    if award or rng.random() < 0.2:
        lines += criteria_block(doc, next(romans), award_body(iss))
    if kind == "kh" and rng.random() < 0.6:
        lines.append(f"{next(romans)}. {rng.choice(('LỘ TRÌNH THỰC HIỆN', 'THỜI GIAN THỰC HIỆN'))}")
        y = doc.date.year
        for year, what in ((y + 1, "Sơ kết, đánh giá kết quả thực hiện"), (y + 3, "Tổng kết, khen thưởng")):
            if rng.random() < 0.85:
                lines.append(f"- Năm {year}: {what}.")
                doc.deadlines.append({"date": str(year), "precision": "year", "action": what})
    lines.append(f"{next(romans)}. TỔ CHỨC THỰC HIỆN")
    for i, actor in enumerate(rng.sample(ACTORS, rng.randint(1, 3)), 1):
        lines.append(f"{i}. {actor}")
        if rng.random() < 0.7:
            lines.append(doc.deadline_sentence("", rng.choice(REPORT_VERBS).format(to=report_to(iss))))
        else:
            lines.append("- " + rng.choice(NON_DEADLINE_TASKS))
    lines.append(rng.choice((
        f"Trên đây là {'Kế hoạch' if kind == 'kh' else 'Hướng dẫn'} {topic}; đề nghị các cơ quan, đơn vị "
        "nghiêm túc triển khai thực hiện./.",
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc kịp thời phản ánh để xem xét, giải quyết./.")))
    return lines, upper_first(topic)


def body_bao_cao(doc: Directive, topic: str, award: bool) -> tuple[list[str], str]:
    """A report: nearly every date in it is past (no deadline), a few plans for the next period may have one."""
    rng = doc.rng
    iss = doc.issuer
    y = doc.date.year
    period = rng.choice((f"6 tháng đầu năm {y}", f"năm {y - 1}" if doc.date.month < 4 else f"quý {(doc.date.month - 1) // 3} năm {y}"
                         if doc.date.month > 3 else f"năm {y - 1}", f"giai đoạn {y - 3} - {y - 1}"))
    subject = rng.choice((f"Kết quả {topic}", f"Kết quả thực hiện {topic}", f"Tình hình {topic}"))
    if str(y) not in topic:
        subject += rng.choice((" ", ", ")) + period
    lines = [opening(doc, f"{iss.short} báo cáo kết quả thực hiện như sau:")]
    lines.append(f"I. {rng.choice(('KẾT QUẢ THỰC HIỆN', 'KẾT QUẢ ĐẠT ĐƯỢC', 'TÌNH HÌNH TRIỂN KHAI THỰC HIỆN'))}")
    done = doc.earlier(30, 200)
    lines.append(f"1. Thực hiện {doc.cite('kh')}, ngày {doc.fmt_date(done, 'slash')} {iss.short} đã ban hành văn "
                 "bản hướng dẫn triển khai; các cơ quan, đơn vị đã xây dựng kế hoạch chi tiết.")
    lines.append("2. " + doc.past_sentence())
    lines.append(f"3. Đã tổ chức {rng.randint(2, 30)} lớp tập huấn với {rng.randint(100, 2000)} lượt người tham dự; "
                 f"tỷ lệ hoàn thành đạt {rng.randint(70, 99)}%.")
    lines.append("II. TỒN TẠI, HẠN CHẾ")
    lines.append("- Một số đơn vị chưa thực hiện nghiêm chế độ báo cáo; chất lượng báo cáo còn hạn chế.")
    lines.append(f"III. {rng.choice(('PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', 'NHIỆM VỤ TRỌNG TÂM', 'ĐỀ XUẤT, KIẾN NGHỊ'))}")
    lines.append("1. Tiếp tục triển khai đồng bộ các giải pháp đã đề ra.")
    if rng.random() < 0.5:
        lines.append("2. " + doc.event_month_sentence())
    lines.append(rng.choice((f"Trên đây là báo cáo kết quả {topic} {period} của {iss.short}./.",
                             f"{iss.short} báo cáo để cấp có thẩm quyền biết, chỉ đạo./.")))
    return lines, subject


def body_chi_thi(doc: Directive, topic: str, award: bool) -> tuple[list[str], str]:
    """A directive: background with past dates, then duties per body with due dates; an effective date."""
    rng = doc.rng
    iss = doc.issuer
    subject = rng.choice((f"Về việc {topic}", f"Về tăng cường {topic}", f"Về đẩy mạnh {topic}"))
    lines = [f"Thời gian qua, thực hiện {doc.cite()}, các cấp, các ngành đã đạt được nhiều kết quả tích cực. "
             "Tuy nhiên, việc triển khai ở một số nơi còn chậm, chưa đồng bộ.",
             f"Để {topic}, {iss.head_title.capitalize()} {iss.short} yêu cầu:"]
    for i, actor in enumerate(rng.sample(ACTORS, rng.randint(2, 3)), 1):
        lines.append(f"{i}. {actor}:")
        lines.append("- " + rng.choice(NON_DEADLINE_TASKS))
        if rng.random() < 0.75:
            lines.append(doc.deadline_sentence("", rng.choice(REPORT_VERBS).format(to=report_to(iss))))
    lines.append(rng.choice(("Chỉ thị này có hiệu lực kể từ ngày ký./.",
                             f"Chỉ thị này có hiệu lực thi hành kể từ ngày {doc.fmt_date(doc.later(1, 10))}./.")))
    return lines, subject


def body_to_trinh(doc: Directive, topic: str, award: bool) -> tuple[list[str], str]:
    """A submission to a superior: legal bases, the proposal, past dates; no deadline of its own."""
    rng = doc.rng
    iss = doc.issuer
    subject = rng.choice((f"Về việc đề nghị phê duyệt kế hoạch {topic}", f"Đề nghị ban hành Kế hoạch {topic}"))
    lines = [f"Căn cứ {doc.cite()};", f"Căn cứ {doc.cite()};",
             f"{iss.short} kính trình {rng.choice(('Ủy ban nhân dân tỉnh', 'UBND tỉnh', 'Bộ trưởng'))} xem xét, "
             f"phê duyệt kế hoạch {topic}, với các nội dung chính như sau:",
             "1. Sự cần thiết: " + doc.past_sentence(),
             f"2. Kinh phí thực hiện: {rng.randint(100, 900)} triệu đồng từ nguồn ngân sách nhà nước.",
             f"{iss.short} kính trình xem xét, quyết định./."]
    return lines, subject


# ---- layout ----

DOC_TYPES = {  # key: (doc_type, heading, type code in the symbol)
    "cv": ("Công văn", None, None), "qd": ("Quyết định", "QUYẾT ĐỊNH", "QĐ"), "tb": ("Thông báo", "THÔNG BÁO", "TB"),
    "gm": ("Giấy mời", "GIẤY MỜI", "GM"), "kh": ("Kế hoạch", "KẾ HOẠCH", "KH"), "hd": ("Hướng dẫn", "HƯỚNG DẪN", "HD"),
    "bc": ("Báo cáo", "BÁO CÁO", "BC"), "ct": ("Chỉ thị", "CHỈ THỊ", "CT"), "ttr": ("Tờ trình", "TỜ TRÌNH", "TTr"),
}
DAMAGE = {  # light OCR-style damage in the anchors themselves (not in gold values)
    "Số:": ("S6:", "SO:", "Sé:", "Số;"), "Kính gửi:": ("Kinh gui:", "Kính gũi:", "Kinh gửi:"),
    "Nơi nhận:": ("Noi nhn:", "Nơi nhân:", "Noi nhan:"),
}
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def header_break(name: str) -> int | None:
    """Where a long header name breaks: before its place ("ỦY BAN NHÂN DÂN / TỈNH X"), else after a comma or
    before "VÀ" ("SỞ VĂN HÓA, THỂ THAO / VÀ DU LỊCH"); None when there is no natural break."""
    for marker in (" TỈNH ", " THÀNH PHỐ ", " HUYỆN ", " VÀ "):
        at = name.find(marker)
        if at > 0:
            return at
    at = name.find(", ")
    return at + 1 if at > 0 else None


def wrap(text: str, width: int | None) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) if width else [text]


def make_directive(rng: random.Random, index: int, kind: str) -> tuple[str, str, dict]:
    """One document: (doc id, text, gold)."""
    day0 = dt.date(2015, 1, 5).toordinal()
    date = dt.date.fromordinal(rng.randint(day0, dt.date(2026, 11, 30).toordinal()))
    iss = make_issuer(rng, date)
    while kind == "ct" and not (iss.code == "UBND" or (iss.province is None and iss.parent is None)):
        iss = make_issuer(rng, date)  # a chỉ thị comes from a people's committee or a minister
    doc = Directive(rng=rng, date=date, issuer=iss)
    doc_type, heading, type_code = DOC_TYPES[kind]

    unit = rng.choice(iss.units)
    if kind == "cv":  # a công văn has no type code: issuer code + drafting unit
        symbol = f"{iss.code}-{unit}" if unit else iss.code
    else:
        symbol = f"{type_code}-{iss.code}"
    blank_number = kind in ("kh", "hd", "tb") and rng.random() < 0.12
    number = None if blank_number else (f"{rng.randint(1, 9):02d}" if rng.random() < 0.15 else
                                        str(rng.randint(10, 2999)))
    with_year = kind == "qd" and rng.random() < 0.25
    own = (f"{number}/{date.year}/{symbol}" if with_year else f"{number}/{symbol}") if number else None
    if own:
        doc.own_refs.add(own)
    partial_date = blank_number and rng.random() < 0.7
    topic, award = topic_text(rng, date)
    if kind == "cv":
        body, subject = body_cong_van(doc, topic, award)
    elif kind == "qd":
        body, subject = body_quyet_dinh(doc, topic, award)
    elif kind == "tb":
        body, subject = body_thong_bao(doc, topic, award)
    elif kind == "gm":
        body, subject = body_giay_moi(doc, topic, award)
    elif kind == "bc":
        body, subject = body_bao_cao(doc, topic, award)
    elif kind == "ct":
        body, subject = body_chi_thi(doc, topic, award)
    elif kind == "ttr":
        body, subject = body_to_trinh(doc, topic, award)
    else:
        body, subject = body_ke_hoach(doc, topic, award, kind)

    damaged = rng.random() < 0.2
    anchor = {k: (rng.choice(v) if damaged and rng.random() < 0.6 else k) for k, v in DAMAGE.items()}
    # ---- header ----
    num_txt = anchor["Số:"] + rng.choice((" ", " ", "  ")) + (own or f"{' ' * rng.randint(1, 6)}/{symbol}")
    if number and rng.random() < 0.15:
        num_txt = num_txt.replace(f"{number}/", f"{number} /")
    day_txt = f"{date.day:02d}" if date.day < 10 and rng.random() < 0.6 else str(date.day)
    month_txt = f"{date.month:02d}" if date.month <= 2 and rng.random() < 0.6 else str(date.month)
    if partial_date:
        date_line = f"{iss.place}, ngày{' ' * rng.randint(1, 5)}tháng {month_txt} năm {date.year}"
        gold_date = f"{date.year}-{date.month:02d}"
    elif rng.random() < 0.04:  # OCR lost the day ("ng&y/4gr tháng 4 năm 2022"): gold keeps the month only
        date_line = f"{iss.place}, ng&y{rng.choice(('..', ' l~', '/4gr', ' _'))} tháng {month_txt} năm {date.year}"
        gold_date = f"{date.year}-{date.month:02d}"
        partial_date = True
    else:
        date_line = f"{iss.place}, ngày {day_txt} tháng {month_txt} năm {date.year}"
        gold_date = date.isoformat()
    width = rng.choice((None, None, 72, 84))  # None: one paragraph per line (born-digital); else OCR-like wraps
    left = []
    for name in iss.header:  # a long name breaks over two lines in a narrow column, where a typesetter would
        cut = header_break(name)
        if cut and len(name) > 24 and rng.random() < 0.5:
            left += [name[:cut].rstrip(), name[cut:].lstrip()]
        else:
            left.append(name)
    if rng.random() < 0.3:
        left.append("-------")
    left.append(num_txt)
    vv_lines = wrap(subject, rng.choice((36, 44, 60))) if kind == "cv" else []
    if rng.random() < 0.12 and kind == "cv":
        left.insert(len(left) - 1, "")  # no effect on meaning: a blank line inside the column
    right = [MOTTO[0], MOTTO[1], date_line]
    layout = rng.choice(("one-line", "one-line", "split", "out-of-order"))
    header: list[str] = []
    if layout == "one-line":
        names = [x for x in left if x != num_txt]
        for i in range(max(len(names), 2)):
            lft = names[i] if i < len(names) else ""
            rgt = MOTTO[i] if i < 2 else ""
            header.append((lft + "   " + rgt).strip())
        header.append(f"{num_txt}    {date_line}")
        header += vv_lines
    elif layout == "split":
        header += left + vv_lines + [""] + right
    else:
        header += list(MOTTO) + [""] + [x for x in left if x != num_txt] + [date_line, num_txt] + vv_lines
    stamp = None
    if rng.random() < 0.2:
        got = date + dt.timedelta(days=rng.randint(1, 9))
        stamp = ["CÔNG VĂN ĐẾN", f"Số: {rng.randint(10, 9999)}", f"Ngày: {got.day}/{got.month}/{got.year}"]
        if rng.random() < 0.5:
            stamp = [" ".join(stamp)]
        pos = rng.choice((0, len(header)))
        header[pos:pos] = stamp
    # ---- title, recipients, body ----
    lines = header + [""]
    if heading:
        lines += [heading] + wrap(subject, rng.choice((None, 60, 70))) + [""]
    to_items: list[str] = []
    superiors = [iss.parent] if iss.parent else ["Bộ Nội vụ", "Văn phòng Chính phủ"] if iss.province \
        else ["Thủ tướng Chính phủ"]
    if kind in ("ttr", "bc") and (kind == "ttr" or rng.random() < 0.6):  # to superiors (Nghị định 30)
        pool = superiors
    elif kind in ("cv", "gm") or (kind == "tb" and rng.random() < 0.3):
        pool = list(TO_LOCAL if iss.province else TO_CENTRAL)
    else:
        pool = []
    if pool:
        to_items = rng.sample(pool, rng.randint(1, min(5, len(pool))) if kind not in ("ttr", "bc") else 1)
        if len(to_items) == 1 and rng.random() < 0.7:
            lines.append(f"{anchor['Kính gửi:']} {to_items[0]}.")
        elif len(to_items) in (2, 3) and rng.random() < 0.3:
            lines.append(f"{anchor['Kính gửi:']} {'; '.join(to_items)}.")
        else:
            lines.append(anchor["Kính gửi:"])
            for j, item in enumerate(to_items):
                lines.append(f"- {item}{'.' if j == len(to_items) - 1 else ';'}")
        lines.append("")
    boundaries = []  # line indices between body paragraphs, where a page may end
    for para in body:
        boundaries.append(len(lines))
        lines += wrap(para, width) if para else [""]
        if width is None and para:
            lines.append("")
    pages = 1
    if len(boundaries) > 6 and rng.random() < 0.5:  # a page break, with a page number or a footer
        at = boundaries[rng.randint(len(boundaries) // 3, len(boundaries) - 2)]
        pages = 2
        lines[at:at] = rng.choice((["\f2"], ["\f"], ["Trang 1/2", "\f"], ["\f- 2 -"]))
    # ---- closing: Nơi nhận + signer ----
    first = "Như Điều 3" if kind == "qd" else "Như Kính gửi" if to_items else "Như trên"
    cc = [rng.choice((first, "Như trên"))] + rng.sample(CC_LOCAL if iss.province else CC_CENTRAL, rng.randint(1, 4))
    lưu = rng.choice(("Lưu: VT, TH", "Lưu VT", "Lưu: VT, TCCB", f"Lưu: VT, {unit or 'VP'}"))
    cc.append(lưu)
    cc_lines = [anchor["Nơi nhận:"]]
    k = 0
    while k < len(cc):
        if k + 1 < len(cc) - 1 and rng.random() < 0.15:  # one line naming two recipients
            cc_lines.append(f"- {cc[k]}; {cc[k + 1]};")
            k += 2
        else:
            cc_lines.append(f"- {cc[k]}{'.' if k == len(cc) - 1 else ';'}")
            k += 1
    title = signer_block(rng, iss, kind)
    signer = person(rng)
    sign_lines = list(title)
    if rng.random() < 0.25:
        sign_lines.append(rng.choice(("(Đã ký)", "(đã ký)", "[Chữ ký số]")))
    elif rng.random() < 0.2:  # seal residue read by OCR between the title and the name
        seal = iss.header[-1] if len(iss.header[-1]) < 30 else iss.header[0]
        sign_lines.append(rng.choice((f"* {seal} *", f"{seal.split()[-1]} *", "* *")))
    else:
        sign_lines.append("")
    sign_lines.append(signer)
    closing = rng.choice(("cc-first", "sign-first", "interleaved"))
    if closing == "cc-first":
        lines += [""] + cc_lines + [""] + sign_lines
    elif closing == "sign-first":
        lines += [""] + sign_lines + [""] + cc_lines
    else:
        rows = max(len(cc_lines), len(title))
        for i in range(rows):
            lft = cc_lines[i] if i < len(cc_lines) else ""
            rgt = title[i] if i < len(title) else ""
            lines.append(f"{lft}    {rgt}".strip())
        lines += sign_lines[len(title):]
    if kind == "qd" and own and rng.random() < 0.5:  # appendix header citing the decision's own number
        lines += ["", "KẾ HOẠCH", upper_first(topic),
                  f"(Ban hành kèm theo Quyết định số {own} ngày "
                  f"{f'   tháng {date.month} năm {date.year}' if partial_date else doc.fmt_date(date, 'slash')}"
                  f" của {iss.short})",
                  "", "I. MỤC ĐÍCH, YÊU CẦU", "1. Bảo đảm thực hiện đồng bộ, hiệu quả các nhiệm vụ."]
    if rng.random() < 0.1:
        lines.append(f"http://{rng.choice(('vpub', 'snv', 'congbao', 'dichvucong'))}.gov.vn/")
    text = "\n".join(lines).rstrip() + "\n"
    gold = {
        "doc_type": doc_type, "number": number, "symbol": symbol, "issuer": iss.issuer,
        "issuer_parent": iss.parent, "province": iss.province, "place": iss.place, "date": gold_date,
        "subject": " ".join(subject.split()), "recipients_to": to_items, "recipients_cc": cc,
        "signer": signer, "signer_title": " ".join(title), "deadlines": doc.deadlines,
        "references": [{"ref": r, "date": d} for r, d in doc.references.items()], "criteria": doc.criteria,
    }
    if iss.accept_province:
        gold["accept_province"] = list(iss.accept_province)
    gold["variant"] = {"header": layout, "closing": closing, "stamp": stamp is not None, "damaged_anchors":
                       sorted(v for k_, v in anchor.items() if v != k_), "wrapped": width is not None, "pages": pages}
    doc_id = f"dir{index:03d}_{kind}"
    return doc_id, text, gold


def generate(seed: int, count: int) -> list[tuple[str, str, dict]]:
    """`count` documents, cycling through the types so each is well represented."""
    rng = random.Random(seed)
    kinds = ("cv", "qd", "kh", "hd", "tb", "gm", "cv", "kh", "bc", "ct", "ttr")
    return [make_directive(rng, i + 1, kinds[i % len(kinds)]) for i in range(count)]


def base_seed() -> int:
    data = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    return int(data["base"]["seed"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=None, help="default: params.yaml base.seed")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from pipeline.store import atomic_write_text, dumps_json

    docs = generate(args.seed if args.seed is not None else base_seed(), args.count)
    keep = {f"{doc_id}{ext}" for doc_id, _, _ in docs for ext in (".txt", ".json")}
    for old in sorted(args.out.glob("dir*_*.*")):
        if old.name not in keep:
            old.unlink()
    for doc_id, text, gold in docs:
        ordered = {k: gold[k] for k in GOLD_KEYS} | {k: v for k, v in gold.items() if k not in GOLD_KEYS}
        atomic_write_text(args.out / f"{doc_id}.txt", text)
        atomic_write_text(args.out / f"{doc_id}.json", dumps_json(ordered))
    print(f"wrote {len(docs)} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

