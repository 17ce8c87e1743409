"""Write corpus/train/generated_directives.txt: template directives in formal administrative Vietnamese.

    .venv/bin/python scripts/make_corpus.py [--documents N] [--cache-dir DIR]

The phrase banks below are written for this project (Apache-2.0); province and district names come from
vietnamadminunits 1.0.4 (MIT, `data/parser_legacy.json`). Each document draws an issuer, a document type,
a topic with its legal bases, tasks and agencies, dates and a signer, so the LM sees the vocabulary of
directives (issuers, offices, campaigns, award forms, deadlines, citations, headers, signer blocks) in
many combinations. Seeded: re-running gives identical bytes. Nothing here reads bench/gold/ or the samples.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data_sources import DEFAULT_CACHE_DIR, read_wheel_text  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "corpus" / "train" / "generated_directives.txt"
SEED = 20261122
DOCUMENTS = 300

# fmt: off
DEPARTMENTS = [  # (name, code)
    ("Sở Nội vụ", "SNV"), ("Sở Tài chính", "STC"), ("Sở Y tế", "SYT"), ("Sở Xây dựng", "SXD"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"), ("Sở Tài nguyên và Môi trường", "STNMT"),
    ("Sở Giao thông vận tải", "SGTVT"), ("Sở Kế hoạch và Đầu tư", "SKHĐT"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNN"), ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"), ("Sở Thông tin và Truyền thông", "STTTT"),
    ("Sở Khoa học và Công nghệ", "SKHCN"), ("Sở Tư pháp", "STP"), ("Sở Công Thương", "SCT"),
    ("Thanh tra tỉnh", "TTr"), ("Ban Dân tộc tỉnh", "BDT"),
]
DOC_TYPES = [  # (title, code, verb of the closing line)
    ("KẾ HOẠCH", "KH", "ban hành Kế hoạch"), ("QUYẾT ĐỊNH", "QĐ", "quyết định"),
    ("THÔNG BÁO", "TB", "thông báo"), ("HƯỚNG DẪN", "HD", "hướng dẫn"), ("BÁO CÁO", "BC", "báo cáo"),
    ("CHỈ THỊ", "CT", "chỉ thị"), ("TỜ TRÌNH", "TTr", "trình"), ("CÔNG VĂN", "", "đề nghị"),
    ("GIẤY MỜI", "GM", "tổ chức hội nghị"), ("CÔNG ĐIỆN", "CĐ", "yêu cầu"),
]
TOPICS = [
    {
        "name": "công tác thi đua, khen thưởng",
        "laws": ["Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                 "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
                 "Thông tư số 01/2024/TT-BNV ngày 19 tháng 02 năm 2024 của Bộ Nội vụ"],
        "goals": ["phát động sâu rộng các phong trào thi đua yêu nước", "kịp thời biểu dương, tôn vinh các tập thể, cá nhân có thành tích xuất sắc",
                  "phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến", "khen thưởng chính xác, công khai, công bằng, kịp thời"],
        "tasks": ["tổ chức bình xét danh hiệu thi đua và hình thức khen thưởng cuối năm", "hoàn thiện hồ sơ đề nghị tặng Bằng khen, Cờ thi đua",
                  "đăng ký thi đua và ký kết giao ước thi đua giữa các đơn vị trong Khối", "tổng kết phong trào thi đua, lựa chọn gương người tốt, việc tốt",
                  "đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh và Tập thể lao động xuất sắc", "xét tặng Huân chương Lao động hạng Ba, Bằng khen của Thủ tướng Chính phủ"],
        "nouns": ["danh hiệu thi đua", "hình thức khen thưởng", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                  "Giấy khen", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Huân chương Lao động"],
    },
    {
        "name": "quản lý, sử dụng ngân sách nhà nước",
        "laws": ["Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015", "Nghị định số 163/2016/NĐ-CP ngày 21 tháng 12 năm 2016 của Chính phủ",
                 "Luật Thực hành tiết kiệm, chống lãng phí ngày 26 tháng 11 năm 2013"],
        "goals": ["quản lý chặt chẽ, sử dụng tiết kiệm, hiệu quả ngân sách nhà nước", "phấn đấu thu ngân sách vượt dự toán được giao",
                  "đẩy nhanh tiến độ giải ngân vốn đầu tư công"],
        "tasks": ["rà soát các khoản chi thường xuyên, cắt giảm hội nghị, hội thảo, đi công tác", "lập dự toán thu, chi ngân sách năm sau đúng thời hạn",
                  "công khai dự toán, quyết toán ngân sách theo quy định", "xử lý dứt điểm nợ đọng thuế, chống thất thu ngân sách",
                  "thẩm tra quyết toán dự án hoàn thành", "điều chuyển vốn từ dự án chậm giải ngân sang dự án có khối lượng hoàn thành"],
        "nouns": ["dự toán ngân sách", "vốn đầu tư công", "kinh phí chi thường xuyên", "nguồn dự phòng ngân sách", "quyết toán ngân sách", "tỷ lệ giải ngân"],
    },
    {
        "name": "phòng, chống dịch bệnh và chăm sóc sức khỏe Nhân dân",
        "laws": ["Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007", "Luật Khám bệnh, chữa bệnh ngày 09 tháng 01 năm 2023",
                 "Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008"],
        "goals": ["chủ động phòng, chống dịch bệnh, không để dịch lớn xảy ra", "nâng cao chất lượng khám bệnh, chữa bệnh",
                  "bảo đảm an toàn thực phẩm", "mở rộng độ bao phủ bảo hiểm y tế"],
        "tasks": ["giám sát chặt chẽ, phát hiện sớm và xử lý triệt để các ổ dịch", "tổ chức tiêm chủng đầy đủ, đúng lịch cho trẻ em",
                  "kiểm tra an toàn thực phẩm tại các bếp ăn tập thể, trường học", "bảo đảm đủ thuốc, vật tư, trang thiết bị y tế",
                  "tuyên truyền người dân thực hiện các biện pháp phòng bệnh", "củng cố mạng lưới y tế cơ sở, trạm y tế xã"],
        "nouns": ["dịch bệnh", "bệnh sốt xuất huyết", "vắc xin", "trạm y tế xã", "bảo hiểm y tế", "cơ sở khám bệnh, chữa bệnh"],
    },
    {
        "name": "phát triển giáo dục và đào tạo",
        "laws": ["Luật Giáo dục ngày 14 tháng 6 năm 2019", "Nghị quyết số 29-NQ/TW ngày 04 tháng 11 năm 2013 của Ban Chấp hành Trung ương"],
        "goals": ["nâng cao chất lượng giáo dục toàn diện", "thực hiện hiệu quả chương trình giáo dục phổ thông",
                  "bảo đảm đủ giáo viên, phòng học, thiết bị dạy học"],
        "tasks": ["sắp xếp mạng lưới trường, lớp hợp lý", "bồi dưỡng đội ngũ giáo viên, cán bộ quản lý giáo dục",
                  "tổ chức kỳ thi tốt nghiệp trung học phổ thông an toàn, nghiêm túc", "huy động trẻ em trong độ tuổi đến trường",
                  "mua sắm thiết bị dạy học tối thiểu, sách giáo khoa", "phòng, chống bạo lực học đường và đuối nước ở trẻ em"],
        "nouns": ["năm học", "học sinh", "giáo viên", "cơ sở giáo dục", "chương trình giáo dục phổ thông", "phổ cập giáo dục"],
    },
    {
        "name": "quản lý đất đai và bảo vệ môi trường",
        "laws": ["Luật Đất đai ngày 18 tháng 01 năm 2024", "Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020",
                 "Nghị định số 08/2022/NĐ-CP ngày 10 tháng 01 năm 2022 của Chính phủ"],
        "goals": ["tăng cường quản lý nhà nước về đất đai, tài nguyên, môi trường", "xử lý nghiêm các vi phạm pháp luật về đất đai",
                  "bảo vệ môi trường, thích ứng với biến đổi khí hậu"],
        "tasks": ["cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân", "rà soát quy hoạch, kế hoạch sử dụng đất cấp huyện",
                  "thu gom, xử lý chất thải rắn sinh hoạt", "kiểm tra việc chấp hành pháp luật về môi trường của các cơ sở sản xuất",
                  "giải quyết dứt điểm đơn thư khiếu nại về đất đai", "lập phương án bồi thường, hỗ trợ, tái định cư"],
        "nouns": ["quyền sử dụng đất", "giải phóng mặt bằng", "chất thải rắn", "tài nguyên khoáng sản", "giá đất", "quy hoạch sử dụng đất"],
    },
    {
        "name": "bảo đảm trật tự, an toàn giao thông",
        "laws": ["Luật Trật tự, an toàn giao thông đường bộ ngày 27 tháng 6 năm 2024", "Nghị định số 100/2019/NĐ-CP ngày 30 tháng 12 năm 2019 của Chính phủ"],
        "goals": ["kiềm chế, kéo giảm tai nạn giao thông trên cả ba tiêu chí", "nâng cao ý thức chấp hành pháp luật về giao thông của người tham gia giao thông"],
        "tasks": ["tuần tra, kiểm soát, xử lý nghiêm vi phạm về nồng độ cồn, tốc độ", "rà soát, khắc phục các điểm đen, điểm tiềm ẩn tai nạn giao thông",
                  "bảo đảm an toàn giao thông trong dịp lễ, Tết", "sửa chữa, duy tu các tuyến đường xuống cấp", "lắp đặt biển báo, hệ thống chiếu sáng"],
        "nouns": ["tai nạn giao thông", "kết cấu hạ tầng giao thông", "người tham gia giao thông", "tuyến quốc lộ", "phương tiện"],
    },
    {
        "name": "phòng, chống thiên tai và tìm kiếm cứu nạn",
        "laws": ["Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013", "Nghị định số 66/2021/NĐ-CP ngày 06 tháng 7 năm 2021 của Chính phủ"],
        "goals": ["chủ động ứng phó, giảm thiểu thiệt hại do thiên tai gây ra", "thực hiện tốt phương châm bốn tại chỗ"],
        "tasks": ["theo dõi chặt chẽ diễn biến mưa lũ, kịp thời cảnh báo cho người dân", "sơ tán dân ra khỏi vùng nguy hiểm, vùng có nguy cơ sạt lở",
                  "kiểm tra an toàn hồ chứa, đê điều, công trình thủy lợi", "chuẩn bị lực lượng, phương tiện, lương thực sẵn sàng ứng cứu",
                  "khắc phục hậu quả, hỗ trợ người dân ổn định đời sống"],
        "nouns": ["lũ quét", "sạt lở đất", "mưa lớn", "bão", "hồ chứa nước", "Quỹ phòng, chống thiên tai"],
    },
    {
        "name": "chuyển đổi số và cải cách hành chính",
        "laws": ["Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ", "Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ",
                 "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư"],
        "goals": ["xây dựng chính quyền số, nền hành chính phục vụ", "nâng cao chỉ số cải cách hành chính và sự hài lòng của người dân"],
        "tasks": ["cung cấp dịch vụ công trực tuyến toàn trình", "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                  "sử dụng chữ ký số trong gửi, nhận văn bản điện tử", "rà soát, đơn giản hóa thủ tục hành chính",
                  "bảo đảm an toàn thông tin mạng cho các hệ thống thông tin", "khai thác Cơ sở dữ liệu quốc gia về dân cư"],
        "nouns": ["thủ tục hành chính", "dịch vụ công trực tuyến", "văn bản điện tử", "chữ ký số", "hồ sơ trực tuyến", "bộ phận một cửa"],
    },
    {
        "name": "công tác tổ chức cán bộ",
        "laws": ["Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008", "Luật Viên chức ngày 15 tháng 11 năm 2010",
                 "Nghị định số 138/2020/NĐ-CP ngày 27 tháng 11 năm 2020 của Chính phủ về tuyển dụng, sử dụng và quản lý công chức"],
        "goals": ["xây dựng đội ngũ cán bộ, công chức, viên chức chuyên nghiệp, có phẩm chất đạo đức tốt", "siết chặt kỷ luật, kỷ cương hành chính"],
        "tasks": ["rà soát vị trí việc làm, cơ cấu ngạch công chức", "tổ chức thi tuyển, xét tuyển công chức, viên chức",
                  "đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức cuối năm", "cử cán bộ đi đào tạo, bồi dưỡng chuyên môn, nghiệp vụ",
                  "thực hiện tinh giản biên chế theo quy định", "kiện toàn tổ chức bộ máy các cơ quan chuyên môn"],
        "nouns": ["biên chế", "vị trí việc làm", "công chức", "viên chức", "kỷ luật, kỷ cương", "bổ nhiệm"],
    },
    {
        "name": "xây dựng nông thôn mới và giảm nghèo bền vững",
        "laws": ["Quyết định số 263/QĐ-TTg ngày 22 tháng 02 năm 2022 của Thủ tướng Chính phủ", "Quyết định số 90/QĐ-TTg ngày 18 tháng 01 năm 2022 của Thủ tướng Chính phủ"],
        "goals": ["nâng cao đời sống vật chất, tinh thần của người dân nông thôn", "giảm tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều"],
        "tasks": ["hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế", "xây dựng xã đạt chuẩn nông thôn mới nâng cao",
                  "hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo", "phát triển sản phẩm OCOP", "đào tạo nghề cho lao động nông thôn"],
        "nouns": ["hộ nghèo", "nông thôn mới", "chương trình mục tiêu quốc gia", "sản phẩm OCOP", "tiêu chí"],
    },
    {
        "name": "phát triển văn hóa, thể thao và du lịch",
        "laws": ["Luật Du lịch ngày 19 tháng 6 năm 2017", "Luật Di sản văn hóa ngày 29 tháng 6 năm 2001"],
        "goals": ["bảo tồn, phát huy giá trị di sản văn hóa", "xây dựng môi trường văn hóa lành mạnh", "phát triển du lịch thành ngành kinh tế mũi nhọn"],
        "tasks": ["tổ chức các hoạt động văn hóa, văn nghệ, thể dục thể thao chào mừng ngày lễ lớn", "quản lý chặt chẽ hoạt động lễ hội",
                  "xây dựng gia đình văn hóa, thôn, tổ dân phố văn hóa", "quảng bá, xúc tiến du lịch", "tu bổ, tôn tạo di tích lịch sử"],
        "nouns": ["di tích", "lễ hội", "phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa", "khách du lịch", "văn hóa công sở"],
    },
    {
        "name": "bảo đảm an sinh xã hội và chính sách người có công",
        "laws": ["Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 năm 2020", "Luật Bảo hiểm xã hội ngày 20 tháng 11 năm 2014"],
        "goals": ["thực hiện đầy đủ, kịp thời chính sách đối với người có công", "chăm lo đời sống các đối tượng bảo trợ xã hội"],
        "tasks": ["tổ chức thăm hỏi, tặng quà gia đình chính sách nhân dịp Tết", "chi trả trợ cấp ưu đãi đúng đối tượng, đúng thời gian",
                  "tu bổ, nâng cấp nghĩa trang liệt sĩ", "giải quyết việc làm, xuất khẩu lao động", "phát triển đối tượng tham gia bảo hiểm xã hội tự nguyện"],
        "nouns": ["người có công", "trợ cấp", "bảo trợ xã hội", "gia đình chính sách", "bảo hiểm xã hội", "lao động"],
    },
]
OPENINGS = [
    "Thực hiện chỉ đạo của {superior} tại Văn bản số {num}/{sup_code}-{sup_office} ngày {date}, {issuer} {verb} như sau:",
    "Nhằm {goal}, {issuer} {verb} như sau:",
    "Để {goal} trong thời gian tới, {issuer} đề nghị các cơ quan, đơn vị, địa phương thực hiện tốt một số nội dung sau:",
    "Trong thời gian qua, {topic} trên địa bàn đã đạt được những kết quả quan trọng; tuy nhiên vẫn còn một số tồn tại, hạn chế cần khắc phục.",
    "Căn cứ tình hình thực tế và yêu cầu nhiệm vụ, {issuer} {verb} về {topic} như sau:",
]
TASK_FRAMES = [
    "{agency} chủ trì, phối hợp với {agency2} {task}; báo cáo kết quả về {superior} trước ngày {deadline}.",
    "Giao {agency} {task}, bảo đảm đúng quy định và hoàn thành trước ngày {deadline}.",
    "Yêu cầu {agency} tập trung {task}; kịp thời tham mưu {superior} giải quyết những khó khăn, vướng mắc phát sinh.",
    "{agency} có trách nhiệm {task}, đồng thời hướng dẫn, kiểm tra, đôn đốc các đơn vị trực thuộc triển khai thực hiện.",
    "Đề nghị {agency} quan tâm chỉ đạo {task}; định kỳ hằng tháng tổng hợp, báo cáo {superior}.",
    "Tiếp tục {task}, gắn với {goal}.",
    "Tăng cường công tác thanh tra, kiểm tra việc {task}; xử lý nghiêm các trường hợp vi phạm theo quy định của pháp luật.",
    "Chú trọng công tác thông tin, tuyên truyền về {noun} để cán bộ, đảng viên và Nhân dân hiểu rõ, đồng thuận thực hiện.",
    "Phấn đấu đến hết năm {year}, {percent}% đơn vị hoàn thành việc {task}.",
    "Kinh phí thực hiện các nhiệm vụ về {topic} được bố trí trong dự toán ngân sách năm {year} của các cơ quan, đơn vị theo phân cấp hiện hành.",
]
CLOSINGS = [
    "Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch Ủy ban nhân dân các {units} nghiêm túc triển khai thực hiện./.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các đơn vị phản ánh về {issuer} để được hướng dẫn, giải quyết./.",
    "{issuer} đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
    "Trên đây là {title_lower} của {issuer}, đề nghị các cơ quan, đơn vị, địa phương triển khai thực hiện./.",
]
SIGNER_TITLES = [
    ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", ""),
    ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", ""), ("GIÁM ĐỐC", "", ""), ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", ""),
    ("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", ""), ("Q. GIÁM ĐỐC", "", ""), ("TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ", ""),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Ngọc", "Xuân", "Anh", "Công", "Hồng"]
GIVEN = ["Hùng", "Lan", "Hải", "Dũng", "Hương", "Tuấn", "Nam", "Hà", "Sơn", "Thủy", "Long", "Phương", "Hòa", "Thắng",
         "Cường", "Yến", "Bình", "Trung", "Nghĩa", "Khánh", "Quyết", "Thảo", "Vinh", "Hiếu"]
# fmt: on


def admin_units(cache_dir: Path) -> list[tuple[str, list[str]]]:
    """(province short name, [district full names]) from vietnamadminunits' legacy (63-province) table."""
    data = json.loads(read_wheel_text("vietnamadminunits", "vietnamadminunits/data/parser_legacy.json", cache_dir))
    provinces = data["DICT_PROVINCE"]
    districts = data["DICT_PROVINCE_DISTRICT"]
    units = []
    for key in sorted(provinces):
        names = sorted(d["district"] for d in districts.get(key, {}).values())
        units.append((provinces[key]["provinceShort"], names))
    return units


def date_text(rng: random.Random, year: int) -> str:
    return f"{rng.randint(1, 28):02d} tháng {rng.randint(1, 12)} năm {year}"


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def make_document(rng: random.Random, units: list[tuple[str, list[str]]]) -> str:
    province, districts = rng.choice(units)
    year = rng.randint(2019, 2025)
    title, type_code, verb = rng.choice(DOC_TYPES)
    topic = rng.choice(TOPICS)
    level = rng.random()
    if level < 0.4:
        parent, issuer, code, place = "ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}", "UBND", province
        issuer_name, superior, units_word = "Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh", "huyện, thị xã, thành phố"
    elif level < 0.75 or not districts:
        dept, code = rng.choice(DEPARTMENTS)
        parent, issuer, place = f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}", dept.upper(), province
        issuer_name, superior, units_word = dept, "Ủy ban nhân dân tỉnh", "huyện, thị xã, thành phố"
    else:
        district = rng.choice(districts)
        kind, _, short = district.partition(" ")
        if kind in ("Thành", "Thị"):
            kind, short = " ".join(district.split()[:2]), " ".join(district.split()[2:])
        parent, issuer, code, place = "ỦY BAN NHÂN DÂN", district.upper(), "UBND", short
        issuer_name, superior, units_word = f"Ủy ban nhân dân {kind.lower()}", f"Ủy ban nhân dân {kind.lower()}", "xã, phường, thị trấn"
    number = rng.randint(1, 2999)
    symbol = f"{type_code}-{code}" if type_code else f"{code}-{rng.choice(['VP', 'NC', 'KT', 'TH', 'KGVX', 'TĐKT'])}"
    agencies = [d for d, _ in DEPARTMENTS if d != issuer_name] + [f"Ủy ban nhân dân các {units_word}", "Công an tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"]
    lines = [parent, issuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             f"Số: {number:02d}/{symbol}", f"{place}, ngày {date_text(rng, year)}"]
    if type_code:
        lines += [title, f"{rng.choice(['Về việc', 'Về', 'Triển khai', 'Tăng cường'])} {topic['name']} năm {year}"]
    else:
        lines += [f"V/v {rng.choice(['triển khai', 'tăng cường', 'hướng dẫn thực hiện'])} {topic['name']}",
                  "Kính gửi:", f"- {rng.choice(agencies)};", f"- {rng.choice(agencies)}."]
    for law in rng.sample(topic["laws"], k=min(len(topic["laws"]), rng.randint(1, 3))):
        lines.append(f"Căn cứ {law};")
    slots = {
        "superior": superior if rng.random() < 0.7 else "Thủ tướng Chính phủ", "issuer": issuer_name, "verb": verb,
        "topic": topic["name"], "num": rng.randint(10, 3000), "sup_code": rng.choice(["UBND", "TTg", "BNV", "VPCP"]),
        "sup_office": rng.choice(["VP", "NC", "KT", "TH"]), "date": date_text(rng, year), "units": units_word,
        "title_lower": title.capitalize().lower(),
    }
    lines.append(rng.choice(OPENINGS).format(goal=rng.choice(topic["goals"]), **slots))
    sections = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ, GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN"] if rng.random() < 0.5 else []
    n_tasks = rng.randint(4, 9)
    for i in range(n_tasks):
        if sections and i % 3 == 0:
            lines.append(sections.pop(0))
        frame = rng.choice(TASK_FRAMES)
        agency, agency2 = rng.sample(agencies, 2)
        deadline = f"{rng.randint(1, 28):02d} tháng {rng.randint(1, 12)} năm {year}"
        text = frame.format(agency=agency, agency2=agency2, task=rng.choice(topic["tasks"]), goal=rng.choice(topic["goals"]), topic=topic["name"],
                            noun=rng.choice(topic["nouns"]), deadline=deadline, year=year, percent=rng.choice([80, 90, 95, 100]),
                            superior=slots["superior"])
        lines.append(f"{i + 1}. {text[0].upper()}{text[1:]}")
    lines.append(rng.choice(CLOSINGS).format(**slots))
    lines += ["Nơi nhận:", "- Như trên;", f"- {superior} (b/c);", f"- {rng.choice(agencies)};", f"- Lưu: VT, {rng.choice(['TH', 'NC', 'KT', 'TĐKT', 'VX'])}."]
    lines += [t for t in rng.choice(SIGNER_TITLES) if t] + [person(rng)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    args = parser.parse_args()
    rng = random.Random(SEED)
    units = admin_units(args.cache_dir)
    docs = [make_document(rng, units) for _ in range(args.documents)]
    header = "# source: generated by scripts/make_corpus.py (project-written templates, Apache-2.0; place names: vietnamadminunits 1.0.4, MIT)\n"
    OUT.write_text(header + "\n\n".join(docs) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {args.documents} documents, {sum(len(d.split()) for d in docs)} words")


if __name__ == "__main__":
    main()
