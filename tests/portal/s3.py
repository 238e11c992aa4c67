"""A real S3 endpoint for the object-storage tests: moto's standalone server,
started as its own process on a free localhost port, so boto3 and
django-storages talk HTTP to it exactly as they would to a real service."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import boto3

from tests.processes import free_port

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "AKIATESTPORTAL", "AWS_SECRET_ACCESS_KEY": "x" * 40}
POLICY = Path(__file__).resolve().parents[2] / "docs" / "s3-public-media-policy.json"


@dataclass
class S3Server:
    endpoint: str
    process: subprocess.Popen

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="eu-north-1",
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def new_bucket(self, *, public_media: bool = False) -> str:
        """A fresh bucket; with public_media, the bucket policy that
        docs/deploy.md tells the operator to set."""
        name = f"pp-{uuid.uuid4().hex[:12]}"
        client = self.client()
        client.create_bucket(
            Bucket=name,
            CreateBucketConfiguration={"LocationConstraint": "eu-north-1"},
        )
        if public_media:
            policy = POLICY.read_text().replace("BUCKET", name)
            client.put_bucket_policy(Bucket=name, Policy=policy)
        return name

    def environ(self, **buckets) -> dict:
        """The environment an operator would set for this server."""
        return {
            **CREDENTIALS,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": "eu-north-1",
            "S3_ADDRESSING_STYLE": "path",
            **buckets,
        }

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        listing = self.client().list_objects_v2(Bucket=bucket, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))


def start() -> S3Server:
    port = free_port()
    server = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen(  # noqa: S603 - our own program and arguments
        [str(server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("moto_server exited at start")
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)  # noqa: S310
            return S3Server(endpoint, process)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("moto_server did not answer within 30 s")


def anonymous_get(url: str) -> tuple[int, bytes, Message]:
    """GET without any credentials, as a browser or a stranger would."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def policy_json(bucket: str) -> dict:
    return json.loads(POLICY.read_text().replace("BUCKET", bucket))
