"""Uploaded files: documents only through Wagtail's view (collection view restrictions hold), images
served in every environment, S3 with signed URLs for documents."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import ImageFactory

from sakke_site.tests.test_settings import PRODUCTION_ENV, run_python

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_document(title, collection=None):
    document = get_document_model()(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 " + title.encode()), save=False)
    document.save()
    return document


@pytest.fixture
def members_only(db):
    """A collection that only logged-in users may download from (Privacy: login required)."""
    collection = Collection.get_first_root_node().add_child(name="Jäsenille")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


@pytest.fixture
def debug_urls(settings):
    """The URL configuration as `make run` (DEBUG=True) builds it."""
    import sakke_site.urls

    settings.DEBUG = True
    importlib.reload(sakke_site.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(sakke_site.urls)
    clear_url_caches()


def test_public_documents_download_through_the_serve_view(client, media_root):
    document = make_document("vuosikertomus")
    assert document.url == f"/documents/{document.pk}/vuosikertomus.pdf"
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 vuosikertomus"


def test_documents_of_a_login_only_collection_need_a_login(client, media_root, members_only, superuser):
    document = make_document("poytakirja", members_only)
    response = client.get(document.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"] and response["Location"].endswith(f"?next={document.url}")
    assert client.get(f"/media/{document.file.name}").status_code == 404
    client.force_login(superuser)
    assert client.get(document.url).status_code == 200


def test_document_files_are_not_served_from_media_even_in_development(
    client, media_root, members_only, debug_urls
):
    document = make_document("poytakirja", members_only)
    assert (media_root / "documents" / "poytakirja.pdf").exists()
    assert client.get("/media/documents/poytakirja.pdf").status_code == 404
    assert client.get("/media/images/../documents/poytakirja.pdf").status_code == 404
    assert client.get(document.url).status_code == 302  # the login-only collection still asks for a login


def test_images_are_served_without_debug(client, media_root, settings):
    assert settings.DEBUG is False  # as under production settings
    image = ImageFactory(title="Kokous", file=get_test_image_file())
    rendition = image.get_rendition("fill-20x20")
    response = client.get(rendition.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"].startswith("public")
    assert client.get(image.file.url).status_code == 200


def test_image_paths_cannot_reach_the_documents(client, media_root):
    make_document("poytakirja")
    for path in (
        "/media/images/../documents/poytakirja.pdf",
        "/media/images/%2e%2e/documents/poytakirja.pdf",
        "/media/images/..%2fdocuments/poytakirja.pdf",
        "/media/original_images/../../var/db.sqlite3",
        "/media/images/" + "a" * 5000 + ".png",
        "/media/images/a%00b.png",
    ):
        assert client.get(path).status_code == 404, path


SHOW_ROUTES = (
    "import django; django.setup(); from django.conf import settings as s; "
    "from django.urls import resolve, Resolver404; "
    "from wagtail.documents.models import Document; "
    "print(s.WAGTAILDOCS_SERVE_METHOD); "
    "print(Document(id=5, collection_id=1, file='documents/raportti.pdf').url); "
    "print(resolve('/media/images/kuva.fill-20x20.png').url_name)\n"
    "try:\n    print(resolve('/media/documents/raportti.pdf').url_name)\n"
    "except Resolver404:\n    print('not served')"
)


def test_production_serves_documents_through_the_view_and_images_itself():
    result = run_python(SHOW_ROUTES, "sakke_site.settings.production", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "serve_view",
        "/documents/5/raportti.pdf",
        "media_image",
        "not served",
    ]


S3_ENV = {
    **PRODUCTION_ENV,
    "S3_BUCKET_NAME": "sakke-media",
    "S3_ENDPOINT_URL": "https://s3.example.fi",
    "S3_REGION_NAME": "fi-1",
    "S3_ACCESS_KEY_ID": "test-key",
    "S3_SECRET_ACCESS_KEY": "test-secret",
}
SHOW_S3 = (
    "import django; django.setup(); from django.conf import settings as s; "
    "from django.core.files.storage import default_storage, storages; "
    "from wagtail.images.models import get_rendition_storage; "
    "from django.urls import resolve, Resolver404; "
    "print(s.WAGTAILDOCS_SERVE_METHOD); "
    "print(default_storage.url('documents/raportti.pdf')); "
    "print(get_rendition_storage().url('images/kuva.fill-20x20.png'))\n"
    "try:\n    print(resolve('/media/images/kuva.fill-20x20.png').url_name)\n"
    "except Resolver404:\n    print('not served')"
)


def test_on_s3_documents_get_signed_urls_and_renditions_stay_public():
    result = run_python(SHOW_S3, "sakke_site.settings.production", **S3_ENV)
    assert result.returncode == 0, result.stderr
    method, document_url, rendition_url, media_route = result.stdout.split("\n")[:4]
    assert method == "redirect"  # the view checks the collection, then redirects to a signed URL
    assert document_url.startswith("https://s3.example.fi/sakke-media/documents/raportti.pdf?")
    assert "Signature=" in document_url and "Expires=" in document_url
    assert rendition_url == "https://s3.example.fi/sakke-media/images/kuva.fill-20x20.png"
    assert media_route == "not served"  # the object store serves the images


def test_the_documents_api_leaves_private_collections_out(client, media_root, members_only):
    public = make_document("vuosikertomus")
    # A sub-collection of a private one is private too.
    private = make_document("poytakirja", members_only.add_child(name="Hallitus"))
    titles = [item["title"] for item in client.get("/api/v2/documents/").json()["items"]]
    assert titles == [public.title]
    assert client.get(f"/api/v2/documents/{private.pk}/").status_code == 404
    assert client.get(f"/api/v2/documents/{public.pk}/").status_code == 200
