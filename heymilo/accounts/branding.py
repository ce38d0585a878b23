"""A workspace's branding on candidates' pages and mails: its company name, logo and colour.

The colour carries white text (buttons, links on it), so it must reach WCAG AA's 4.5:1
contrast against white; a logo must be a real PNG, JPEG or WebP image of sensible size (no SVG:
it can carry script).
"""

from io import BytesIO

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from PIL import Image, UnidentifiedImageError

from heymilo.accounts.models import Workspace
from heymilo.errors import Invalid

DEFAULT_COLOR = "#4f46e5"
WHITE_CONTRAST_MIN = 4.5
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 2000
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def brand_color(workspace: Workspace) -> str:
    return workspace.brand_color or DEFAULT_COLOR


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast_with_white(color: str) -> float:
    """WCAG 2 contrast ratio of `#rrggbb` against white."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)
    return 1.05 / (luminance + 0.05)


def color_check(color: str) -> str:
    """The colour as `#rrggbb`, or Invalid saying why it cannot be used."""
    color = color.strip().lower()
    if len(color) == 4 and color.startswith("#"):
        color = "#" + "".join(c * 2 for c in color[1:])
    if len(color) != 7 or not color.startswith("#") or not _is_hex(color[1:]):
        raise Invalid("invalid", "Write the colour as #rrggbb, like #4f46e5.", param="brand_color")
    ratio = contrast_with_white(color)
    if ratio < WHITE_CONTRAST_MIN:
        raise Invalid(
            "low_contrast",
            f"White text on {color} has a contrast of {ratio:.1f}:1; WCAG AA needs "
            f"{WHITE_CONTRAST_MIN}:1. Choose a darker colour.",
            param="brand_color",
        )
    return color


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def logo_check(data: bytes) -> str:
    """The file extension of a valid logo image, or Invalid saying why it is refused."""
    if len(data) > LOGO_MAX_BYTES:
        raise Invalid("file_too_large", "Logos are limited to 1 MB.", param="logo")
    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()  # decodes the structure: a renamed file or a truncated one fails
            kind, size = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise Invalid("unsupported_file", "Upload a PNG, JPEG or WebP image.", param="logo")
    if kind not in LOGO_FORMATS:
        raise Invalid("unsupported_file", "Upload a PNG, JPEG or WebP image.", param="logo")
    if max(size) > LOGO_MAX_SIDE:
        raise Invalid(
            "image_too_large", f"Logos are at most {LOGO_MAX_SIDE} pixels wide.", param="logo"
        )
    return LOGO_FORMATS[kind]


def brand_stylesheet(request, workspace_id: str):
    """The workspace's colour for candidates' pages, as CSS: a stylesheet, since the pages'
    Content-Security-Policy allows no inline style."""
    workspace = get_object_or_404(Workspace, public_id=workspace_id)
    css = f":root {{ --brand: {brand_color(workspace)}; --brand-ink: #fff; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
