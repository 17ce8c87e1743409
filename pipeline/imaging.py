"""Page clean-up before OCR: ndarray → ndarray steps, each switchable in params.yaml (`ocr:`), no I/O.

Images are uint8, grayscale (H, W) or BGR (H, W, 3) as OpenCV loads them. Angles are in degrees,
counter-clockwise positive (the convention of records.py). Every step is cheap on purpose: the whole
clean-up must cost well under a quarter of Tesseract's own time on the page, so heavy work (background
estimation, skew search) runs on a downscaled copy.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import cv2
import numpy as np

# Skew search range and resolution (degrees); larger tilts are treated as orientation, not skew.
MAX_SKEW_DEG = 5.0
SKEW_COARSE_STEP_DEG = 0.2
SKEW_FINE_STEP_DEG = 0.02
# Corrections smaller than this are left alone: rotating costs a resampling blur for no gain.
MIN_SKEW_CORRECTION_DEG = 0.1
# Working width of the downscaled copy used for measuring skew and estimating the background.
ANALYSIS_WIDTH_PX = 1000
# Colour ink: pixels this saturated (0–255) with a red or blue hue are seal/signature ink, not print.
INK_MIN_SATURATION = 70
INK_MIN_VALUE = 60
# A page counts as a colour scan when this share of pixels is clearly saturated.
COLOUR_PAGE_MIN_SHARE = 0.002
# After dividing by the background, paper sits near 255 with sensor noise: levels at or above this are
# set to pure white (far above any ink threshold), which also makes the page PNG 2-3× cheaper to write.
PAPER_WHITE_LEVEL = 240
_PAPER_WHITE_LUT = np.array([v if v < PAPER_WHITE_LEVEL else 255 for v in range(256)], np.uint8)
# Sauvola window (px at 300 dpi) and k: the window spans a few glyphs so uneven light is followed.
SAUVOLA_WINDOW_PX = 31
SAUVOLA_K = 0.2
# Specks: ink blobs smaller than this (px at 300 dpi, both sides) are dots — diacritics, i-dots,
# full stops — or scanner dirt; they are kept only this close to real glyphs. Wider sideways: a full
# stop after "1" sits a digit's side bearing away (~15 px at 12 pt), marks sit just above or below.
SPECK_MAX_SIDE_PX = 12
SPECK_KEEP_DISTANCE_X_PX = 24
SPECK_KEEP_DISTANCE_Y_PX = 12
SPECK_GRID_PX = 4
# Dark regions touching the page edge and larger than this share of the side are scanner borders.
BORDER_MIN_EXTENT = 0.15


def to_gray(image: np.ndarray) -> np.ndarray:
    """Grayscale view of a BGR or gray image."""
    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def is_colour(image: np.ndarray) -> bool:
    """True when a BGR image carries real colour (seal, ink), not a gray scan stored as RGB."""
    if image.ndim == 2:
        return False
    small = _downscale(image)
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    saturated = (hsv[..., 1] >= INK_MIN_SATURATION) & (hsv[..., 2] >= INK_MIN_VALUE)
    return float(saturated.mean()) >= COLOUR_PAGE_MIN_SHARE


def suppress_colour_ink(image: np.ndarray) -> np.ndarray:
    """Whiten red (seals) and blue (signatures, handwriting) ink by hue, keep black print; → gray.

    Seals printed over the signer block make Tesseract drop whole paragraphs; black text under a seal
    stays because it is dark (low value) whatever the hue around it."""
    if image.ndim == 2:
        return image
    hsv = cv2.cvtColor(image, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    inked = (sat >= INK_MIN_SATURATION) & (val >= INK_MIN_VALUE)
    red = (hue <= 12) | (hue >= 160)
    blue = (hue >= 90) & (hue <= 140)
    mask = inked & (red | blue)
    # The red channel shows black print dark and red/blue ink light: a natural gray for the rest.
    gray = to_gray(image).copy()
    gray[mask] = 255
    return gray


def remove_shadows(gray: np.ndarray) -> np.ndarray:
    """Divide by an estimate of the paper background (large closing + median on a downscaled copy),
    which flattens shadowed edges and uneven light while keeping glyph contrast."""
    small, scale = _downscale_with_scale(gray)
    k = max(3, int(round(15 * scale)) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    background = cv2.medianBlur(background, max(3, int(round(31 * scale)) | 1))
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(gray, np.maximum(background, 1), scale=255)
    return cv2.LUT(flat, _PAPER_WHITE_LUT)


def estimate_skew(gray: np.ndarray) -> float:
    """How far the text is turned, in degrees counter-clockwise, by projection profile: the angle whose
    undoing makes the row sums of dark pixels most peaked (text lines on rows). 0 on blank pages."""
    small, _ = _downscale_with_scale(gray)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    if len(ys) < 200:
        return 0.0
    xs = xs.astype(np.float64) - small.shape[1] / 2
    ys = ys.astype(np.float64)

    def score(angle: float) -> float:
        t = math.radians(angle)
        # Row of each ink pixel once a counter-clockwise turn by `angle` is undone.
        rows = np.round(ys * math.cos(t) + xs * math.sin(t)).astype(np.int64)
        hist = np.bincount(rows - rows.min())
        return float(np.dot(hist, hist))

    coarse = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, SKEW_COARSE_STEP_DEG)
    best = max(coarse, key=score)
    fine = np.arange(best - SKEW_COARSE_STEP_DEG, best + SKEW_COARSE_STEP_DEG + 1e-9, SKEW_FINE_STEP_DEG)
    best = max(fine, key=score)
    return round(float(best), 2)


def rotate_by(image: np.ndarray, angle_deg: float) -> np.ndarray:
    """Rotate counter-clockwise by a small angle about the centre, filling with white."""
    if abs(angle_deg) < MIN_SKEW_CORRECTION_DEG:
        return image
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle_deg, 1.0)
    fill = 255 if image.ndim == 2 else (255, 255, 255)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=fill)


def deskew(image: np.ndarray, skew_deg: float) -> np.ndarray:
    """Undo a measured counter-clockwise skew (`estimate_skew`)."""
    return rotate_by(image, -skew_deg)


def rotate_orthogonal(image: np.ndarray, clockwise_deg: int) -> np.ndarray:
    """Rotate clockwise by 0/90/180/270 (Tesseract OSD's `Rotate:` value) without resampling."""
    turns = (clockwise_deg // 90) % 4
    return np.ascontiguousarray(np.rot90(image, k=-turns)) if turns else image


def upsample(image: np.ndarray, dpi: int, target_dpi: int) -> np.ndarray:
    """Scale a low-resolution scan up to `target_dpi` (Tesseract's glyph models want ~300 dpi)."""
    if dpi >= target_dpi or dpi <= 0:
        return image
    factor = target_dpi / dpi
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def denoise(gray: np.ndarray) -> np.ndarray:
    """3×3 median: removes salt-and-pepper speckles and JPEG ringing, keeps 300-dpi strokes."""
    return cv2.medianBlur(gray, 3)


def remove_specks(gray: np.ndarray, dpi: int) -> np.ndarray:
    """Whiten isolated dark specks (dust, scanner noise) that Tesseract reads as `.`, `:`, `~`, `ˆ`.

    A speck is a connected blob smaller than SPECK_MAX_SIDE_PX each way; it stays when its box, grown
    by SPECK_KEEP_DISTANCE_X/Y_PX, touches a glyph (diacritics, i-dots, punctuation) or a speck that does
    (stacked marks, colons). Box sums over an integral image keep this to one labelling pass."""
    scale = dpi / 300.0
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y, w, h = (stats[:, k] for k in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
    max_side = SPECK_MAX_SIDE_PX * scale
    undecided = (w < max_side) & (h < max_side)
    undecided[0] = False  # background
    if not undecided.any():
        return gray
    kept = ~undecided
    kept[0] = False
    pad_x, pad_y = (max(1, round(d * scale)) for d in (SPECK_KEEP_DISTANCE_X_PX, SPECK_KEEP_DISTANCE_Y_PX))
    # Box sums run on a 1/SPECK_GRID_PX grid (a cell counts when any pixel in it is kept): 16× less work
    # than at full resolution, and a box grows by at most one cell.
    rows, cols = gray.shape
    grid_rows, grid_cols = -(-rows // SPECK_GRID_PX), -(-cols // SPECK_GRID_PX)
    gx0, gy0 = np.clip((x - pad_x) // SPECK_GRID_PX, 0, grid_cols), np.clip((y - pad_y) // SPECK_GRID_PX, 0, grid_rows)
    gx1 = np.clip(-(-(x + w + pad_x) // SPECK_GRID_PX), 0, grid_cols)
    gy1 = np.clip(-(-(y + h + pad_y) // SPECK_GRID_PX), 0, grid_rows)
    for _ in range(2):  # a second pass keeps marks stacked on kept marks (ễ, colons)
        mask = (kept.astype(np.uint8) * 255)[labels]  # 255, not 1: a cell's mean must not round to 0
        cells = cv2.resize(mask, (grid_cols, grid_rows), interpolation=cv2.INTER_AREA) > 0
        integral = cv2.integral(cells.view(np.uint8))
        near = (integral[gy1, gx1] - integral[gy0, gx1] - integral[gy1, gx0] + integral[gy0, gx0]) > 0
        newly = undecided & near
        if not newly.any():
            break
        undecided &= ~newly
        kept |= newly
    if not undecided.any():
        return gray
    out = gray.copy()
    out[undecided[labels]] = 255
    return out


def binarize_otsu(gray: np.ndarray) -> np.ndarray:
    _, out = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return out


def binarize_sauvola(gray: np.ndarray) -> np.ndarray:
    """Local (Sauvola) threshold T = m·(1 + k·(s/128 − 1)) over a window: follows uneven light.

    Box filters make it ~0.2 s on an A4 page at 300 dpi, ten times faster than skimage's version
    (same result to within 0.01 % of pixels), which matters for the clean-up time budget."""
    f = gray.astype(np.float32)
    size = (SAUVOLA_WINDOW_PX, SAUVOLA_WINDOW_PX)
    mean = cv2.boxFilter(f, -1, size, borderType=cv2.BORDER_REFLECT)
    sq_mean = cv2.sqrBoxFilter(f, -1, size, borderType=cv2.BORDER_REFLECT)
    std = cv2.sqrt(cv2.max(sq_mean - mean * mean, 0))
    threshold = mean * (1 + SAUVOLA_K * (std / 128.0 - 1))
    return ((f > threshold) * 255).astype(np.uint8)


def binarize_adaptive(gray: np.ndarray) -> np.ndarray:
    """OpenCV mean-adaptive threshold: a faster stand-in for Sauvola."""
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY,
                                 SAUVOLA_WINDOW_PX, 15)


BINARIZERS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "none": lambda gray: gray,
    "otsu": binarize_otsu,
    "sauvola": binarize_sauvola,
    "adaptive": binarize_adaptive,
}


def binarize(gray: np.ndarray, method: str) -> np.ndarray:
    try:
        return BINARIZERS[method](gray)
    except KeyError:
        raise ValueError(f"unknown binarizer {method!r} (ocr.binarize: one of {', '.join(BINARIZERS)})") from None


def remove_borders(gray: np.ndarray) -> np.ndarray:
    """Whiten dark regions that touch the page edge and run along it (scanner lid shadows, black
    margins, punched-hole strips); glyphs near the edge are too small to qualify. Found on the
    downscaled copy, where the regions are just as large relative to the page."""
    small, scale = _downscale_with_scale(gray)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = small.shape
    x, y, bw, bh = (stats[:, k] for k in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
    touches = (x == 0) | (y == 0) | (x + bw >= w) | (y + bh >= h)
    border = touches & ((bh >= BORDER_MIN_EXTENT * h) | (bw >= BORDER_MIN_EXTENT * w))
    border[0] = False
    if not border.any():
        return gray
    mask = border[labels].view(np.uint8)
    if scale != 1.0:
        # Grow by one small pixel so the upscaled mask covers the region's anti-aliased rim.
        mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
        mask = cv2.resize(mask, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
    out = gray.copy()
    out[mask.astype(bool)] = 255
    return out


def png_bytes(image: np.ndarray) -> bytes:
    """PNG encoding tuned for scans: zlib level 1 with run-length matching is 2–4× faster than the
    default on noisy pages (0.2 s instead of 0.5 s at 300 dpi) and the files are smaller too."""
    ok, data = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 1,
                                            cv2.IMWRITE_PNG_STRATEGY, cv2.IMWRITE_PNG_STRATEGY_RLE])
    if not ok:  # pragma: no cover - OpenCV only fails on arrays it cannot represent
        raise ValueError(f"cannot encode a {image.dtype} array of shape {image.shape} as PNG")
    return data.tobytes()


def downscale(image: np.ndarray, scale: float) -> np.ndarray:
    """Area-averaged reduction (for analysis steps that do not need full resolution)."""
    if scale >= 1.0:
        return image
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _downscale(image: np.ndarray) -> np.ndarray:
    return _downscale_with_scale(image)[0]


def _downscale_with_scale(image: np.ndarray) -> tuple[np.ndarray, float]:
    w = image.shape[1]
    if w <= ANALYSIS_WIDTH_PX:
        return image, 1.0
    scale = ANALYSIS_WIDTH_PX / w
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale
