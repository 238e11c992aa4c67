"""An Elasticsearch stand-in at the HTTP layer, for the tests of how we
handle Elasticsearch's answers. It replaces only elastic_transport's
urllib3 node's perform_request: the elasticsearch client (serialising,
retries, the product check, errors by status) and our code run for real.

It keeps indices, aliases and documents as the bulk, index and alias APIs
describe them, and answers a search with a response of the documented
shape (https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-search):
every stored document as a hit (it does not evaluate queries: that is
Elasticsearch's part, which the live suite tests), `hits.total` as
{value, relation}, and terms aggregations' buckets counted from the stored
documents. Tests can queue answers of their own (errors, totals)."""

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from elastic_transport import ApiResponseMeta, HttpHeaders, Urllib3HttpNode
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport._node import NodeApiResponse

DEFAULT_WINDOW = 10_000


@dataclass
class Request:
    method: str
    path: str
    params: dict
    body: object
    headers: dict
    timeout: object


@dataclass
class FakeCluster:
    indices: dict = field(default_factory=dict)  # name -> {"settings", "docs"}
    aliases: dict = field(default_factory=dict)  # alias -> set of indices
    requests: list = field(default_factory=list)
    queued: list = field(default_factory=list)  # (method, path part, status, body)
    down: bool = False
    # Go down at the first request whose path holds this (an outage mid-run).
    down_at: str | None = None

    # --- what tests look at -----------------------------------------------
    def sent(self, method=None, contains="") -> list[Request]:
        return [
            r
            for r in self.requests
            if (method is None or r.method == method) and contains in r.path
        ]

    def queue(self, method, path_part, status, body) -> None:
        """Answer the next request matching with this, once."""
        self.queued.append((method, path_part, status, body))

    def documents(self, alias) -> dict:
        docs = {}
        for index in self._resolve(alias):
            docs.update(self.indices[index]["docs"])
        return docs

    # --- the HTTP layer ---------------------------------------------------
    def perform(self, node, method, target, body, headers, timeout):
        url = urlsplit(target)
        params = {k: v[-1] for k, v in parse_qs(url.query).items()}
        parsed = self._parse(url.path, body)
        self.requests.append(
            Request(method, url.path, params, parsed, dict(headers or {}), timeout)
        )
        if self.down_at and self.down_at in url.path:
            self.down = True
        if self.down:
            raise TransportConnectionError("Connection refused")
        for i, (m, part, status, answer) in enumerate(self.queued):
            if m in (None, method) and part in url.path:
                del self.queued[i]
                return self._response(node, status, answer)
        status, answer = self._answer(method, url.path, params, parsed)
        return self._response(node, status, answer)

    @staticmethod
    def _parse(path, body):
        if not body:
            return None
        text = body.decode()
        if path.endswith("/_bulk"):
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        return json.loads(text)

    @staticmethod
    def _response(node, status, answer):
        headers = HttpHeaders(
            {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
        )
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=headers,
            duration=0.0,
            node=node.config,
        )
        raw = b"" if answer is None else json.dumps(answer).encode()
        return NodeApiResponse(meta, raw)

    def _resolve(self, name) -> list[str]:
        if name in self.aliases:
            return sorted(self.aliases[name])
        return [name] if name in self.indices else []

    def _answer(self, method, path, params, body):
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["_aliases"]:
            return self._update_aliases(body["actions"])
        if parts[:1] == ["_alias"]:
            found = parts[1] in self.aliases
            if method == "HEAD":
                return (200 if found else 404), None
            if not found:
                return 404, {"error": f"alias [{parts[1]}] missing", "status": 404}
            return 200, {i: {"aliases": {parts[1]: {}}} for i in self.aliases[parts[1]]}
        if parts == ["_bulk"]:
            return self._bulk(body)
        name = parts[0]
        rest = parts[1:]
        if not rest:
            if method == "PUT":
                if name in self.indices:
                    return 400, _error("resource_already_exists_exception", name)
                settings = (body or {}).get("settings", {})
                self.indices[name] = {"settings": settings, "docs": {}}
                return 200, {"acknowledged": True, "index": name}
            if method == "DELETE":
                if self.indices.pop(name, None) is None:
                    return 404, _error("index_not_found_exception", name)
                return 200, {"acknowledged": True}
            if method == "HEAD":
                return (200 if self._resolve(name) else 404), None
        if rest == ["_settings"] or rest == ["_refresh"]:
            return 200, {"acknowledged": True, "_shards": {"failed": 0}}
        if rest == ["_search"]:
            return self._search(name, body)
        if rest == ["_mget"]:
            return self._mget(name, body, params)
        if rest[:1] == ["_doc"] and method in ("PUT", "POST"):
            target = (self._resolve(name) or [name])[0]
            self.indices.setdefault(target, {"settings": {}, "docs": {}})
            self.indices[target]["docs"][rest[1]] = body
            return 201, {"_index": target, "_id": rest[1], "result": "created"}
        if rest[:1] == ["_doc"] and method == "DELETE":
            for index in self._resolve(name):
                if self.indices[index]["docs"].pop(rest[1], None) is not None:
                    return 200, {"result": "deleted"}
            return 404, {"result": "not_found"}
        return 400, _error("fake_elasticsearch_cannot_answer", f"{method} {path}")

    def _mget(self, name, body, params):
        """https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-mget:
        one entry per id, in order, `found` or not; `_source` limits the fields."""
        stored = self.documents(name)
        fields = params["_source"].split(",") if "_source" in params else None
        docs = []
        for id_ in body["ids"]:
            entry = {"_index": name, "_id": id_, "found": id_ in stored}
            if id_ in stored:
                source = stored[id_]
                entry["_source"] = (
                    {f: source[f] for f in fields if f in source} if fields else source
                )
            docs.append(entry)
        return 200, {"docs": docs}

    def _update_aliases(self, actions):
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "add":
                self.aliases.setdefault(spec["alias"], set()).add(spec["index"])
            elif kind == "remove":
                self.aliases.get(spec["alias"], set()).discard(spec["index"])
        return 200, {"acknowledged": True}

    def _bulk(self, lines):
        items = []
        pairs = iter(lines)
        for action in pairs:
            ((kind, spec),) = action.items()
            index = self._resolve(spec["_index"])
            if not index:
                self.indices[spec["_index"]] = {"settings": {}, "docs": {}}
                index = [spec["_index"]]
            if kind == "index":
                self.indices[index[0]]["docs"][spec["_id"]] = next(pairs)
            items.append(
                {kind: {"_index": index[0], "_id": spec["_id"], "status": 201}}
            )
        return 200, {"took": 1, "errors": False, "items": items}

    def _search(self, name, body):
        body = body or {}
        window = DEFAULT_WINDOW
        for index in self._resolve(name):
            window = int(
                self.indices[index]["settings"].get("max_result_window", window)
            )
        start, size = body.get("from", 0), body.get("size", 10)
        if start + size > window:
            reason = (
                "Result window is too large, from + size must be less than or "
                f"equal to: [{window}] but was [{start + size}]."
            )
            return 400, {
                "error": {
                    "root_cause": [
                        {"type": "illegal_argument_exception", "reason": reason}
                    ],
                    "type": "search_phase_execution_exception",
                    "reason": "all shards failed",
                },
                "status": 400,
            }
        docs = self.documents(name)
        items = list(docs.items())
        if body.get("sort") == [{"key": "asc"}]:
            # Sorted by key, paged with search_after (what the index check asks).
            items.sort()
            after = (body.get("search_after") or [""])[0]
            items = [(k, d) for k, d in items if k > after]
        hits = [
            {
                "_index": self._resolve(name)[0],
                "_id": key,
                "_score": 1.0,
                "_source": doc,
                "sort": [key],
            }
            for key, doc in items[start : start + size]
        ]
        total = {"value": len(docs), "relation": "eq"}
        if not body.get("track_total_hits") and len(docs) > DEFAULT_WINDOW:
            total = {"value": DEFAULT_WINDOW, "relation": "gte"}
        answer = {
            "took": 1,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": total, "max_score": 1.0, "hits": hits},
        }
        if body.get("aggs"):
            answer["aggregations"] = {
                n: _aggregate(spec, docs.values()) for n, spec in body["aggs"].items()
            }
        return 200, answer


def _field(doc, path):
    for part in path.split("."):
        doc = doc.get(part) if isinstance(doc, dict) else None
    return doc


def _aggregate(spec, docs):
    """A terms aggregation, or a filter aggregation around one."""
    if "filter" in spec:
        inner = {n: _aggregate(s, docs) for n, s in spec.get("aggs", {}).items()}
        return {"doc_count": len(list(docs)), **inner}
    counts: dict[str, int] = {}
    for doc in docs:
        value = _field(doc, spec["terms"]["field"])
        for v in value if isinstance(value, list) else [value]:
            if v is not None:
                counts[v] = counts.get(v, 0) + 1
    buckets = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "doc_count_error_upper_bound": 0,
        "sum_other_doc_count": 0,
        "buckets": [{"key": k, "doc_count": n} for k, n in buckets],
    }


def _error(kind, what):
    return {
        "error": {"root_cause": [{"type": kind, "reason": what}], "type": kind},
        "status": 400,
    }


def install(monkeypatch) -> FakeCluster:
    """Answer every request of the urllib3 node from a new FakeCluster."""
    cluster = FakeCluster()

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        return cluster.perform(
            self, method, target, body, headers, kwargs.get("request_timeout")
        )

    monkeypatch.setattr(Urllib3HttpNode, "perform_request", perform_request)
    return cluster
