"""The site's public address and name: one setting (SITE_URL, read into
WAGTAILADMIN_BASE_URL) for every link an e-mail carries, whatever host the
request that caused the e-mail came in on."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


@dataclass(frozen=True)
class ConfiguredSite:
    """Quacks like django.contrib.sites' Site for allauth's e-mail templates
    (current_site.name, current_site.domain)."""

    name: str
    domain: str


def site_base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def site_url(path: str = "/") -> str:
    """The absolute address of `path` (a URL path) on the configured site."""
    return site_base_url() + path


def configured_site() -> ConfiguredSite:
    return ConfiguredSite(
        name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(site_base_url()).netloc
    )
