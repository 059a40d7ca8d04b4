"""Staff pages for page images: the upload form queues an ingest; labels are editable."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nuskha.catalogue.conftest import make_item
from nuskha.images.ingest import ingest
from nuskha.images.models import Page
from nuskha.images.tests.conftest import page_8_bit
from nuskha.jobs.models import Job
from nuskha.jobs.worker import Worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def jpeg(number: int) -> bytes:
    return page_8_bit(300, 400).draw_rect([number * 40, 0, 0], 5, 5, 9, 9).jpegsave_buffer()


def test_an_uploaded_zip_is_ingested_by_a_worker(client, administrator):
    item = make_item()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("scans/0002.jpg", jpeg(2))
        out.writestr("scans/0001.jpg", jpeg(1))
    client.force_login(administrator)
    answer = client.post(
        "/staff/images/page/ingest/",
        {
            "item": item.pk,
            "labels": "page",
            "files": [SimpleUploadedFile("volume.zip", archive.getvalue())],
        },
    )
    job = Job.objects.get(name="nuskha.images.jobs.ingest_pages")
    assert answer.status_code == 302 and answer["Location"].endswith(f"/jobs/job/{job.pk}/change/")
    while Worker().run_one():
        pass
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.failure_reason
    pages = Page.objects.filter(item=item)
    assert [(p.source_name, p.label) for p in pages] == [
        ("scans/0001.jpg", "1"),
        ("scans/0002.jpg", "2"),
    ]


def test_a_refused_upload_fails_its_job_with_the_file_named(client, administrator):
    item = make_item()
    client.force_login(administrator)
    files = [
        SimpleUploadedFile("1.jpg", jpeg(1)),
        SimpleUploadedFile("2.jpg", b"this is not an image"),
    ]
    client.post("/staff/images/page/ingest/", {"item": item.pk, "labels": "folio", "files": files})
    while Worker().run_one():
        pass
    job = Job.objects.get(name="nuskha.images.jobs.ingest_pages")
    assert job.status == Job.Status.FAILED
    assert "2.jpg: not an image" in job.failure_reason
    assert not Page.objects.filter(item=item).exists()


def test_the_form_and_the_pages_list_are_for_staff(client, administrator, tmp_path):
    item = make_item()
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "1.jpg").write_bytes(jpeg(1))
    ingest(item, folder)
    assert client.get("/staff/images/page/ingest/").status_code == 302  # to the login
    client.force_login(administrator)
    assert client.get("/staff/images/page/ingest/").status_code == 200
    listing = client.get("/staff/images/page/")
    assert listing.status_code == 200 and b"Ingest page images" in listing.content
