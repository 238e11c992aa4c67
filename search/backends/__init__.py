"""Archive search backends. settings choose one: Elasticsearch when
ELASTICSEARCH_URL is set, else the database's own full-text search."""

from functools import lru_cache

from django.conf import settings
from django.db import connection


@lru_cache(maxsize=4)
def _backend(kind: str):
    if kind == "elasticsearch":
        from .elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(
            url=settings.ELASTICSEARCH_URL,
            index=settings.ELASTICSEARCH_INDEX,
            api_key=settings.ELASTICSEARCH_API_KEY,
            ca_certs=settings.ELASTICSEARCH_CA_CERTS,
        )
    if kind == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    from .sqlite import SQLiteBackend

    return SQLiteBackend()


def get_backend():
    if settings.ELASTICSEARCH_URL:
        return _backend("elasticsearch")
    return _backend(connection.vendor)
