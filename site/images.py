"""Uploaded images must decode before they are accepted.

``DecodedImageForm`` (``WAGTAILIMAGES_IMAGE_FORM_BASE``: the admin's add, edit and multiple
upload forms) uses ``DecodedImageField``: Wagtail's own checks (format,
``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``), then every frame
decoded, so a truncated PNG or a malformed GIF is a form error instead of a 500 (Wagtail's
field itself fails on some damaged files while measuring them).
"""

from django import forms
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from equity.images import DECODE_ERRORS, image_decodes

DAMAGED_MESSAGE = (
    "This image file is damaged or incomplete and cannot be shown ({error}). "
    "Export it again from the program that made it and upload the new file."
)


def damaged(error) -> forms.ValidationError:
    return forms.ValidationError(DAMAGED_MESSAGE.format(error=error), code="invalid_image")


class DecodedImageField(WagtailImageField):
    """Wagtail's image upload field, refusing files that do not decode."""

    def to_python(self, data):
        self.check_declared_pixels(data)
        try:
            file = super().to_python(data)
        except DECODE_ERRORS as error:
            raise damaged(str(error) or error.__class__.__name__) from error
        if file is not None:
            # After Wagtail's pixel limit: decoding allocates the whole bitmap.
            failure = image_decodes(file)
            if failure:
                raise damaged(failure)
        return file

    def check_declared_pixels(self, data) -> None:
        """Refuse an image whose header declares more than ``max_image_pixels`` before anything
        decodes it (Wagtail's own check runs after Willow has looked at the frames, which
        for some formats decodes the whole bitmap: 1 GB for 11,000 x 11,000 pixels)."""
        if self.max_image_pixels is None or not hasattr(data, "seek"):
            return
        try:
            data.seek(0)
            with PILImage.open(data) as image:
                width, height = image.size
        except (*DECODE_ERRORS, PILImage.DecompressionBombWarning):
            return  # not an image Pillow can measure: Wagtail's checks say what is wrong
        finally:
            data.seek(0)
        if width * height > self.max_image_pixels:
            raise forms.ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": width * height, "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            )


class DecodedImageForm(BaseImageForm):
    """Wagtail's image form with ``DecodedImageField`` for the file."""

    file = DecodedImageField(label="File")
