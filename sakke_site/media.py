"""Uploaded images served from MEDIA_ROOT by the app itself, in every environment.

WhiteNoise serves only the static files collected at build time, so without this nothing would answer
MEDIA_URL under production settings on a single machine and every image would be broken. Only images
(their renditions, originals and admin avatars) are served here; documents never are: they go through
Wagtail's view at /documents/<id>/<name>, which enforces the view restrictions of their collection.
With S3 (S3_BUCKET_NAME), or a MEDIA_URL on another host, the object store or that web server serves
media and this route is not mounted.
"""

import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

# Wagtail's upload folders for renditions, original images and user avatars. Not "documents/".
PUBLIC_FOLDERS = ("images", "original_images", "avatar_images")
# Rendition names change when the image or its focal point changes; a day is safe to cache.
MAX_AGE = 24 * 60 * 60


def serve_image(request, path):
    """An uploaded image file; 404 for anything else (documents, missing files, paths outside MEDIA_ROOT)."""
    # "images/../documents/x" must not reach a document: decide on the path as it will be opened.
    path = posixpath.normpath(path)
    if path.split("/", 1)[0] not in PUBLIC_FOLDERS:
        raise Http404
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError):  # a name too long for the file system, a NUL character
        raise Http404 from None
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    # Images only, never to be read as something else nor to run anything if one is opened directly.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def media_urlpatterns():
    """The image route under MEDIA_URL when the app's own disk holds the media, else nothing."""
    if not isinstance(default_storage, FileSystemStorage) or "://" in settings.MEDIA_URL:
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    folders = "|".join(PUBLIC_FOLDERS)
    return [re_path(rf"^{prefix}(?P<path>(?:{folders})/.+)$", serve_image, name="media_image")]
