"""Where media lives: the local disk (one machine), or S3-compatible object
storage when S3_BUCKET is set (several web nodes; docs/deploy.md).

Two storages, as on disk:
- "default", the public CMS media (Wagtail images and documents), under
  `media/` in S3_BUCKET. URLs are plain (unsigned): the operator lets anyone
  read `media/images/*` and `media/original_images/*` with a bucket policy
  or a CDN, exactly what Django serves from MEDIA_ROOT on one machine.
  Documents (`media/documents/`) stay unreadable there: Wagtail's serve view
  checks their privacy and streams them.
- "private", input attachments, under `private/` in S3_PRIVATE_BUCKET (by
  default the same bucket). Never public: objects are written with the
  private ACL, and the attachment view answers an authorised person with a
  redirect to a signed URL that expires after PRIVATE_MEDIA_URL_SECONDS.

Credentials come from the usual AWS variables (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY) or, without them, boto3's own chain (an instance
role)."""

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
PUBLIC_LOCATION = "media"
PRIVATE_LOCATION = "private"


def _get(environ: Mapping[str, str], name: str) -> str | None:
    return (environ.get(name) or "").strip() or None


def _s3_common(environ: Mapping[str, str]) -> dict:
    return {
        "endpoint_url": _get(environ, "S3_ENDPOINT_URL"),
        "region_name": _get(environ, "S3_REGION"),
        "access_key": _get(environ, "AWS_ACCESS_KEY_ID"),
        "secret_key": _get(environ, "AWS_SECRET_ACCESS_KEY"),
        # MinIO and most self-hosted services want path-style addresses.
        "addressing_style": _get(environ, "S3_ADDRESSING_STYLE"),
        "signature_version": "s3v4",
        # Two uploads of "rapport.pdf" to one input are two files.
        "file_overwrite": False,
    }


def media_storages(environ: Mapping[str, str], *, private_root: Path) -> dict:
    """STORAGES' "default" and "private" entries for this environment."""
    bucket = _get(environ, "S3_BUCKET")
    if bucket is None:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": private_root, "base_url": None},
            },
        }
    common = _s3_common(environ)
    domain = _get(environ, "S3_MEDIA_DOMAIN")
    return {
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "location": PUBLIC_LOCATION,
                "querystring_auth": False,
                "custom_domain": domain,
            },
        },
        "private": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": _get(environ, "S3_PRIVATE_BUCKET") or bucket,
                "location": PRIVATE_LOCATION,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": private_url_seconds(environ),
                # Never through a CDN: a cached copy outlives the signature.
                "custom_domain": None,
            },
        },
    }


def private_url_seconds(environ: Mapping[str, str]) -> int:
    return int(_get(environ, "PRIVATE_MEDIA_URL_SECONDS") or 60)


def public_media_origin(environ: Mapping[str, str]) -> str | None:
    """The origin public media is loaded from (for the Content-Security-
    Policy), or None when the site serves it itself."""
    bucket = _get(environ, "S3_BUCKET")
    if bucket is None:
        return None
    if domain := _get(environ, "S3_MEDIA_DOMAIN"):
        return f"https://{domain}"
    endpoint = _get(environ, "S3_ENDPOINT_URL")
    if endpoint is None:
        # boto3's own addresses: the bucket in the host name (global
        # endpoint), or in the path of the regional one.
        if _get(environ, "S3_ADDRESSING_STYLE") == "path":
            region = _get(environ, "S3_REGION")
            host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
            return f"https://{host}"
        return f"https://{bucket}.s3.amazonaws.com"
    parts = urlsplit(endpoint)
    if _get(environ, "S3_ADDRESSING_STYLE") == "virtual":
        return f"{parts.scheme}://{bucket}.{parts.netloc}"
    return f"{parts.scheme}://{parts.netloc}"
