"""Print-ready PDFs with WeasyPrint."""

import mimetypes
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "http://pdf.invalid/"


def _static_file(name: str):
    """The file behind a static URL, in development (finders) and after
    collectstatic, where the name carries the manifest's hash."""
    found = finders.find(name)
    if found:
        return found
    if settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / name
        return candidate if candidate.is_file() else None
    return None


class LocalFilesFetcher(URLFetcher):
    """Static and media files are read from disk: the PDF must not make the
    server call itself over HTTP, and nothing else may be fetched."""

    def fetch(self, url, headers=None):
        path = urlparse(url).path
        found = None
        if ".." in path.split("/"):
            raise ValueError(f"Not fetched for a PDF: {url}")
        if url.startswith(BASE_URL) and path.startswith(settings.STATIC_URL):
            found = _static_file(path.removeprefix(settings.STATIC_URL))
        elif url.startswith(BASE_URL) and path.startswith(settings.MEDIA_URL):
            candidate = Path(settings.MEDIA_ROOT) / path.removeprefix(
                settings.MEDIA_URL
            )
            found = candidate if candidate.is_file() else None
        if not found:
            raise ValueError(f"Not fetched for a PDF: {url}")
        content_type = mimetypes.guess_type(str(found))[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=Path(found).read_bytes(), headers={"Content-Type": content_type}
        )


def html_to_pdf(html: str) -> bytes:
    return HTML(
        string=html, base_url=BASE_URL, url_fetcher=LocalFilesFetcher()
    ).write_pdf(pdf_tags=True)
