"""IIIF URLs (design.md, public interfaces): the Image API and the Presentation manifests."""

from __future__ import annotations

from django.urls import path, register_converter

from nuskha.images import views


class _Segment:
    """One IIIF path segment: anything but a slash (regions, sizes and rotations carry
    commas, colons, ! and ^)."""

    regex = r"[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_Segment, "iiif")

app_name = "images"
urlpatterns = [
    path("iiif/3/manifest/<int:item_id>", views.manifest, name="manifest"),
    path("iiif/3/image/<iiif:image_id>", views.image_base, name="image-base"),
    path("iiif/3/image/<iiif:image_id>/info.json", views.info, name="image-info"),
    path(
        "iiif/3/image/<iiif:image_id>/<iiif:region>/<iiif:size>/<iiif:rotation>/<iiif:quality_format>",
        views.image,
        name="image",
    ),
]
