"""Images that cannot be decoded: found before they are accepted, and shown as missing (never
a 500) if one is stored anyway.

Wagtail checks an upload's header (format, bytes, pixels) but not its data, so a truncated
PNG or a malformed GIF failed only when its first rendition was made. ``image_decodes`` is
the full check (every frame). The ``{% image %}`` tag of ``equity_images`` and the API's
image fields treat a stored file that does not decode like a missing one (nothing is shown),
logging a warning.
"""

import logging

from PIL import Image as PILImage
from PIL import ImageSequence

logger = logging.getLogger(__name__)

# What Pillow raises for truncated or malformed data (OSError covers "image file is
# truncated" and UnidentifiedImageError).
DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    PILImage.DecompressionBombError,
)


def image_decodes(file) -> str | None:
    """Decode every frame of ``file`` (a file object, rewound afterwards).

    Returns ``None`` when it decodes, else a short description of the failure. Check the
    pixel count first: decoding allocates the whole bitmap.
    """
    try:
        file.seek(0)
        with PILImage.open(file) as image:
            for frame in ImageSequence.Iterator(image):
                frame.load()
    except DECODE_ERRORS as error:
        return str(error) or error.__class__.__name__
    finally:
        file.seek(0)
    return None


def not_decodable(image, error) -> None:
    logger.warning("Image %s cannot be decoded (%s): shown as missing.", image.pk, error)
