"""Synthetic scans with exact ground truth, for tests, benchmarks and channel-model training.

Vietnamese text is typeset on A4 pages in a serif font that really has Vietnamese glyphs (Liberation Serif
2.x, DejaVu Serif or Noto Serif; Debian's fonts-liberation 1.x prints tofu for ơ ư ạ … and is refused),
then degraded like a scanner would (skew, blur, noise, uneven light, shadowed edge, JPEG; optionally a red
seal and a blue signature on a colour scan, or the page turned 90/180/270) and written as PNG, JPEG,
multi-page TIFF, image-only PDF, PDF with a real text layer, or a mixed PDF. Every step is seeded and
every writer is byte-for-byte deterministic, so generated data can be committed and regenerated.

    pages = render_pages(text, font="liberation-serif", font_size_pt=13)
    scan = degrade(pages[0].image, "hard", seed=1)       # 200 dpi, skewed, noisy, JPEG q40
    write_png(scan, "p1.png"); pages[0].text               # ground truth, lines joined by "\\n"
"""

from __future__ import annotations

import functools
import io
import math
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

A4_MM = (210.0, 297.0)
MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
# Margins of Vietnamese administrative documents (Decree 30/2020/NĐ-CP, appendix I): left 30–35 mm,
# right 15–20 mm, top and bottom 20–25 mm.
MARGIN_MM = {"left": 30.0, "right": 20.0, "top": 20.0, "bottom": 20.0}
LINE_SPACING = 1.25  # baseline-to-baseline distance, in font sizes
PARAGRAPH_GAP_PT = 6.0  # extra space between paragraphs
FIRST_LINE_INDENT_MM = 10.0
PAPER_RGB = (246, 243, 234)  # slightly yellow office paper, for colour scans
SEAL_RGB = (214, 36, 44)  # red seal ink
SIGNATURE_RGB = (28, 46, 168)  # blue ballpoint ink
VIETNAMESE_PROBE = "ơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐƠƯỢ"

# Fonts: fontconfig pattern and the file-name prefix that proves fc-match did not fall back to another font.
FONTS: dict[str, dict[bool, tuple[str, str]]] = {
    "liberation-serif": {False: ("Liberation Serif:style=Regular", "LiberationSerif-Regular"),
                         True: ("Liberation Serif:style=Bold", "LiberationSerif-Bold")},
    "dejavu-serif": {False: ("DejaVu Serif:style=Book", "DejaVuSerif."),
                     True: ("DejaVu Serif:style=Bold", "DejaVuSerif-Bold")},
    "noto-serif": {False: ("Noto Serif:style=Regular", "NotoSerif-Regular"),
                   True: ("Noto Serif:style=Bold", "NotoSerif-Bold")},
}
# Debian paths, used when fontconfig is absent.
FONT_FALLBACK_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/dejavu",
                      "/usr/share/fonts/truetype/noto")


@dataclass(frozen=True, slots=True)
class SynthLine:
    """One typeset line. Positions in pixels at the page dpi, top-left origin; `baseline_px` is the y of
    the text baseline, `x_px` the left edge of the first glyph."""

    text: str
    x_px: int
    baseline_px: int
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1
    font_size_pt: float
    bold: bool


@dataclass(frozen=True, slots=True)
class SynthPage:
    """A clean rendered page (mode "L", white paper) and exactly the lines drawn on it, in order."""

    image: Image.Image
    lines: tuple[SynthLine, ...]
    dpi: int
    font: str  # key of FONTS
    page_no: int  # 1-based within the rendered document

    @property
    def text(self) -> str:
        """Ground truth: the page's lines joined by "\\n" (no blank lines)."""
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Tier:
    """How hard a scan is. Angles in degrees, sigmas in pixels at the output dpi, intensities 0–255."""

    name: str
    dpi: int
    skew_deg: tuple[float, float]  # |angle| drawn uniformly from this range, random sign
    blur_sigma: float
    noise_sigma: float
    speckles_per_mpx: float  # dark specks per megapixel
    light_falloff: float  # 0 = even light; 0.15 = corners 15 % darker
    shadow_edge: float  # 0 = none; darkness of a shadowed page edge (gutter), 0–1
    jpeg_quality: int  # 0 = no JPEG round trip


TIERS: dict[str, Tier] = {
    "clean": Tier("clean", 300, (0.0, 0.0), 0.0, 0.0, 0.0, 0.0, 0.0, 0),
    "typical": Tier("typical", 300, (0.3, 1.0), 0.7, 3.0, 2.0, 0.12, 0.0, 80),
    "hard": Tier("hard", 200, (1.0, 2.0), 1.0, 20.0, 60.0, 0.25, 0.6, 40),
}


# ---------------------------------------------------------------- fonts

@functools.cache
def font_path(font: str, bold: bool = False) -> Path:
    """The TTF file of `font` (a FONTS key), checked to contain Vietnamese glyphs."""
    if font not in FONTS:
        raise ValueError(f"unknown font {font!r}; expected one of {sorted(FONTS)}")
    pattern, prefix = FONTS[font][bold]
    candidates: list[Path] = []
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True,
                               check=True, timeout=30).stdout.strip()
        candidates.append(Path(found))
    except (OSError, subprocess.SubprocessError):
        pass
    candidates += [p for d in FONT_FALLBACK_DIRS for p in sorted(Path(d).glob(f"{prefix.rstrip('.')}*.ttf"))]
    for path in candidates:
        if path.name.startswith(prefix) and path.is_file():
            missing = _missing_glyphs(path, VIETNAMESE_PROBE)
            if missing:
                raise ValueError(f"{path}: font lacks Vietnamese glyphs {missing!r} (fonts-liberation 1.x?); "
                                 "install fonts-liberation2, fonts-dejavu-core or fonts-noto-core")
            return path
    raise FileNotFoundError(f"font {font!r} ({pattern}) not installed: apt-get install fonts-liberation2 "
                            "fonts-dejavu-core fonts-noto-core")


def _missing_glyphs(path: Path, chars: str) -> str:
    from reportlab.pdfbase.ttfonts import TTFontFile

    cmap = TTFontFile(str(path)).charToGlyph
    return "".join(c for c in chars if ord(c) not in cmap)


@functools.cache
def _pil_font(font: str, bold: bool, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(font, bold)), size_px)


# ---------------------------------------------------------------- text and layout

def strip_markdown_emphasis(text: str) -> str:
    """Remove `*`/`**`/`***` emphasis markers that the sample texts carry from their Markdown origin."""
    return re.sub(r"\*{1,3}", "", text)


def is_heading(line: str) -> bool:
    """A line typeset bold and centred: upper case letters only (KẾ HOẠCH, I. MỤC ĐÍCH), short."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(line) <= 90


def _wrap(words: list[str], font: ImageFont.FreeTypeFont, first_width: float, width: float) -> list[str]:
    """Greedy word wrap by measured glyph widths; a word longer than a line is broken by characters."""
    lines: list[str] = []
    current = ""
    limit = first_width
    for word in words:
        trial = f"{current} {word}" if current else word
        if font.getlength(trial) <= limit:
            current = trial
            continue
        if current:
            lines.append(current)
            limit = width
        while font.getlength(word) > limit:
            cut = max(1, max(i for i in range(1, len(word) + 1) if font.getlength(word[:i]) <= limit or i == 1))
            lines.append(word[:cut])
            word = word[cut:]
            limit = width
        current = word
    if current:
        lines.append(current)
    return lines


def render_pages(text: str, *, font: str = "liberation-serif", font_size_pt: float = 13.0, dpi: int = 300,
                 seed: int = 0) -> list[SynthPage]:
    """Typeset `text` on as many A4 pages as it needs; blank lines separate paragraphs.

    Upper-case lines are bold and centred (headings), other paragraphs are wrapped with a first-line
    indent. `seed` shifts margins and line spacing a little so pages of one corpus do not all look alike.
    """
    rng = np.random.default_rng(seed)
    px_per_mm = dpi / MM_PER_INCH
    page_w, page_h = round(A4_MM[0] * px_per_mm), round(A4_MM[1] * px_per_mm)
    left = round((MARGIN_MM["left"] + rng.uniform(-3, 3)) * px_per_mm)
    right = page_w - round((MARGIN_MM["right"] + rng.uniform(-3, 3)) * px_per_mm)
    top = round((MARGIN_MM["top"] + rng.uniform(0, 5)) * px_per_mm)
    bottom = page_h - round(MARGIN_MM["bottom"] * px_per_mm)
    size_px = round(font_size_pt * dpi / PT_PER_INCH)
    step = round(size_px * (LINE_SPACING + rng.uniform(-0.05, 0.1)))
    gap = round(PARAGRAPH_GAP_PT * dpi / PT_PER_INCH)
    indent = round(FIRST_LINE_INDENT_MM * px_per_mm)

    placed: list[list[tuple[str, bool, int]]] = [[]]  # per page: (text, bold, x or -1 for centred)
    baselines: list[list[int]] = [[]]
    y = top + size_px
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    for para in paragraphs:
        for raw in para.split("\n"):
            raw = " ".join(raw.split())
            if not raw:
                continue
            bold = is_heading(raw)
            pil = _pil_font(font, bold, size_px)
            if bold:
                lines = [(t, -1) for t in _wrap(raw.split(), pil, right - left, right - left)]
            else:
                wrapped = _wrap(raw.split(), pil, right - left - indent, right - left)
                lines = [(t, left + (indent if i == 0 else 0)) for i, t in enumerate(wrapped)]
            for line_text, x in lines:
                if y > bottom and placed[-1]:
                    placed.append([])
                    baselines.append([])
                    y = top + size_px
                placed[-1].append((line_text, bold, x))
                baselines[-1].append(y)
                y += step
        y += gap
    pages: list[SynthPage] = []
    for page_index, (rows, ys) in enumerate(zip(placed, baselines, strict=True)):
        if not rows:
            continue
        image = Image.new("L", (page_w, page_h), 255)
        draw = ImageDraw.Draw(image)
        lines: list[SynthLine] = []
        for (line_text, bold, x), baseline in zip(rows, ys, strict=True):
            pil = _pil_font(font, bold, size_px)
            if x < 0:
                x = round((left + right - pil.getlength(line_text)) / 2)
            draw.text((x, baseline), line_text, font=pil, fill=0, anchor="ls")
            x0, y0, x1, y1 = draw.textbbox((x, baseline), line_text, font=pil, anchor="ls")
            lines.append(SynthLine(line_text, x, baseline, (x0, y0, x1, y1), font_size_pt, bold))
        pages.append(SynthPage(image, tuple(lines), dpi, font, page_index + 1))
    return pages


# ---------------------------------------------------------------- colour marks

def stamp_seal_and_signature(page: SynthPage, *, seed: int, seal_text: str = "ỦY BAN NHÂN DÂN") -> Image.Image:
    """Colour scan of `page` (RGB, paper tint) with a red round seal and a blue signature scribble over
    the last lines (where the signer block sits), as on signed Vietnamese directives."""
    rng = np.random.default_rng(seed)
    dpi = page.dpi
    px_per_mm = dpi / MM_PER_INCH
    gray = np.asarray(page.image, dtype=np.float32) / 255.0
    paper = np.array(PAPER_RGB, dtype=np.float32) / 255.0
    rgb = gray[..., None] * paper[None, None, :]

    last = page.lines[-min(4, len(page.lines)):]
    x0 = min(line.bbox[0] for line in last)
    x1 = max(line.bbox[2] for line in last)
    y0 = min(line.bbox[1] for line in last)
    y1 = max(line.bbox[3] for line in last)
    radius = round(18 * px_per_mm)
    cx = round(x0 + (x1 - x0) * rng.uniform(0.15, 0.45))
    cy = round((y0 + y1) / 2 + rng.uniform(-0.2, 0.2) * radius)

    mark = Image.new("L", page.image.size, 0)  # seal ink coverage 0–255
    draw = ImageDraw.Draw(mark)
    ring = max(2, round(0.9 * px_per_mm))
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=ring)
    inner = round(radius * 0.68)
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=255, width=max(1, ring // 2))
    star = [(cx + inner * 0.55 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             cy - inner * 0.55 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    draw.polygon(star, fill=255)
    glyph_font = _pil_font(page.font, True, round(4.2 * px_per_mm))
    text_r = (radius + inner) / 2
    n = len(seal_text)
    for i, ch in enumerate(seal_text):
        angle = math.pi * (0.95 + 1.1 * i / max(1, n - 1))  # along the upper arc, left to right
        gx, gy = cx + text_r * math.cos(angle), cy + text_r * math.sin(angle)
        tile = Image.new("L", (glyph_font.size * 2, glyph_font.size * 2), 0)
        ImageDraw.Draw(tile).text((glyph_font.size, glyph_font.size), ch, font=glyph_font, fill=255, anchor="mm")
        tile = tile.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        mark.paste(255, (round(gx) - glyph_font.size, round(gy) - glyph_font.size), tile)
    seal = np.asarray(mark, dtype=np.float32) / 255.0 * rng.uniform(0.75, 0.95)

    sign = Image.new("L", page.image.size, 0)
    sdraw = ImageDraw.Draw(sign)
    sx = cx + radius * rng.uniform(0.2, 0.6)
    points = _scribble(rng, sx, cy, width=radius * 2.2, height=radius * 0.9)
    sdraw.line(points, fill=255, width=max(2, round(0.5 * px_per_mm)), joint="curve")
    signature = np.asarray(sign, dtype=np.float32) / 255.0 * 0.9

    for cover, ink in ((seal, SEAL_RGB), (signature, SIGNATURE_RGB)):
        ink_rgb = np.array(ink, dtype=np.float32) / 255.0
        rgb = rgb * (1 - cover[..., None]) + rgb * ink_rgb[None, None, :] * cover[..., None]  # multiply blend
    return Image.fromarray(np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8), "RGB")


def _scribble(rng: np.random.Generator, x: float, y: float, width: float, height: float) -> list[tuple[float, float]]:
    """A smooth looping pen stroke (sum of sines), like a hand signature."""
    t = np.linspace(0, 1, 400)
    xs = x + width * t + height * 0.3 * np.sin(2 * np.pi * (3 + rng.uniform(0, 2)) * t)
    ys = y + height * 0.5 * np.sin(2 * np.pi * (2 + rng.uniform(0, 2)) * t + rng.uniform(0, 6)) * (1 - 0.5 * t)
    return [(float(a), float(b)) for a, b in zip(xs, ys, strict=True)]


# ---------------------------------------------------------------- degradation

def degrade(image: Image.Image, tier: str | Tier, *, seed: int, dpi: int = 300, rotation: int = 0) -> Image.Image:
    """Make a clean page (`dpi`) look scanned at `tier`; `rotation` (0/90/180/270, counter-clockwise)
    turns the page as a careless scanner operator would. The result carries its dpi in `info["dpi"]`."""
    spec = TIERS[tier] if isinstance(tier, str) else tier
    if rotation not in (0, 90, 180, 270):
        raise ValueError(f"rotation must be 0, 90, 180 or 270, got {rotation}")
    rng = np.random.default_rng(seed)
    colour = image.mode == "RGB"
    arr = np.asarray(image.convert("RGB" if colour else "L"))
    paper = 255
    if spec.skew_deg[1] > 0:
        angle = rng.uniform(*spec.skew_deg) * rng.choice([-1.0, 1.0])
        h, w = arr.shape[:2]
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        border = tuple(int(v) for v in arr[0, 0]) if colour else paper
        arr = cv2.warpAffine(arr, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=border)
    if spec.dpi != dpi:
        h, w = arr.shape[:2]
        arr = cv2.resize(arr, (round(w * spec.dpi / dpi), round(h * spec.dpi / dpi)), interpolation=cv2.INTER_AREA)
    if spec.blur_sigma > 0:
        arr = cv2.GaussianBlur(arr, (0, 0), spec.blur_sigma)
    img = arr.astype(np.float32)
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = np.ones((h, w), np.float32)
    if spec.light_falloff > 0:
        cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        dist = np.hypot((xx - cx) / w, (yy - cy) / h) / math.hypot(0.8, 0.8)
        light *= 1 - spec.light_falloff * np.clip(dist, 0, 1) ** 1.5
    if spec.shadow_edge > 0:
        band = w * rng.uniform(0.05, 0.09)
        edge = xx if rng.random() < 0.5 else (w - 1 - xx)
        light *= 1 - spec.shadow_edge * np.exp(-edge / (band / 3))
    img = img * (light[..., None] if colour else light)
    if spec.noise_sigma > 0:
        img += rng.normal(0, spec.noise_sigma, img.shape).astype(np.float32)
    if spec.speckles_per_mpx > 0:
        n = rng.poisson(spec.speckles_per_mpx * h * w / 1e6)
        ys_, xs_ = rng.integers(0, h, n), rng.integers(0, w, n)
        radii = rng.choice([1, 1, 1, 2, 2, 3], n)
        dark = rng.uniform(0, 90, n)
        for y, x, r, v in zip(ys_, xs_, radii, dark, strict=True):
            cv2.circle(img, (int(x), int(y)), int(r), (float(v),) * (3 if colour else 1), -1)
    out = np.clip(img + 0.5, 0, 255).astype(np.uint8)
    result = Image.fromarray(out, "RGB" if colour else "L")
    if rotation:
        result = result.rotate(rotation, expand=True)
    if spec.jpeg_quality:
        buf = io.BytesIO()
        result.save(buf, "JPEG", quality=spec.jpeg_quality)
        result = Image.open(io.BytesIO(buf.getvalue()))
        result.load()
    result.info["dpi"] = (spec.dpi, spec.dpi)
    return result


def image_dpi(image: Image.Image, default: int = 300) -> int:
    dpi = image.info.get("dpi")
    return round(dpi[0]) if dpi else default


# ---------------------------------------------------------------- writers (deterministic bytes)

def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    d = image_dpi(image)
    image.save(buf, "PNG", dpi=(d, d))
    return buf.getvalue()


def jpeg_bytes(image: Image.Image, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    d = image_dpi(image)
    image.save(buf, "JPEG", quality=quality, dpi=(d, d))
    return buf.getvalue()


def tiff_bytes(images: Sequence[Image.Image], jpeg_quality: int = 0) -> bytes:
    """Multi-page TIFF: deflate (lossless), or JPEG-compressed when `jpeg_quality` > 0 (as scanners do)."""
    first, *rest = images
    d = image_dpi(first)
    buf = io.BytesIO()
    if jpeg_quality:
        first.save(buf, "TIFF", save_all=True, append_images=rest, compression="jpeg", quality=jpeg_quality,
                   dpi=(d, d))
    else:
        first.save(buf, "TIFF", save_all=True, append_images=rest, compression="tiff_adobe_deflate", dpi=(d, d))
    return buf.getvalue()


def write_png(image: Image.Image, path: Path | str) -> Path:
    Path(path).write_bytes(png_bytes(image))
    return Path(path)


def write_jpeg(image: Image.Image, path: Path | str, quality: int = 85) -> Path:
    Path(path).write_bytes(jpeg_bytes(image, quality))
    return Path(path)


def write_tiff(images: Sequence[Image.Image], path: Path | str, jpeg_quality: int = 0) -> Path:
    Path(path).write_bytes(tiff_bytes(images, jpeg_quality))
    return Path(path)


def _image_bytes(image: Image.Image, jpeg_quality: int) -> bytes:
    return jpeg_bytes(image, jpeg_quality) if jpeg_quality else png_bytes(image)


def pdf_images_bytes(images: Sequence[Image.Image], jpeg_quality: int = 75) -> bytes:
    """Image-only PDF (a plain scan, no text layer) via img2pdf; page size follows each image's dpi."""
    import img2pdf

    data = img2pdf.convert([_image_bytes(im, jpeg_quality) for im in images], nodate=True)
    return _deterministic_pdf(data)


def _deterministic_pdf(data: bytes) -> bytes:
    """Re-save with pikepdf with a trailer /ID derived from the content (img2pdf's is random)."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/ID" in pdf.trailer:
            del pdf.trailer["/ID"]
        pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()


def write_pdf_images(images: Sequence[Image.Image], path: Path | str, jpeg_quality: int = 75) -> Path:
    Path(path).write_bytes(pdf_images_bytes(images, jpeg_quality))
    return Path(path)


def pdf_text_layer_bytes(pages: Sequence[SynthPage]) -> bytes:
    """A born-digital PDF: each page's lines drawn as real text in the embedded TTF, at the same places
    as in the rendered image, so a reader's text layer gives exactly `page.text`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    for page in pages:
        scale = PT_PER_INCH / page.dpi
        for line in page.lines:
            name = f"{page.font}-{'bold' if line.bold else 'regular'}"
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(font_path(page.font, line.bold))))
            pdf.setFont(name, line.font_size_pt)
            pdf.drawString(line.x_px * scale, A4[1] - line.baseline_px * scale, line.text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def write_pdf_text_layer(pages: Sequence[SynthPage], path: Path | str) -> Path:
    Path(path).write_bytes(pdf_text_layer_bytes(pages))
    return Path(path)


def pdf_mixed_bytes(pages: Sequence[SynthPage | Image.Image], jpeg_quality: int = 75) -> bytes:
    """A PDF whose pages are either born-digital (a SynthPage → text layer) or scanned (an image → image
    only), in the given order — as when a signed scan is appended to a typed draft."""
    import pikepdf

    out = pikepdf.new()
    for item in pages:
        if isinstance(item, SynthPage):
            data = pdf_text_layer_bytes([item])
        else:
            data = pdf_images_bytes([item], jpeg_quality)
        src = pikepdf.open(io.BytesIO(data))
        out.pages.extend(src.pages)
    target = io.BytesIO()
    out.save(target, deterministic_id=True, compress_streams=True)
    return target.getvalue()


def write_pdf_mixed(pages: Sequence[SynthPage | Image.Image], path: Path | str, jpeg_quality: int = 75) -> Path:
    Path(path).write_bytes(pdf_mixed_bytes(pages, jpeg_quality))
    return Path(path)
