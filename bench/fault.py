#!/usr/bin/env python3
"""Helpers of bench/fault.sh (standard library only).

  fault.py matrix BASE_URL SERVICE_LOG       the bad-input matrix against every endpoint, with its checks
  fault.py load-prepare BASE_URL OUT.tsv     the request list the wrk load rotates over, each checked once
  fault.py outage-probe BASE_URL OUT.tsv STARTED_FILE STOP_FILE MAX_SECONDS
                                             moderate load recording every answer with its time; writes
                                             the time it started answering to STARTED_FILE
  fault.py outage-report PROBE.tsv EVENTS    what the service answered before, during and after the outage
  fault.py board PORT_FILE JOBS FIRST DELAY_MS
                                             a slow Greenhouse-style job board on loopback

Checks are printed as `PASS name: detail` / `FAIL name: detail` and appended to the file named by
FAULT_CHECKS. Exit status: 0 every check passed, 1 a check failed, 2 or more the script itself failed.
"""

import base64
import collections
import concurrent.futures
import gzip
import hashlib
import http.server
import json
import os
import random
import select
import socket
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

MAX_ERROR_BYTES = int(os.environ.get("FAULT_MAX_ERROR_BYTES", "16384"))
KEEP_BYTES = 4 << 20  # bodies are read whole but kept only up to this size
failed_checks = 0


def check(name, ok, detail):
    global failed_checks
    line = f"{'PASS' if ok else 'FAIL'} {name}: {detail}"
    print(line, flush=True)
    if not ok:
        failed_checks += 1
    path = os.environ.get("FAULT_CHECKS")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(line.replace("\n", " ") + "\n")


class ScriptError(Exception):
    """The script could not do its job (a discovery request failed): not a finding, exit status 2."""


def short(text, limit=160):
    text = text if isinstance(text, str) else text.decode("latin-1")
    text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= limit else f"{text[:limit]}…(+{len(text) - limit} chars)"


# ---------------------------------------------------------------------------------------------------------
# A raw HTTP/1.1 client: hostile requests must reach the server byte for byte (http.client refuses NUL, spaces
# and control characters in a URL, and would fix up framing).

class Answer:
    def __init__(self):
        self.status = 0
        self.headers = []
        self.body = b""
        self.body_len = 0
        self.elapsed = 0.0
        self.error = None

    def header(self, name):
        name = name.lower()
        return next((v for k, v in self.headers if k == name), None)

    def text(self):
        """The body as text, gzip undone; None when it can't be read here (brotli, cut)."""
        if self.body_len > len(self.body):
            return None
        body = self.body
        encoding = (self.header("content-encoding") or "").strip().lower()
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding not in ("", "identity"):
            return None
        return body.decode("utf-8", errors="replace")


# Endpoints whose answers, errors included, are HTML for people rather than problem+json for programs.
PAGE_ENDPOINTS = {"/", "/jobs", "/embed"}


def request_bytes(method, target, headers=(), body=b"", host=None, version="HTTP/1.1", length=True):
    """One request. target and header values may be str (sent as UTF-8) or bytes (sent as they are)."""
    def b(x):
        return x if isinstance(x, bytes) else x.encode("utf-8")
    lines = [b(method) + b" " + b(target) + b" " + b(version)]
    if host is not None:
        lines.append(b"Host: " + b(host))
    lines.append(b"User-Agent: aggregator-fault-bench")
    for name, value in headers:
        lines.append(b(name) + b": " + b(value))
    if length and (body or method in ("POST", "PUT", "PATCH")):
        lines.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def exchange(addr, raw, timeout=60.0, head=False, half_close=False):
    """Sends raw and reads one response, framed by its headers (HEAD, 1xx/204/304, Content-Length, chunked,
    or until close). A large body is sent in pieces and given up as soon as the server answers early."""
    answer = Answer()
    start = time.monotonic()
    deadline = start + timeout
    try:
        sock = socket.create_connection(addr, timeout=timeout)
    except OSError as e:
        answer.error = f"connect: {e}"
        return answer
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        view = memoryview(raw)
        step = 1 << 16
        for offset in range(0, len(view), step):
            try:
                sock.sendall(view[offset:offset + step])
            except OSError:
                break  # the server stopped reading (and has probably answered): read what it said
            if len(view) > (1 << 20) and select.select([sock], [], [], 0)[0]:
                break
        if half_close:
            try:
                sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        read_response(sock, answer, head, deadline)
    except socket.timeout:
        answer.error = "timeout"
    except OSError as e:
        answer.error = answer.error or f"{type(e).__name__}: {e}"
    finally:
        sock.close()
        answer.elapsed = time.monotonic() - start
    return answer


def read_response(sock, answer, head, deadline):
    buffer = bytearray()

    def fill():
        sock.settimeout(max(0.05, deadline - time.monotonic()))
        chunk = sock.recv(1 << 16)
        if not chunk:
            raise EOFError
        buffer.extend(chunk)

    def take_line():
        while b"\r\n" not in buffer:
            fill()
        i = buffer.index(b"\r\n")
        line = bytes(buffer[:i])
        del buffer[:i + 2]
        return line

    try:
        while True:
            while b"\r\n\r\n" not in buffer:
                fill()
            end = buffer.index(b"\r\n\r\n")
            head_text = bytes(buffer[:end]).decode("latin-1")
            del buffer[:end + 4]
            status_line, *header_lines = head_text.split("\r\n")
            parts = status_line.split(" ", 2)
            status = int(parts[1])
            if 100 <= status < 200:
                continue  # 100 Continue: the real answer follows
            answer.status = status
            answer.headers = [(k.strip().lower(), v.strip()) for k, _, v in (h.partition(":") for h in header_lines)]
            break
    except EOFError:
        answer.error = "closed without an answer" if not buffer else f"closed mid-answer: {short(bytes(buffer), 80)}"
        return

    body = bytearray()
    total = 0

    def keep(data):
        nonlocal total
        total += len(data)
        if len(body) < KEEP_BYTES:
            body.extend(data[:KEEP_BYTES - len(body)])

    try:
        if head or answer.status in (204, 304):
            pass
        elif "chunked" in (answer.header("transfer-encoding") or "").lower():
            while True:
                size = int(take_line().split(b";")[0].strip(), 16)
                if size == 0:
                    while take_line():
                        pass
                    break
                while len(buffer) < size + 2:
                    fill()
                keep(bytes(buffer[:size]))
                del buffer[:size + 2]
        elif answer.header("content-length") is not None:
            remaining = int(answer.header("content-length"))
            while remaining > 0:
                if not buffer:
                    fill()
                piece = bytes(buffer[:remaining])
                del buffer[:len(piece)]
                remaining -= len(piece)
                keep(piece)
        else:
            while True:
                keep(bytes(buffer))
                buffer.clear()
                fill()
    except EOFError:
        if answer.header("content-length") is not None or "chunked" in (answer.header("transfer-encoding") or ""):
            answer.error = "closed mid-body"
    answer.body = bytes(body)
    answer.body_len = total


# ---------------------------------------------------------------------------------------------------------
# The bad-input matrix.

# allow: statuses that are the right answer although they are 5xx (505 to an HTTP version the server does not speak).
Case = collections.namedtuple("Case", "endpoint group name raw head half_close show allow")

# Hostile query values, already as they go on the wire (percent-encoded where a client would encode).
GARBAGE = [
    ("negative", "-1"), ("negative huge", "-99999999999999999999"), ("huge", "99999999999999999999999999999"),
    ("fraction", "1.5"), ("exponent overflow", "1e309"), ("NaN", "NaN"), ("Infinity", "-Infinity"), ("hex", "0x10"),
    ("zero", "0"), ("empty", ""), ("blanks", "%20%20"), ("plus sign", "%2B5"), ("Arabic-Indic digits", "%D9%A5"),
    ("7,000 characters", "A" * 7000), ("10,000 characters", "B" * 10000),
    ("NUL", "%00"), ("NUL inside", "soft%00ware"), ("control characters", "%01%02%08%1B%7F"),
    ("CR LF injection", "x%0D%0ASet-Cookie:%20injected=1"), ("XML-forbidden characters", "a%EF%BF%BE%EF%BF%BF%0B%0Cb"),
    ("lone high surrogate (CESU-8)", "%ED%A0%80"), ("lone low surrogate (CESU-8)", "x%ED%BF%BFy"), ("%u surrogate", "%uD800"),
    ("invalid UTF-8", "%FF%FE%C0%AE"), ("truncated UTF-8", "%E2%82"), ("bare %", "%"), ("bad escape", "%zz%G1"),
    ("RTL override", "%E2%80%AEgnireenigne%E2%80%AC"), ("combining and zero-width", "e%CC%81%CC%81%E2%80%8B%E2%80%8D"),
    ("emoji", "%F0%9F%92%BB%F0%9F%A7%91%E2%80%8D%F0%9F%92%BB"),
    ("SQL injection", urllib.parse.quote("' OR '1'='1' --")), ("SQL stacked", urllib.parse.quote("1; DROP TABLE jobs; --")),
    ("SQL union", urllib.parse.quote("x') UNION SELECT usename, passwd FROM pg_shadow --")),
    ("SQL sleep", urllib.parse.quote("'; select pg_sleep(30); --")),
    ("path traversal", "../../../../etc/passwd"), ("path traversal encoded", "..%2F..%2F..%2Fetc%2Fpasswd"),
    ("double-encoded traversal", "%252e%252e%252f%252e%252e%252fetc"),
    ("script tag", urllib.parse.quote("<script>alert(1)</script>")), ("attribute breakout", urllib.parse.quote('"><svg onload=alert(1)>')),
    ("XML entity", urllib.parse.quote('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;')),
    ("JSON array", urllib.parse.quote("[1,2]")), ("JSON object", urllib.parse.quote('{"$ne":null}')), ("boolean", "true"), ("null", "null"),
    ("empty list items", "a,,b,%20,"), ("51 list values", ",".join(f"v{i}" for i in range(51))),
    ("search syntax", urllib.parse.quote('"unterminated -or OR & | ! :* \\ (')), ("format string", "%25s%25s%25n%7B0%7D"),
]

PARAMETERS = ["q", "role", "family", "digital", "level", "jurisdiction", "region", "country", "remote", "salary_min",
              "posted_within", "closing_within", "source", "limit", "cursor", "sort"]

# The few values sent to endpoints that take no query, under parameter names the job query uses.
FEW = [g for g in GARBAGE if g[0] in ("negative", "huge", "NaN", "7,000 characters", "NUL", "lone high surrogate (CESU-8)",
                                      "RTL override", "SQL injection", "path traversal", "script tag")]


class Matrix:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.addr = (url.hostname, url.port)
        self.host = f"{url.hostname}:{url.port}"
        self.cases = []

    def get_json(self, path):
        answer = exchange(self.addr, request_bytes("GET", path, host=self.host), timeout=120)
        if answer.status != 200:
            raise ScriptError(f"discovery: GET {path} answered {answer.status} {answer.error or ''}")
        return answer, json.loads(answer.text())

    def add(self, endpoint, group, name, raw, head=False, half_close=False, show=None, allow=()):
        self.cases.append(Case(endpoint, group, name, raw, head, half_close, show or name, frozenset(allow)))

    def get(self, endpoint, group, name, target, headers=(), method="GET", body=b"", **kw):
        raw = request_bytes(method, target, headers, body, host=self.host)
        extra = "".join(f" [{n}: {short(v, 60)}]" for n, v in headers)
        self.add(endpoint, group, name, raw, head=(method == "HEAD"), show=f"{method} {short(target, 140)}{extra}" + (f" + {len(body)}-byte body" if body else ""), **kw)

    # -- discovery: real ids, slugs, cursors and validators to tamper with
    def discover(self):
        _, jurisdictions = self.get_json("/api/jurisdictions")
        with_sources = [j for j in jurisdictions if j["sources"] > 0 and j["openJobs"] > 0] or jurisdictions
        self.jurisdiction = with_sources[0]
        _, sources = self.get_json("/api/sources")
        self.source = sources[0]["id"]
        _, page = self.get_json("/api/jobs?limit=1")
        self.job_id = page["items"][0]["id"]
        self.cursor_api = page["nextCursor"]
        _, salary = self.get_json("/api/jobs?limit=1&sort=salary")
        self.cursor_salary = salary["nextCursor"]
        _, searched = self.get_json("/api/jobs?limit=1&q=software")
        self.cursor_q = searched["nextCursor"]
        feed, _ = self.get_json("/feeds/jobs.json?limit=1")
        link = feed.header("link") or ""
        nxt = next((p for p in link.split(",") if 'rel="next"' in p), "")
        self.cursor_feed = urllib.parse.parse_qs(urllib.parse.urlsplit(nxt.split(">")[0].strip(" <")).query).get("cursor", [""])[0]
        self.etag = feed.header("etag")
        self.forge_ok = self.verify_fingerprint()

    # -- cursors: the checksum is not a secret (JobCursor.cs), so valid-looking hostile cursors can be made
    @staticmethod
    def fingerprint(q="", sort="Posted"):
        """JobQuery.Fingerprint() of a query with no filter but q and sort (digital jobs, the default)."""
        return "\x1f".join([q, "", "", "True", "", "", "", "", "", "False", "", "", "", "", "False", sort])

    @staticmethod
    def forge(fingerprint, payload):
        payload = payload if isinstance(payload, bytes) else json.dumps(payload, separators=(",", ":")).encode()
        checksum = hashlib.sha256(b"aggregator-cursor-v1\x1f" + fingerprint.encode() + b"\x1f" + payload).digest()[:8]
        return base64.urlsafe_b64encode(checksum + payload).rstrip(b"=").decode()

    def verify_fingerprint(self):
        def payload(cursor):
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            return raw[8:]
        try:
            return (self.forge(self.fingerprint(), payload(self.cursor_api)) == self.cursor_api
                    and self.forge(self.fingerprint(sort="Salary"), payload(self.cursor_salary)) == self.cursor_salary
                    and self.forge(self.fingerprint(q="software", sort="Relevance"), payload(self.cursor_q)) == self.cursor_q)
        except Exception:  # noqa: BLE001 - any mismatch only means no forged cursors
            return False

    # -- the cases
    def build(self):
        j = self.jurisdiction
        feeds = []
        for ext in ("atom", "rss", "json"):
            feeds += [(f"/feeds/jobs.{ext}", f"/feeds/jobs.{ext}"),
                      (f"/feeds/roles/{{slug}}.{ext}", f"/feeds/roles/software-engineering.{ext}"),
                      (f"/feeds/jurisdictions/{{id}}.{ext}", f"/feeds/jurisdictions/{j['slug']}.{ext}")]
        query_endpoints = feeds + [("/feeds/deadlines.ics", "/feeds/deadlines.ics"), ("/api/jobs", "/api/jobs"),
                                   ("/jobs", "/jobs"), ("/embed", "/embed")]
        plain_endpoints = [("/", "/"), ("/feeds.opml", "/feeds.opml"), ("/api/jobs/{id}", f"/api/jobs/{self.job_id}"),
                           ("/api/roles", "/api/roles"), ("/api/jurisdictions", "/api/jurisdictions"), ("/api/sources", "/api/sources"),
                           ("/openapi/v1.json", "/openapi/v1.json"), ("/scalar/v1", "/scalar/v1"),
                           ("/health", "/health"), ("/health/live", "/health/live"), ("/health/ready", "/health/ready")]
        self.get_endpoints = query_endpoints + plain_endpoints
        valid = {"q": "software", "role": "software-engineering", "family": "engineering", "digital": "any", "level": "senior",
                 "jurisdiction": j["slug"], "region": "US-MD", "country": "US", "remote": "remote", "salary_min": "90000",
                 "posted_within": "30", "closing_within": "30", "source": self.source, "limit": "5", "cursor": self.cursor_api,
                 "sort": "posted"}

        for endpoint, path in self.get_endpoints:
            self.get(endpoint, "control", "plain GET", path)
            self.structural(endpoint, path)
            self.methods(endpoint, path)
            self.headers(endpoint, path)
        for endpoint, path in query_endpoints:
            for p in PARAMETERS:
                self.get(endpoint, "valid value", f"{p} valid", f"{path}?{p}={valid[p]}")
                self.get(endpoint, "duplicated parameter", f"{p} twice", f"{path}?{p}={valid[p]}&{p}={valid[p]}")
                self.get(endpoint, "duplicated parameter", f"{p} twice, differing", f"{path}?{p}={valid[p]}&{p}=-1")
                for name, value in GARBAGE:
                    self.get(endpoint, "garbage value", f"{p}: {name}", f"{path}?{p}={value}")
        for endpoint, path in plain_endpoints:
            for p in ("q", "limit", "cursor"):
                for name, value in FEW:
                    self.get(endpoint, "garbage value", f"{p}: {name}", f"{path}?{p}={value}")
        self.cursors()
        self.paths()
        self.classify()
        self.protocol()

    def structural(self, endpoint, path):
        def unknowns(prefix, width):
            parts, i = [], 0
            while sum(len(x) + 1 for x in parts) < width:
                parts.append(f"{prefix}{i}=value")
                i += 1
            return "&".join(parts)
        self.get(endpoint, "unknown parameters", "one unknown parameter", f"{path}?utm_source=x")
        self.get(endpoint, "unknown parameters", "300 unknown parameters", f"{path}?" + "&".join(f"u{i}=x" for i in range(300)))
        self.get(endpoint, "unknown parameters", "7 KB of unknown parameters", f"{path}?" + unknowns("unknown_parameter_", 7000))
        self.get(endpoint, "unknown parameters", "one unknown parameter, 7 KB value", f"{path}?x=" + "v" * 7000)
        self.get(endpoint, "unknown parameters", "unknown name in another case", f"{path}?Q=software&LIMIT=5")
        self.get(endpoint, "unknown parameters", "array syntax", f"{path}?q[]=a&role[0]=gis&limit[$gt]=1")
        for name, query in [("empty pairs", "&&&"), ("empty name", "=x"), ("name only", "q"), ("NUL name", "%00=1"),
                            ("semicolon separator", "q=a;limit=5"), ("encoded separators", "q%3Da%26limit%3D5"),
                            ("encoded NUL name", "q%00=x"), ("fragment", "q=a#frag")]:
            self.get(endpoint, "malformed query", name, f"{path}?{query}")
        # Bytes a client should have encoded: the HTTP server sees them raw.
        for name, raw in [("raw space", b"q=a b"), ("raw NUL", b"q=a\x00b"), ("raw tab", b"q=a\tb"), ("raw DEL", b"q=a\x7fb"),
                          ("raw UTF-8", "q=caf\u00e9 \u202e".encode()[:8]), ("raw Latin-1", b"q=caf\xe9"),
                          ("raw invalid UTF-8", b"q=\xff\xfe\xc0\xae"), ("raw quote and angle", b"q=\"<x>'")]:
            target = path.encode() + b"?" + raw
            self.add(endpoint, "raw bytes in URL", name, request_bytes("GET", target, host=self.host), show=f"GET {short(target)}")
        self.get(endpoint, "huge URL", "7.5 KB path suffix", path + "/" + "p" * 7500)
        self.get(endpoint, "huge URL", "9 KB URL", f"{path}?q=" + "a" * 9000)
        self.get(endpoint, "huge URL", "70 KB URL", f"{path}?q=" + "a" * 70000)

    def methods(self, endpoint, path):
        for method in ("POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "FOO", "get"):
            body = b'{"title":"x"}' if method in ("POST", "PUT", "PATCH") else b""
            headers = [("Content-Type", "application/json")] if body else []
            target = path if method != "CONNECT" else "127.0.0.1:1"
            self.get(endpoint, "method", f"{method}", target, headers=headers, method=method, body=body)
        self.get(endpoint, "method", "CORS preflight for GET", path, method="OPTIONS",
                 headers=[("Origin", "https://evil.example"), ("Access-Control-Request-Method", "GET")])
        self.get(endpoint, "method", "CORS preflight for DELETE", path, method="OPTIONS",
                 headers=[("Origin", "https://evil.example"), ("Access-Control-Request-Method", "DELETE"),
                          ("Access-Control-Request-Headers", "x-evil, authorization")])
        self.get(endpoint, "method", "HEAD with a query", f"{path}?limit=1", method="HEAD")
        self.get(endpoint, "method", "X-HTTP-Method-Override", path, method="POST", body=b"x",
                 headers=[("X-HTTP-Method-Override", "DELETE"), ("Content-Type", "text/plain")])

    def headers(self, endpoint, path):
        etag = self.etag or 'W/"x"'
        cases = [
            ("16 KB header", [("X-Big", "h" * 16000)]),
            ("40 KB header", [("X-Huge", "h" * 40000)]),
            ("100 headers of 300 bytes", [(f"X-Many-{i}", "m" * 300) for i in range(100)]),
            ("120 tiny headers", [(f"X-T{i}", "1") for i in range(120)]),
            ("8 KB cookie", [("Cookie", "; ".join(f"c{i}={'v' * 60}" for i in range(120)))]),
            ("X-Forwarded-Host evil", [("X-Forwarded-Host", "evil.example")]),
            ("X-Forwarded-Host garbage", [("X-Forwarded-Host", "a b<>\"{}|^`")]),
            ("X-Forwarded-Host bad port", [("X-Forwarded-Host", "evil.example:99999999")]),
            ("X-Forwarded-Host IPv6 broken", [("X-Forwarded-Host", "[::1")]),
            ("X-Forwarded-Proto garbage", [("X-Forwarded-Proto", "ht tp")]),
            ("X-Forwarded-Proto javascript", [("X-Forwarded-Proto", "javascript")]),
            ("X-Forwarded-For garbage", [("X-Forwarded-For", "999.999.999.999, ::ffff:zz, <script>")]),
            ("X-Forwarded-Prefix", [("X-Forwarded-Prefix", "/../../evil")]),
            ("Accept garbage", [("Accept", "application/xml;q=abc, */*;q=-1, text/html;level=%00")]),
            ("Accept-Encoding garbage", [("Accept-Encoding", "gzip;q=NaN, br;q=2, *;q=garbage, deflate;q=0.5")]),
            ("Accept-Encoding gzip", [("Accept-Encoding", "gzip")]),
            ("Accept-Encoding nothing acceptable", [("Accept-Encoding", "identity;q=0, *;q=0")]),
            ("Accept-Language garbage", [("Accept-Language", "xx-\u00ff;q=2, *;q=-1".encode("latin-1"))]),
            ("If-None-Match garbage", [("If-None-Match", "garbage")]),
            ("If-None-Match *", [("If-None-Match", "*")]),
            ("If-None-Match unterminated", [("If-None-Match", '"unterminated')]),
            ("If-None-Match W/ only", [("If-None-Match", "W/")]),
            ("If-None-Match empty quotes", [("If-None-Match", '""')]),
            ("If-None-Match 10 KB list", [("If-None-Match", ", ".join(f'"e{i}"' for i in range(1400)))]),
            ("If-None-Match real ETag", [("If-None-Match", etag)]),
            ("If-None-Match real ETag x200", [("If-None-Match", ", ".join([etag] * 200))]),
            ("If-None-Match real ETag, twice as headers", [("If-None-Match", etag), ("If-None-Match", '"other"')]),
            ("If-Modified-Since garbage", [("If-Modified-Since", "yesterday at noon")]),
            ("If-Modified-Since epoch", [("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")]),
            ("If-Modified-Since year 9999", [("If-Modified-Since", "Fri, 31 Dec 9999 23:59:59 GMT")]),
            ("If-Modified-Since negative", [("If-Modified-Since", "-1")]),
            ("If-Modified-Since with garbage If-None-Match", [("If-None-Match", "garbage"), ("If-Modified-Since", "Fri, 31 Dec 9999 23:59:59 GMT")]),
            ("If-Match and If-Unmodified-Since garbage", [("If-Match", "garbage"), ("If-Unmodified-Since", "garbage")]),
            ("If-Range and Range garbage", [("If-Range", "garbage"), ("Range", "bytes=0-10")]),
            ("Range unsatisfiable", [("Range", "bytes=999999999999-")]),
            ("Range 1000 parts", [("Range", "bytes=" + ",".join("0-0" for _ in range(1000)))]),
            ("Origin null", [("Origin", "null")]),
            ("Origin garbage", [("Origin", "http://<script>:-1")]),
            ("Authorization garbage", [("Authorization", "Bearer " + "x" * 2000)]),
            ("Content-Type on GET", [("Content-Type", "multipart/form-data; boundary=")]),
            ("Expect 100-continue on GET", [("Expect", "100-continue")]),
            ("Expect garbage", [("Expect", "garbage")]),
            ("Host evil", "host:evil.example"),
            ("Host script", "host:<script>"),
            ("Host port overflow", "host:127.0.0.1:99999999"),
            ("Host empty", "host:"),
            ("no Host", "nohost"),
            ("two Hosts", "twohosts"),
            ("HTTP/1.0 without Host", "http10"),
            ("absolute-form target", "absolute"),
        ]
        for name, spec in cases:
            if isinstance(spec, list):
                self.get(endpoint, "headers", name, path, headers=spec)
                continue
            if spec.startswith("host:"):
                raw = request_bytes("GET", path, host=spec[5:])
            elif spec == "nohost":
                raw = request_bytes("GET", path)
            elif spec == "twohosts":
                raw = request_bytes("GET", path, headers=[("Host", "evil.example")], host=self.host)
            elif spec == "http10":
                raw = request_bytes("GET", path, version="HTTP/1.0")
            else:
                raw = request_bytes("GET", f"http://evil.example{path}", host=self.host)
            self.add(endpoint, "headers", name, raw, show=f"GET {path} [{name}]")
        # Framing a server must refuse, on a GET.
        for name, extra, body in [
            ("Content-Length -1", b"Content-Length: -1\r\n", b""),
            ("Content-Length not a number", b"Content-Length: abc\r\n", b""),
            ("Content-Length overflow", b"Content-Length: 99999999999999999999999\r\n", b""),
            ("two Content-Lengths", b"Content-Length: 1\r\nContent-Length: 2\r\n", b"ab"),
            ("chunked and Content-Length", b"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", b"0\r\n\r\n"),
            ("chunked garbage", b"Transfer-Encoding: chunked\r\n", b"zz\r\nhello\r\n0\r\n\r\n"),
            ("unknown transfer coding", b"Transfer-Encoding: gzip, chunked\r\n", b"0\r\n\r\n"),
            ("header name with space", b"Bad Header: x\r\n", b""),
            ("header obs-fold", b"X-Folded: a\r\n  continued\r\n", b""),
            ("header with NUL", b"X-Nul: a\x00b\r\n", b""),
            ("header with raw UTF-8", "X-Utf8: caf\u00e9\r\n".encode(), b""),
            ("header with CR alone", b"X-Cr: a\rb\r\n", b""),
        ]:
            raw = b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + self.host.encode() + b"\r\n" + extra + b"\r\n" + body
            self.add(endpoint, "framing", name, raw, show=f"GET {path} [{name}]")

    def cursors(self):
        c = self.cursor_api
        tampered = [("last character changed", c[:-1] + ("A" if c[-1] != "A" else "B")),
                    ("first character changed", ("A" if c[0] != "A" else "B") + c[1:]),
                    ("cut in half", c[:len(c) // 2]), ("one character added", c + "A"), ("padded", c + "=="),
                    ("upper-cased", c.upper()), ("standard base64 alphabet", c.replace("-", "+").replace("_", "/")),
                    ("percent-encoded twice", urllib.parse.quote(urllib.parse.quote(c, safe=""), safe="")),
                    ("with spaces", "%20" + c + "%20"), ("not base64", "!!!***"), ("empty", ""),
                    ("base64 of random bytes", base64.urlsafe_b64encode(os.urandom(48)).decode().rstrip("=")),
                    ("base64 of a bare payload", base64.urlsafe_b64encode(b'[0,"1",1]').decode().rstrip("=")),
                    ("7 KB", "A" * 7000)]
        for name, value in tampered:
            self.get("/api/jobs", "tampered cursor", name, f"/api/jobs?cursor={value}")
            self.get("/feeds/jobs.atom", "tampered cursor", name, f"/feeds/jobs.atom?cursor={value}")
        foreign = [("/api/jobs", "API cursor with other filters", f"/api/jobs?role=gis&cursor={c}"),
                   ("/api/jobs", "API cursor with another sort", f"/api/jobs?sort=salary&cursor={c}"),
                   ("/api/jobs", "salary cursor without sort", f"/api/jobs?cursor={self.cursor_salary}"),
                   ("/api/jobs", "search cursor without q", f"/api/jobs?cursor={self.cursor_q}"),
                   ("/api/jobs", "search cursor with another q", f"/api/jobs?q=data&cursor={self.cursor_q}"),
                   ("/api/jobs", "feed cursor", f"/api/jobs?cursor={self.cursor_feed}"),
                   ("/api/jobs", "two cursors", f"/api/jobs?cursor={c}&cursor={c}"),
                   ("/feeds/deadlines.ics", "API cursor on the calendar", f"/feeds/deadlines.ics?cursor={c}"),
                   ("/feeds/roles/{slug}.atom", "API cursor on a role feed", f"/feeds/roles/software-engineering.atom?cursor={c}"),
                   ("/feeds/jobs.rss", "feed cursor with other filters", f"/feeds/jobs.rss?region=US-CA&cursor={self.cursor_feed}"),
                   ("/api/jobs", "valid cursor (control)", f"/api/jobs?cursor={c}")]
        for endpoint, name, target in foreign:
            self.get(endpoint, "foreign cursor", name, target)
        if not self.forge_ok:
            return
        posted, salary, relevance = self.fingerprint(), self.fingerprint(sort="Salary"), self.fingerprint(q="software", sort="Relevance")
        deep = b"[" * 200 + b"]" * 200
        forged = [
            (posted, "", "year 1", [0, "0", 0]), (posted, "", "largest instant, largest id", [0, "3155378975999999999", 9223372036854775807]),
            (posted, "", "past the largest instant", [0, "3155378976000000000", 1]), (posted, "", "negative ticks", [0, "-1", 1]),
            (posted, "", "smallest id", [0, "1", -9223372036854775808]), (posted, "", "id past int64", [0, "1", 9223372036854775808]),
            (posted, "", "fractional id", [0, "1", 1.5]), (posted, "", "numeric key", [0, 1, 1]), (posted, "", "null key", [0, None, 1]),
            (posted, "", "unknown mode", [7, "1", 1]), (posted, "", "mode past int32", [4294967296, "1", 1]),
            (posted, "", "full-text mode without q", [1, "1", 1]),
            (posted, "", "two items", [0, "1"]), (posted, "", "object", {"mode": 0}), (posted, "", "string", "x"),
            (posted, "", "nested 200 deep", deep), (posted, "", "trailing comma", b'[0,"1",1,]'), (posted, "", "invalid UTF-8", b'[0,"\xff\xfe",1]'),
            (posted, "", "NUL in key", [0, "1\u0000", 1]), (posted, "", "5,000-digit key", [0, "9" * 5000, 1]),
            (posted, "", "lone surrogate in key", b'[0,"\\ud800",1]'),
            (salary, "&sort=salary", "largest decimal", [0, "79228162514264337593543950335", 1]),
            (salary, "&sort=salary", "smallest decimal", [0, "-79228162514264337593543950335", 1]),
            (salary, "&sort=salary", "exponent", [0, "1e10", 1]), (salary, "&sort=salary", "NaN", [0, "NaN", 1]),
            (salary, "&sort=salary", "thousands separators", [0, "1,000,000.5", 1]),
            (relevance, "&q=software", "largest float", [1, "3.4028235E+38", 1]), (relevance, "&q=software", "NaN rank", [1, "NaN", 1]),
            (relevance, "&q=software", "-Infinity rank", [1, "-Infinity", 1]), (relevance, "&q=software", "denormal rank", [1, "1E-45", 1]),
            (relevance, "&q=software", "trigram mode for a full-text match", [2, "0.5", 1]),
            (relevance, "&q=software", "no-query mode with q", [0, "0.5", 1]),
        ]
        for fp, extra, name, payload in forged:
            cursor = self.forge(fp, payload)
            self.get("/api/jobs", "forged cursor (valid checksum)", name, f"/api/jobs?cursor={cursor}{extra}")
            if fp == posted:
                self.get("/feeds/jobs.atom", "forged cursor (valid checksum)", name, f"/feeds/jobs.atom?cursor={cursor}")

    def paths(self):
        slugs = [("unknown", "no-such-role"), ("upper case", "SOFTWARE-ENGINEERING"), ("NUL", "software-engineering%00"),
                 ("traversal", "..%2F..%2F..%2Fetc%2Fpasswd"), ("dot", "."), ("empty", ""), ("script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
                 ("RTL override", "%E2%80%AEgnireenigne"), ("lone surrogate", "%ED%A0%80"), ("SQL", "x'%20OR%20'1'%3D'1"),
                 ("4,000 characters", "r" * 4000), ("double extension", "software-engineering.atom"), ("not-digital", "not-digital")]
        jurisdictions = [("zero", "0"), ("negative", "-1"), ("past int64", "99999999999999999999"), ("huge slug", "j" * 4000),
                         ("NUL", "1%00"), ("SQL", "1%20OR%201%3D1"), ("traversal", "..%2F..%2Fapi%2Fsources"), ("unicode", "%C3%A9tat"),
                         ("upper-case slug", self.jurisdiction["slug"].upper()), ("numeric id", str(self.jurisdiction["id"])),
                         ("leading zeros", "000" + str(self.jurisdiction["id"])), ("plus", "%2B1"), ("script", "%3Csvg%3E")]
        for ext in ("atom", "rss", "json"):
            for name, slug in slugs:
                self.get(f"/feeds/roles/{{slug}}.{ext}", "bad path value", f"slug: {name}", f"/feeds/roles/{slug}.{ext}")
            for name, ident in jurisdictions:
                self.get(f"/feeds/jurisdictions/{{id}}.{ext}", "bad path value", f"id: {name}", f"/feeds/jurisdictions/{ident}.{ext}")
        for name, ident in [("zero", "0"), ("negative", "-1"), ("largest", "9223372036854775807"), ("past int64", "9223372036854775808"),
                            ("letters", "abc"), ("fraction", "1.5"), ("exponent", "1e3"), ("NUL", "1%00"), ("space", "1%20"),
                            ("leading zeros", f"000{self.job_id}"), ("plus", "%2B1"), ("hex", "0x1"), ("SQL", "1%20OR%201%3D1"),
                            ("4,000 digits", "9" * 4000), ("unicode digits", "%D9%A5")]:
            self.get("/api/jobs/{id}", "bad path value", f"id: {name}", f"/api/jobs/{ident}")
        unknown = ["/nope", "/api", "/api/", "/feeds/", "/feeds", "/feeds/jobs.xml", "/feeds/jobs.atom/extra", "/feeds/jobs.ATOM",
                   "/feeds/roles/.atom", "/feeds/jurisdictions/.rss", "/feeds/deadlines.ical", "/api/jobs/", "/api/jobs/1/extra",
                   "/api/JOBS", "/API/ROLES", "/health/", "/health/x", "/openapi/v2.json", "/openapi/v1.yaml", "/scalar", "/scalar/v1/x",
                   "/scalar/v2", "/favicon.ico", "/robots.txt", "/.env", "/.git/config", "/wp-admin/", "/index.php", "/server-status",
                   "/%00", "/a%00b", "/%2e%2e/%2e%2e/etc/passwd", "/..%2F..%2Fetc%2Fpasswd", "//etc/passwd", "/api/jobs/1/../../health",
                   "/feeds/../../etc/passwd", "/scalar/v1/../../../../etc/passwd", "/%ED%A0%80", "/%E2%80%AE", "/%C0%AE%C0%AE/",
                   "/" + "x" * 5000, "/" + "/".join(["a"] * 2000), "/api/jobs;jsessionid=1", "/api/jobs%3Fq=x", "/feeds/jobs.atom%23x"]
        for path in unknown:
            self.get("unknown paths", "unknown path", short(path, 60), path)
            self.get("unknown paths", "unknown path", f"POST {short(path, 60)}", path, method="POST", body=b"{}", headers=[("Content-Type", "application/json")])
        for name, raw in [("backslashes", b"/api\\jobs"), ("raw NUL", b"/a\x00b"), ("raw space", b"/a b"), ("raw UTF-8", "/caf\u00e9".encode()),
                          ("asterisk", b"*"), ("no slash", b"api/jobs"), ("empty target", b"")]:
            self.add("unknown paths", "raw bytes in URL", name, request_bytes("GET", raw, host=self.host), show=f"GET {short(raw)}")

    def classify(self):
        endpoint = "POST /api/classify"

        def post(name, body, content_type="application/json", headers=(), group="classify body", **kw):
            hs = ([("Content-Type", content_type)] if content_type else []) + list(headers)
            self.get(endpoint, group, name, "/api/classify", headers=hs, method="POST", body=body, **kw)

        def items(n, item=b'{"title":"a"}'):
            return b"[" + b",".join([item] * n) + b"]"

        post("valid (control)", b'[{"title":"Software Engineer"},{"title":"IT Specialist (INFOSEC)","series":["2210"]}]')
        for name, body in [("empty", b""), ("open brace", b"{"), ("open bracket", b"["), ("broken object", b"[{]"), ("nul literal", b"nul"),
                           ("empty array", b"[]"), ("object, not array", b'{"title":"x"}'), ("null", b"null"), ("array of null", b"[null]"),
                           ("array of numbers", b"[1,2]"), ("array of strings", b'["x"]'), ("number title", b'[{"title":5}]'),
                           ("string series", b'[{"title":"x","series":"2210"}]'), ("object series", b'[{"title":"x","series":{"a":1}}]'),
                           ("no title", b'[{"series":["2210"]}]'), ("blank title", b'[{"title":"   "}]'), ("unknown properties", b'[{"title":"x","$where":"1=1","__proto__":{"a":1}}]'),
                           ("NUL in title", b'[{"title":"a\\u0000b"}]'), ("lone surrogate escape", b'[{"title":"\\ud800"}]'),
                           ("invalid UTF-8", b'[{"title":"\xff\xfe"}]'), ("BOM", b'\xef\xbb\xbf[{"title":"x"}]'), ("NaN literal", b'[{"title":NaN}]'),
                           ("trailing comma", b'[{"title":"x"},]'), ("comments", b'/* c */[{"title":"x"}]'), ("duplicate keys", b'[{"title":"x","title":"y"}]'),
                           ("single quotes", b"[{'title':'x'}]"), ("two documents", b'[{"title":"x"}][{"title":"y"}]'), ("trailing garbage", b'[{"title":"x"}]garbage'),
                           ("script title", b'[{"title":"<script>alert(1)</script>"}]'), ("RTL override title", '[{"title":"\u202egnireenigne"}]'.encode()),
                           ("huge number", b'[{"title":"x","series":[1' + b"0" * 5000 + b"]}]"),
                           ("title of 1,001 characters", b'[{"title":"' + b"t" * 1001 + b'"}]'),
                           ("description of 20,001 characters", b'[{"title":"x","description":"' + b"d" * 20001 + b'"}]')]:
            post(name, body)
        post("nested 100,000 deep", b"[" * 100000 + b"]" * 100000)
        post("nested series 10,000 deep", b'[{"title":"x","series":' + b"[" * 10000 + b"]" * 10000 + b"}]")
        post("nested objects 50,000 deep", b'{"a":' * 50000 + b"1" + b"}" * 50000)
        post("1,001 items", items(1001))
        post("1,000 items (the limit)", items(1000))
        post("a million items", items(1_000_000))
        post("one item with a million series codes", b'[{"title":"Analyst","series":[' + b",".join([b'"2210"'] * 1_000_000) + b"]}]")
        post("1,000 items with 19,999-character descriptions",
             items(1000, b'{"title":"Specialist","description":"' + (b"software data security cloud " * 700)[:19999] + b'"}'))
        post("50 MB title", b'[{"title":"' + b"a" * (50 << 20) + b'"}]')
        for name, content_type, body in [("text/plain", "text/plain", b'[{"title":"x"}]'),
                                         ("XML", "application/xml", b"<items><item><title>x</title></item></items>"),
                                         ("form", "application/x-www-form-urlencoded", b"title=x"),
                                         ("multipart", "multipart/form-data; boundary=b", b'--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--\r\n'),
                                         ("no content type", None, b'[{"title":"x"}]'),
                                         ("charset garbage", "application/json; charset=garbage", b'[{"title":"x"}]'),
                                         ("UTF-16 body", "application/json; charset=utf-16", '[{"title":"x"}]'.encode("utf-16")),
                                         ("content type garbage", "\u00ff/\u00fe; ;;".encode("latin-1"), b'[{"title":"x"}]')]:
            post(f"content type: {name}", body, content_type=content_type, group="classify content type")
        post("gzip-encoded body", gzip.compress(b'[{"title":"x"}]'), headers=[("Content-Encoding", "gzip")])
        post("Expect 100-continue", b'[{"title":"x"}]', headers=[("Expect", "100-continue")])
        post("conditional garbage", b'[{"title":"x"}]', headers=[("If-None-Match", "garbage"), ("If-Modified-Since", "garbage")])
        host = self.host.encode()
        for name, raw, half in [
            ("chunked valid", b"POST /api/classify HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
             b"f\r\n[{\"title\":\"x\"}]\r\n0\r\n\r\n", False),
            ("chunked garbage", b"POST /api/classify HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
             b"zz\r\n[{\"title\":\"x\"}]\r\n0\r\n\r\n", False),
            ("chunk larger than declared", b"POST /api/classify HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
             b"2\r\n[{\"title\":\"x\"}]\r\n0\r\n\r\n", False),
            ("body shorter than Content-Length, then EOF", b"POST /api/classify HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"title\":", True),
            ("body longer than Content-Length", b"POST /api/classify HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n[{\"title\":\"x\"}]", False),
            ("no Content-Length, no body", b"POST /api/classify HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/json\r\n\r\n", False),
            ("Content-Length 50 MB, no body, EOF", b"POST /api/classify HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n", True),
        ]:
            self.add(endpoint, "classify framing", name, raw, half_close=half, show=f"POST /api/classify [{name}]")

    def protocol(self):
        for name, raw, allow in [
                ("HTTP/2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", ()), ("lower-case version", b"GET / http/1.1\r\nHost: x\r\n\r\n", (505,)),
                ("HTTP/1.2", b"GET / HTTP/1.2\r\nHost: x\r\n\r\n", (505,)), ("no version", b"GET /\r\n\r\n", ()),
                ("TLS hello", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", ()),
                ("empty lines before the request", b"\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", ()),
                ("tab separators", b"GET\t/\tHTTP/1.1\r\nHost: x\r\n\r\n", ()),
                ("method of 10 KB", b"G" * 10000 + b" / HTTP/1.1\r\nHost: x\r\n\r\n", ()), ("LF line ends", b"GET / HTTP/1.1\nHost: x\n\n", ())]:
            self.add("unknown paths", "protocol", name, raw, show=short(raw, 60), allow=allow)


def run_matrix(base, service_log):
    matrix = Matrix(base)
    matrix.discover()
    matrix.build()
    concurrency = int(os.environ.get("FAULT_MATRIX_CONCURRENCY", "8"))
    timeout = float(os.environ.get("FAULT_MATRIX_TIMEOUT", "60"))
    slow_after = float(os.environ.get("FAULT_SLOW_SECONDS", "5"))
    cases = matrix.cases
    print(f"{len(cases):,} requests, {len(set(c.endpoint for c in cases))} endpoints, {concurrency} at a time; "
          f"forged cursors {'included' if matrix.forge_ok else 'skipped (the cursor checksum could not be reproduced)'}", flush=True)
    started = time.monotonic()
    order = list(range(len(cases)))
    random.Random(10).shuffle(order)  # spread the heavy cases over the run

    def send(i):
        case = cases[i]
        raw = case.raw
        return i, exchange(matrix.addr, raw, timeout=timeout, head=case.head, half_close=case.half_close)

    results = [None] * len(cases)
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        for i, answer in pool.map(send, order):
            results[i] = answer
    took = time.monotonic() - started
    print(f"sent in {took:.0f} s", flush=True)

    # -- statuses per endpoint, and in total
    statuses = sorted({a.status for a in results})
    label = {0: "none"}
    per = collections.OrderedDict()
    for case, answer in zip(cases, results):
        per.setdefault(case.endpoint, collections.Counter())[answer.status] += 1
    width = max(len(e) for e in per) + 2
    print()
    print("statuses per endpoint (none = no answer)")
    print(" " * width + "".join(f"{label.get(s, s):>7}" for s in statuses) + "  total")
    total = collections.Counter()
    for endpoint, counter in per.items():
        total.update(counter)
        print(f"{endpoint:<{width}}" + "".join(f"{counter.get(s, 0) or '.':>7}" for s in statuses) + f"{sum(counter.values()):>7}")
    print(f"{'total':<{width}}" + "".join(f"{total.get(s, 0):>7}" for s in statuses) + f"{sum(total.values()):>7}")
    print()

    pairs = list(zip(cases, results))

    # -- 5xx, with the request; one of each kind replayed alone to show its log lines
    errors = [(c, a) for c, a in pairs if a.status >= 500 and a.status not in c.allow]
    allowed = [(c, a) for c, a in pairs if a.status >= 500 and a.status in c.allow]
    print(f"5xx answers: {len(errors)}" + (f" (not counting {len(allowed)} x 505 to an HTTP version the server does not speak, the right answer)" if allowed else ""))
    for case, answer in errors:
        body = answer.text()
        print(f"  {answer.status} {case.endpoint} | {case.group}: {case.name} | {case.show} | {answer.elapsed:.2f} s | body: {short(body or '', 120)}")
    kinds = collections.OrderedDict()
    for case, answer in errors:
        kinds.setdefault((case.group, case.name), []).append((case, answer))
    if kinds and service_log and os.path.exists(service_log):
        print()
        print(f"the {len(kinds)} kinds of 5xx, one of each replayed alone with the log lines it wrote (first 25 kinds):")
        for (group, name), found in list(kinds.items())[:25]:
            case = found[0][0]
            offset = os.path.getsize(service_log)
            again = exchange(matrix.addr, case.raw, timeout=timeout, head=case.head, half_close=case.half_close)
            time.sleep(0.3)
            with open(service_log, "rb") as f:
                f.seek(offset)
                lines = [line.decode("utf-8", "replace").rstrip() for line in f.read().splitlines() if line.strip()]
            endpoints = sorted({c.endpoint for c, _ in found})
            print(f"  {group}: {name} -> {dict(collections.Counter(a.status for _, a in found))} on {len(endpoints)} endpoint(s): {', '.join(endpoints)}")
            print(f"    replayed: {case.show} -> {again.status}")
            for line in lines[:2]:
                print(f"    log: {short(line, 420)}")
    check("matrix: no 5xx", not errors, f"{len(errors)} of {len(pairs):,} requests answered 5xx, {len(kinds)} kinds of request")

    unanswered = [(c, a) for c, a in pairs if a.status == 0]
    for case, answer in unanswered[:20]:
        print(f"  no answer: {case.endpoint} | {case.group}: {case.name} | {case.show} | {answer.error} after {answer.elapsed:.1f} s")
    hung = [(c, a) for c, a in unanswered if a.error == "timeout"]
    check("matrix: every request answered", not hung,
          f"{len(hung)} timed out after {timeout:.0f} s; {len(unanswered) - len(hung)} more were closed without an answer "
          f"(acceptable only for bytes that are not HTTP)" if unanswered else "all answered")

    # -- error bodies: bounded, and problem+json unless the HTTP server refused the request before the app saw it
    big, not_problem, server_level = [], [], []
    for case, answer in pairs:
        if answer.status < 400 or case.head:
            continue
        if answer.body_len >= MAX_ERROR_BYTES:
            big.append((case, answer))
        content_type = (answer.header("content-type") or "").split(";")[0].strip().lower()
        if answer.body_len == 0 and not content_type and (answer.header("connection") or "").lower() == "close":
            server_level.append((case, answer))
            continue
        # The pages are for people: their errors are HTML pages that say what to fix (the embed's, a fragment).
        if case.endpoint in PAGE_ENDPOINTS:
            # What the framework refuses before the page runs (405, 414, bad headers) is problem+json, as everywhere.
            if content_type not in ("text/html", "application/problem+json") or answer.body_len == 0:
                not_problem.append((case, answer))
            continue
        if content_type != "application/problem+json":
            not_problem.append((case, answer))
            continue
        text = answer.text()
        if text is not None:
            try:
                problem = json.loads(text)
                if problem.get("status") not in (None, answer.status):
                    not_problem.append((case, answer))
            except ValueError:
                not_problem.append((case, answer))
    errors_total = sum(1 for c, a in pairs if a.status >= 400 and not c.head)
    for case, answer in sorted(big, key=lambda p: -p[1].body_len)[:15]:
        print(f"  {answer.body_len:,} bytes: {answer.status} {case.endpoint} | {case.group}: {case.name}")
    biggest = max((a.body_len for _, a in big), default=0)
    check(f"matrix: error bodies under {MAX_ERROR_BYTES:,} bytes", not big,
          f"{len(big)} of {errors_total:,} error answers were larger (largest {biggest:,} bytes)" if big else f"{errors_total:,} error answers, all smaller")
    shown = collections.Counter()
    for case, answer in not_problem:
        key = (answer.status, answer.header("content-type"), case.group)
        shown[key] += 1
        if shown[key] == 1:
            print(f"  not problem+json: {answer.status} [{answer.header('content-type')}] {answer.body_len} bytes: {case.endpoint} | {case.group}: {case.name}")
    check("matrix: error answers are problem+json (HTML on the pages)", not not_problem,
          (f"{len(not_problem)} of {errors_total:,} were not (kinds: " +
           "; ".join(f"{n} x {s} {t or 'no content type'} ({g})" for (s, t, g), n in shown.most_common(8)) + ")")
          if not_problem else f"all {errors_total - len(server_level):,} the application answered; "
          f"{len(server_level)} refused by the HTTP server itself (empty body, connection closed) are exempt")
    if server_level:
        kinds = collections.Counter((a.status, c.group) for c, a in server_level)
        print("  refused before the application: " + "; ".join(f"{n} x {s} ({g})" for (s, g), n in kinds.most_common()))

    # -- HEAD is answered like GET
    head_problems = []
    control = {(c.endpoint): a.status for c, a in pairs if c.group == "control"}
    for case, answer in pairs:
        if case.group == "method" and case.name == "HEAD" and case.endpoint in control:
            if answer.status != control[case.endpoint]:
                head_problems.append(f"{case.endpoint} GET {control[case.endpoint]} / HEAD {answer.status}")
    check("matrix: HEAD answered like GET", not head_problems,
          f"{len(head_problems)} of {len(control)} endpoints differ: " + ", ".join(head_problems) if head_problems else f"all {len(control)} endpoints")

    # -- what the service does answer 200 must be well-formed
    malformed = []
    for case, answer in pairs:
        if answer.status != 200 or case.head:
            continue
        content_type = (answer.header("content-type") or "").split(";")[0].strip().lower()
        text = answer.text()
        if text is None:
            continue
        try:
            if content_type in ("application/atom+xml", "application/rss+xml", "text/x-opml"):
                ET.fromstring(answer.body if not answer.header("content-encoding") else text.encode())
            elif content_type in ("application/json", "application/feed+json"):
                json.loads(text)
            elif content_type == "text/calendar" and not text.startswith("BEGIN:VCALENDAR"):
                raise ValueError("no BEGIN:VCALENDAR")
        except (ET.ParseError, ValueError) as e:
            malformed.append((case, answer, e))
    for case, answer, e in malformed[:10]:
        print(f"  malformed 200: {case.endpoint} | {case.group}: {case.name} | {short(str(e), 120)}")
    check("matrix: 200 answers well-formed (XML, JSON, iCalendar)", not malformed,
          f"{len(malformed)} malformed" if malformed else f"{sum(1 for _, a in pairs if a.status == 200):,} checked")

    slow = sorted(((c, a) for c, a in pairs if a.elapsed > slow_after), key=lambda p: -p[1].elapsed)
    if slow:
        print(f"slowest answers (over {slow_after:.0f} s, not a check):")
        for case, answer in slow[:10]:
            print(f"  {answer.elapsed:.1f} s {answer.status} {case.endpoint} | {case.group}: {case.name}")


# ---------------------------------------------------------------------------------------------------------
# The load: many distinct, valid requests, each checked once; some conditional.

def load_prepare(base, out):
    url = urllib.parse.urlsplit(base)
    addr, host = (url.hostname, url.port), f"{url.hostname}:{url.port}"

    def get(path, headers=()):
        return exchange(addr, request_bytes("GET", path, headers, host=host), timeout=120)

    jurisdictions = json.loads(get("/api/jurisdictions").text())
    slugs = [j["slug"] for j in jurisdictions if j["sources"] > 0 and j["openJobs"] > 0][:5]
    ids = [j["id"] for j in jurisdictions if j["sources"] > 0 and j["openJobs"] > 0][5:8]
    jobs = json.loads(get("/api/jobs?limit=5&sort=salary").text())["items"]
    feed_filters = ["", "?role=software-engineering", "?role=data-science&region=US-CA", "?region=US-MD", "?remote=remote",
                    "?level=senior&role=cybersecurity", "?q=cloud", "?q=data%20engineer", "?family=design-research", "?salary_min=120000",
                    "?posted_within=7", "?country=US&remote=hybrid"]
    paths = []
    for ext in ("atom", "rss", "json"):
        paths += [f"/feeds/jobs.{ext}{f}" for f in feed_filters]
        paths += [f"/feeds/roles/{r}.{ext}" for r in ("software-engineering", "data-science", "cybersecurity", "product-management",
                                                      "user-research", "devops-sre")]
        paths += [f"/feeds/jurisdictions/{s}.{ext}" for s in slugs]
    paths += ["/feeds/deadlines.ics", "/feeds/deadlines.ics?role=gis", "/feeds/deadlines.ics?region=US-TX&closing_within=14",
              "/feeds/deadlines.ics?q=security", "/feeds.opml"]
    paths += ["/api/jobs", "/api/jobs?q=software", "/api/jobs?q=software%20engineer&sort=relevance", "/api/jobs?q=cloud&remote=true",
              "/api/jobs?q=analyst&region=US-VA", "/api/jobs?q=sofware%20enginer", "/api/jobs?role=gis&sort=salary",
              "/api/jobs?role=data-science&region=US-CA&sort=posted", "/api/jobs?sort=closing&closing_within=10",
              "/api/jobs?salary_min=150000&level=lead", "/api/jobs?family=security&limit=50", "/api/jobs?digital=any&limit=100",
              "/api/jobs?remote=false&country=US", "/api/jobs?posted_within=3"]
    paths += [f"/api/jobs?jurisdiction={s}" for s in slugs] + [f"/api/jobs?jurisdiction={i}&q=data" for i in ids]
    paths += ["/api/jurisdictions", "/api/sources", "/api/roles"] + [f"/api/jobs/{j['id']}" for j in jobs]

    lines, conditional = [], 0
    for i, path in enumerate(paths):
        answer = get(path)
        if answer.status != 200:
            raise ScriptError(f"load-prepare: GET {path} answered {answer.status} {answer.error or ''}: {short(answer.text() or '', 300)}")
        lines.append(f"GET\t{path}\t\t200")
        etag = answer.header("etag")
        if etag and i % 3 == 0:
            again = get(path, [("If-None-Match", etag)])
            if again.status != 304:
                raise ScriptError(f"load-prepare: GET {path} with If-None-Match {etag} answered {again.status}, not 304")
            lines.append(f"GET\t{path}\tIf-None-Match: {etag}\t304")
            conditional += 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} requests ({len(paths)} distinct URLs, {conditional} of them also with If-None-Match), each answered as expected once")


# ---------------------------------------------------------------------------------------------------------
# The outage: a steady prober recording every answer, and the verdict on what it recorded.

def outage_probe(base, out, started_file, stop_file, max_seconds):
    url = urllib.parse.urlsplit(base)
    addr, host = (url.hostname, url.port), f"{url.hostname}:{url.port}"
    jurisdictions = json.loads(exchange(addr, request_bytes("GET", "/api/jurisdictions", host=host), timeout=60).text())
    slug = next(j["slug"] for j in jurisdictions if j["sources"] > 0)
    job = json.loads(exchange(addr, request_bytes("GET", "/api/jobs?limit=1", host=host), timeout=60).text())["items"][0]["id"]
    lock = threading.Lock()
    rows = []
    end = time.time() + max_seconds
    counter = iter(range(10 ** 9))

    # Every data request is new to the output cache (a salary or day count not asked before, from a start of its
    # own), so it reaches the database.
    start = random.randrange(150000)

    def data_path(n):
        k = n % 8
        v = 20000 + (start + n * 7) % 150000
        return ("data", [f"/api/jobs?salary_min={v}&limit=5", f"/feeds/jobs.atom?salary_min={v}", f"/feeds/jobs.json?posted_within={1 + (start + n) % 3650}",
                         f"/feeds/deadlines.ics?salary_min={v}", f"/api/jobs/{job}", "/api/jurisdictions", "/api/sources",
                         f"/feeds/jurisdictions/{slug}.rss?salary_min={v}"][k])

    def worker(kind_of):
        while time.time() < end and not os.path.exists(stop_file):
            n = next(counter)
            kind, path = kind_of(n)
            sent = time.time()
            answer = exchange(addr, request_bytes("GET", path, host=host), timeout=15)
            with lock:
                rows.append((sent, time.time(), kind, path, answer.status, answer.header("retry-after") or "", answer.error or ""))
            time.sleep(0.02 if kind == "data" else 0.2)

    probes = [lambda n: ("live", "/health/live"), lambda n: ("ready", "/health/ready"), lambda n: ("health", "/health"),
              lambda n: ("static", "/api/roles")]
    threads = [threading.Thread(target=worker, args=(data_path,)) for _ in range(4)]
    threads += [threading.Thread(target=worker, args=(p,)) for p in probes]
    for t in threads:
        t.start()
    # The outage is timed from here: a cold service (or a busy machine) may take seconds over its first answers.
    while len({r[2] for r in rows}) < 5 and time.time() < end:
        time.sleep(0.1)
    with open(started_file + ".tmp", "w", encoding="utf-8") as f:
        f.write(f"{min((r[0] for r in rows), default=time.time()):.6f}\n")
    os.replace(started_file + ".tmp", started_file)
    for t in threads:
        t.join()
    with open(out, "w", encoding="utf-8") as f:
        for row in sorted(rows):
            f.write("\t".join(str(x) for x in row) + "\n")


def outage_report(probe, events_file, recovery_limit):
    events = {}
    with open(events_file, encoding="utf-8") as f:
        for line in f:
            name, value = line.split()
            events[name] = float(value)
    rows = []
    with open(probe, encoding="utf-8") as f:
        for line in f:
            sent, received, kind, path, status, retry_after, error = line.rstrip("\n").split("\t")
            rows.append((float(sent), float(received), kind, path, int(status), retry_after, error))
    t0, stop_begin, stopped, start_begin, started = (events[k] for k in ("probe", "stop_begin", "stop_done", "start_begin", "start_done"))
    print(f"timeline (s from the first probe): PostgreSQL stop requested {stop_begin - t0:.1f}, stopped {stopped - t0:.1f}, "
          f"start requested {start_begin - t0:.1f}, accepting connections {started - t0:.1f}; {len(rows):,} answers recorded")

    def phase(row):
        sent, received = row[0], row[1]
        if received < stop_begin:
            return "before"
        if sent >= stopped and received <= start_begin:
            return "down"
        if sent >= started:
            return "after"
        return "transition"

    table = collections.OrderedDict((p, collections.OrderedDict((k, collections.Counter()) for k in ("data", "health", "live", "ready", "static")))
                                    for p in ("before", "transition", "down", "after"))
    for row in rows:
        status = row[4] if row[4] else f"no answer ({row[6].split(':')[0]})"
        retry = "+Retry-After" if row[4] == 503 and row[5] else ""
        table[phase(row)][row[2]][f"{status}{retry}"] += 1
    print("answers by phase and kind (data = feeds and API, each URL new to the cache; health = /health; static = /api/roles)")
    for p, kinds in table.items():
        for kind, counter in kinds.items():
            if counter:
                print(f"  {p:<11} {kind:<7} " + ", ".join(f"{s} x{n}" for s, n in sorted(counter.items(), key=lambda x: str(x[0]))))

    before = [r for r in rows if phase(r) == "before" and r[2] != "ready" and r[2] != "live"]
    check("outage: healthy before", all(r[4] == 200 for r in before) and before,
          f"{sum(r[4] == 200 for r in before)} of {len(before)} answers 200")

    down = [r for r in rows if phase(r) == "down"]
    data_down = [r for r in down if r[2] == "data"]
    # A URL answered before the outage (the jurisdiction and source lists, one job) may be answered again from the
    # service's caches while the database is down: a 200 there is the cache doing its job, not a leak of an error.
    asked_before = {r[3] for r in rows if phase(r) == "before" and r[4] == 200}

    def fine(r):
        return (r[4] == 503 and r[5]) or (r[4] == 200 and r[3] in asked_before)
    good = [r for r in data_down if r[4] == 503 and r[5]]
    cached = [r for r in data_down if r[4] == 200 and r[3] in asked_before]
    bad = collections.Counter(f"{r[4] or r[6]}{' without Retry-After' if r[4] == 503 else ''}" for r in data_down if not fine(r))
    check("outage: 503 with Retry-After (or a cached answer to a URL asked before) while the database is down", data_down and good and not bad,
          f"{len(good)} of {len(data_down)} data answers 503, {len(cached)} from cache" + (f"; the others: {dict(bad)}" if bad else ""))
    def count(rs):
        return dict(collections.Counter(r[4] for r in rs))
    live = [r for r in rows if r[2] == "live"]
    check("outage: /health/live is 200 before, during and after", live and all(r[4] == 200 for r in live),
          f"{sum(r[4] == 200 for r in live)} of {len(live)} answered 200; seen {count(live)}")
    ready_down = [r for r in down if r[2] == "ready"]
    ready_up = [r for r in rows if r[2] == "ready" and (phase(r) == "before" or (phase(r) == "after" and r[0] > started + recovery_limit))]
    check("outage: /health/ready is 503 while the database is down, 200 otherwise",
          ready_down and all(r[4] == 503 for r in ready_down) and ready_up and all(r[4] == 200 for r in ready_up),
          f"down: {sum(r[4] == 503 for r in ready_down)} of {len(ready_down)} answered 503 (seen {count(ready_down)}); "
          f"up: {sum(r[4] == 200 for r in ready_up)} of {len(ready_up)} answered 200 (seen {count(ready_up)})")

    transition = [r for r in rows if phase(r) == "transition" and r[2] == "data"]
    wrong = collections.Counter(r[4] or r[6] for r in transition if r[4] not in (200, 503) or (r[4] == 503 and not r[5]))
    check("outage: stopping and starting answer 200 or 503 with Retry-After", not wrong,
          f"{len(transition)} data answers around the stop and the start" + (f"; wrong: {dict(wrong)}" if wrong else ""))

    after = [r for r in rows if phase(r) == "after" and r[2] == "data"]
    failures_after = [r for r in after if r[4] != 200]
    recovered_at = max((r[1] for r in failures_after), default=started)
    tail = [r for r in after if r[0] > recovered_at]
    recovery = recovered_at - started
    check(f"outage: full recovery within {recovery_limit:.0f} s, without restarting",
          bool(tail) and len(tail) >= 10 and recovery <= recovery_limit,
          (f"last failure {recovery:.1f} s after PostgreSQL accepted connections again ({len(failures_after)} failures before that: "
           f"{dict(collections.Counter(r[4] or r[6] for r in failures_after))})" if failures_after
           else "no failure once PostgreSQL accepted connections again") + f"; then {len(tail)} answers, all 200")
    no_answer = [r for r in rows if r[4] == 0]
    check("outage: every request answered", not no_answer,
          f"{len(no_answer)} without an answer: {dict(collections.Counter(r[6] for r in no_answer))}" if no_answer else f"all {len(rows):,}")


# ---------------------------------------------------------------------------------------------------------
# A slow Greenhouse job board (scrapers/README.md, GreenhouseAdapter): the list, and one pay-range request per
# job that waits DELAY_MS. It lists FIRST jobs until told to list all of them (POST /_visible?n=...).

TITLES = ["Software Engineer", "Senior Data Scientist", "Product Manager", "User Researcher", "DevOps Engineer",
          "Cybersecurity Analyst", "Data Engineer", "Content Designer", "Engineering Manager", "Site Reliability Engineer"]
PLACES = ["Remote, US", "Washington, DC", "Hybrid - Denver, CO", "New York, NY", "Remote (United States)"]


def board(port_file, jobs, first, delay_ms):
    state = {"visible": first, "list": 0, "detail": 0, "lock": threading.Lock()}
    ids = [str(8_100_000 + i) for i in range(jobs)]

    def job(i):
        return {
            "id": int(ids[i]), "title": f"{TITLES[i % len(TITLES)]} {i // len(TITLES) + 1}", "company_name": "Fault Bench Agency",
            "absolute_url": f"https://boards.example/fault/jobs/{ids[i]}", "location": {"name": PLACES[i % len(PLACES)]},
            "updated_at": "2026-11-20T10:00:00-05:00", "first_published": "2026-11-01T09:00:00-05:00",
            "application_deadline": "2027-03-31",
            "content": "&lt;p&gt;Build public services &amp;amp; keep them running.&lt;/p&gt;",
            "departments": [{"id": 1, "name": "Technology", "child_ids": [], "parent_id": None}],
            "offices": [{"id": 2, "name": PLACES[i % len(PLACES)], "location": PLACES[i % len(PLACES)], "child_ids": [], "parent_id": None}],
        }

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def send(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path = urllib.parse.urlsplit(self.path).path
            parts = path.strip("/").split("/")
            if path == "/_state":
                visible = state["visible"]
                listed = sorted(ids[:visible])
                return self.send(200, {"visible": visible, "list_requests": state["list"], "detail_requests": state["detail"],
                                       "ids_md5": hashlib.md5(",".join(listed).encode()).hexdigest()})
            if len(parts) == 4 and parts[:2] == ["v1", "boards"] and parts[3] == "jobs":
                with state["lock"]:
                    state["list"] += 1
                visible = state["visible"]
                return self.send(200, {"jobs": [job(i) for i in range(visible)], "meta": {"total": visible}})
            if len(parts) == 5 and parts[:2] == ["v1", "boards"] and parts[3] == "jobs" and parts[4] in ids:
                time.sleep(delay_ms / 1000)
                with state["lock"]:
                    state["detail"] += 1
                i = ids.index(parts[4])
                detail = job(i)
                detail["pay_input_ranges"] = [{"min_cents": 9_000_000 + i * 100, "max_cents": 13_000_000 + i * 100, "currency_type": "USD",
                                               "title": "Annual base salary", "blurb": ""}]
                return self.send(200, detail)
            self.send(404, {"error": "not found"})

        def do_POST(self):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            if self.path.startswith("/_visible") and "n" in query:
                state["visible"] = max(0, min(jobs, int(query["n"][0])))
                return self.send(200, {"visible": state["visible"]})
            self.send(404, {"error": "not found"})

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], ConnectionError):  # the scraper killed mid-request is the test
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    verb, args = argv[1], argv[2:]
    if verb == "matrix":
        run_matrix(args[0], args[1] if len(args) > 1 else None)
    elif verb == "load-prepare":
        load_prepare(args[0], args[1])
    elif verb == "outage-probe":
        outage_probe(args[0], args[1], args[2], args[3], float(args[4]))
    elif verb == "outage-report":
        outage_report(args[0], args[1], float(os.environ.get("FAULT_RECOVERY_SECONDS", "5")))
    elif verb == "board":
        board(args[0], int(args[1]), int(args[2]), float(args[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if failed_checks else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except ScriptError as e:
        print(f"fault.py: {e}", file=sys.stderr)
        sys.exit(2)
    except Exception:  # noqa: BLE001 - a bug here must not pass for a failed check
        import traceback
        traceback.print_exc()
        sys.exit(3)
