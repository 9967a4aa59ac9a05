"""The model gateway: the sandbox's only way out, through which its agent reaches its provider.

The sandbox's network namespace has only loopback. The harness runs a Gateway per attempt; it
listens on a Unix socket in a fresh directory (`Gateway.dir`) that the sandbox backend bind-mounts
at /run/codedrift-gateway, where runner/gateway_forwarder.py relays 127.0.0.1:PORT to it. The
agent CLI gets a base URL on that port and a placeholder key; the real key stays in this process.

Two modes share the socket:
  * reverse proxy: origin-form requests (`POST /v1/messages`) on the route's path allow-list go to
    the route's upstream with every client auth header dropped and the real key injected; the
    response is relayed as it arrives (streams stay streams) and its token usage is read on the way;
  * forward proxy: `CONNECT host:443` is tunnelled for hosts on the route's allow_hosts only, for
    CLIs that cannot take a base URL. Cleartext proxying (`GET http://host/...`) is refused.

Requests, tokens and cost are counted here, never taken from the client, and capped: past a cap
the answer is 429 with error type "codedrift_gateway_cap" — the agent ran out of budget, which is
its result, not an infrastructure error. The key never appears in a log line, an exception text,
a usage record or anything sent back to the sandbox (echoes of it are masked).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import os
import re
import shutil
import socket
import socketserver
import ssl
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

from runner.agents.base import INFRA_STATUS
from runner.gateway_forwarder import relay

log = logging.getLogger(__name__)

SOCKET_NAME = "gw.sock"
CAP_ERROR = "codedrift_gateway_cap"
REFUSED_ERROR = "codedrift_gateway_refused"
DEFAULT_PATHS = {
    "anthropic": ("/v1/messages", "/v1/messages/count_tokens", "/v1/models", "/v1/models/*"),
    "openai": ("/v1/chat/completions", "/v1/responses", "/v1/models", "/v1/models/*"),
}
KEY_HEADER = {"anthropic": "x-api-key", "openai": "authorization"}
# Never passed on: per-connection headers, and ones the gateway sets itself.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding",
              "upgrade", "expect", "host", "content-length", "accept-encoding"}
# Request headers that could carry a credential (x-api-key, authorization, api-key, cookie, ...) are
# all dropped: the only credential upstream sees is the one injected here.
CREDENTIAL = re.compile(r"auth|key|token|cookie|secret|password|credential", re.IGNORECASE)
METER_JSON_LIMIT = 8 << 20  # bytes of a non-streamed response kept for reading its usage
MAX_RECORDS = 10_000  # per-request records kept; the totals go on counting past it


class GatewayError(Exception):
    pass


@dataclass(frozen=True)
class Route:
    """Where the sandbox's model traffic may go. `upstream` is the provider's origin (an optional
    path prefix is prepended to the client's path): clients use the same paths as against the real
    API. `key_env` names the environment variable of this process holding the real key (None: no
    key is injected, e.g. a local model server)."""

    kind: str  # "anthropic" | "openai"
    upstream: str
    key_env: str | None = None
    allow_paths: tuple[str, ...] | None = None  # None: DEFAULT_PATHS[kind]; "/x/*" allows anything below /x/
    allow_hosts: tuple[str, ...] = ()  # CONNECT targets, exact host names
    connect_port: int = 443  # the only CONNECT port (tests point it at a loopback listener)
    price_in_per_mtok: float | None = None  # USD; without in and out prices cost stays None
    price_out_per_mtok: float | None = None
    price_cache_read_per_mtok: float | None = None  # default: the input price
    price_cache_write_per_mtok: float | None = None  # default: the input price

    def __post_init__(self):
        if self.kind not in DEFAULT_PATHS:
            raise GatewayError(f"unknown route kind {self.kind!r}")
        if self.allow_paths is None:
            object.__setattr__(self, "allow_paths", DEFAULT_PATHS[self.kind])

    def allows_path(self, path: str) -> bool:
        # Encoded or dot segments could mean something else upstream than they seem to here.
        if "%" in path or "//" in path or "/." in path or "\\" in path:
            return False
        return any(path == p or (p.endswith("/*") and path.startswith(p[:-1]) and len(path) > len(p) - 1)
                   for p in self.allow_paths)


@dataclass(frozen=True)
class Caps:
    max_requests: int | None = None  # per gateway lifetime, CONNECTs included
    max_tokens: int | None = None  # all tokens processed: in + out + cache reads and writes, each counted once
    max_cost_usd: float | None = None  # needs the route's prices
    max_body_bytes: int = 32 << 20
    max_connections: int = 64
    idle_timeout_s: float = 120.0  # a client connection with nothing to read for this long is closed
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 600.0  # between bytes from upstream; long non-streamed answers are slow


@dataclass
class RequestRecord:
    """One request as seen by the gateway: no header values, no bodies, no query strings."""

    method: str
    target: str  # path (reverse proxy) or host:port (CONNECT)
    status: int
    duration_s: float
    tokens_in: int | None = None
    tokens_out: int | None = None
    tokens_cache_read: int | None = None
    tokens_cache_write: int | None = None
    bytes_up: int = 0  # request body / tunnelled bytes from the sandbox
    bytes_down: int = 0  # response body / tunnelled bytes to the sandbox
    note: str | None = None  # why it was refused or failed


@dataclass
class GatewayUsage:
    requests: int = 0  # forwarded upstream (or attempted): refused ones are not included
    provider_errors: int = 0  # upstream answers with an INFRA_STATUS (agents/base.py), failed upstream connections
    tokens_in: int = 0  # as the wire reports it: OpenAI's prompt_tokens include cached tokens, Anthropic's don't
    tokens_out: int = 0
    tokens_cache_read: int = 0
    tokens_cache_write: int = 0
    cost_usd: float | None = None
    refused: int = 0  # by the allow-list or a cap
    records: list[RequestRecord] = field(default_factory=list)


class _Mask:
    """Masks every occurrence of the key in a byte stream, including one split across chunks. Only
    a tail that could be the start of the key is held back, so streamed events pass at once."""

    def __init__(self, key: bytes | None):
        self.key, self.held = key, b""

    def feed(self, data: bytes) -> bytes:
        if not self.key:
            return data
        data = (self.held + data).replace(self.key, b"*" * len(self.key))  # same length: Content-Length holds
        hold = next((n for n in range(min(len(self.key) - 1, len(data)), 0, -1)
                     if data.endswith(self.key[:n])), 0)
        self.held = data[len(data) - hold:] if hold else b""
        return data[:len(data) - hold]

    def flush(self) -> bytes:
        held, self.held = self.held, b""
        return held

    def text(self, s: str) -> str:
        return s.replace(self.key.decode("latin-1"), "*" * len(self.key)) if self.key else s


class _Meter:
    """Reads token usage out of a response as it streams past: one JSON body, or SSE `data:` lines
    (Anthropic message_start/message_delta, OpenAI's final chunk, Responses' response.completed).
    Later reports override earlier ones: Anthropic's message_delta carries cumulative counts."""

    FIELDS: ClassVar[dict[str, str]] = {
        "input_tokens": "in", "prompt_tokens": "in", "output_tokens": "out", "completion_tokens": "out",
        "cache_read_input_tokens": "cache_read", "cache_creation_input_tokens": "cache_write"}

    def __init__(self, content_type: str):
        self.sse = "text/event-stream" in content_type.lower()
        self.buf, self.overflow, self.usage = bytearray(), False, {}

    def feed(self, data: bytes) -> None:
        if self.overflow:
            return
        self.buf += data
        if self.sse:
            while (i := self.buf.find(b"\n")) >= 0:
                line = bytes(self.buf[:i]).strip()
                del self.buf[:i + 1]
                if line.startswith(b"data:"):
                    self._take(line[5:])
        if len(self.buf) > METER_JSON_LIMIT:
            self.overflow, self.buf = True, bytearray()

    def finish(self) -> dict[str, int]:
        if not self.sse and not self.overflow:
            self._take(bytes(self.buf))
        return self.usage

    def _take(self, raw: bytes) -> None:
        try:
            obj = json.loads(raw)
        except ValueError:
            return
        if not isinstance(obj, dict):
            return
        for holder in (obj, obj.get("message"), obj.get("response")):
            usage = holder.get("usage") if isinstance(holder, dict) else None
            if not isinstance(usage, dict):
                continue
            for k, v in usage.items():
                if k in self.FIELDS and type(v) is int:
                    self.usage[self.FIELDS[k]] = v
            for details in ("prompt_tokens_details", "input_tokens_details"):
                cached = usage.get(details)
                if isinstance(cached, dict) and type(cached.get("cached_tokens")) is int:
                    self.usage["cache_read"] = cached["cached_tokens"]


class Gateway:
    """One gateway per attempt. `socket_dir` is the parent under which a fresh private directory is
    made; a sandbox backend mounts `gateway.dir` at its GATEWAY_MOUNT and runs the forwarder
    (gateway_forwarder.py) on the socket as seen inside."""

    def __init__(self, route: Route, socket_dir: Path | str | None = None, caps: Caps | None = None):
        self.route, self.caps = route, caps or Caps()
        self.parent = Path(socket_dir) if socket_dir is not None else None
        self.dir: Path | None = None
        self.socket_path: Path | None = None
        url = urllib.parse.urlsplit(route.upstream)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise GatewayError(f"upstream must be an http(s) URL, got {route.upstream!r}")
        self._url = url
        self._key: str | None = None
        self._mask_key: bytes | None = None
        self._lock = threading.Lock()
        self._usage = GatewayUsage()
        self._tokens_total = 0
        self._cost = 0.0
        self._server: _Server | None = None
        self._serve_thread: threading.Thread | None = None
        self._conn_threads: set[threading.Thread] = set()
        self._live: set[socket.socket] = set()  # shut down on stop() so no thread stays blocked
        self._slots = threading.BoundedSemaphore(self.caps.max_connections)
        self._stopping = False

    # -- lifecycle

    def start(self) -> Gateway:
        if self.dir is not None:
            raise GatewayError("a Gateway is started once; make a new one")
        if self.route.key_env:
            key = os.environ.get(self.route.key_env)
            if not key:
                raise GatewayError(f"environment variable {self.route.key_env} is not set")
            # Checked here so http.client never raises an "invalid header value" naming the key.
            if not key.isprintable() or not key.isascii() or key != key.strip():
                raise GatewayError(f"{self.route.key_env} is not a valid header value")
            self._key = key
            self._mask_key = key.encode()
        self.dir = Path(tempfile.mkdtemp(prefix="codedrift-gw-", dir=self.parent))
        self.dir.chmod(0o755)  # the sandbox's unprivileged uid must reach the socket inside
        self.socket_path = self.dir / SOCKET_NAME
        try:
            self._server = _Server(str(self.socket_path), self)
            self.socket_path.chmod(0o666)
        except BaseException:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise
        self._serve_thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                              name="codedrift-gateway", daemon=True)
        self._serve_thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        with self._lock:
            self._stopping = True
        self._server.shutdown()
        self._server.server_close()
        self._serve_thread.join()
        with self._lock:
            live, threads = list(self._live), list(self._conn_threads)
        for s in live:  # wakes threads blocked on a client or an upstream
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + 10
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
        self._server = None
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Gateway:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def usage(self) -> GatewayUsage:
        """A snapshot; final once stop() has returned (requests in flight are counted as they end)."""
        with self._lock:
            return replace(self._usage, records=list(self._usage.records))

    # -- accounting

    def _admit(self) -> str | None:
        """Reserve one request against the caps; the reason if a cap is reached (counted as refused)."""
        caps = self.caps
        with self._lock:
            if caps.max_requests is not None and self._usage.requests >= caps.max_requests:
                reason = f"request cap of {caps.max_requests} reached"
            elif caps.max_tokens is not None and self._tokens_total >= caps.max_tokens:
                reason = f"token cap of {caps.max_tokens} reached"
            elif caps.max_cost_usd is not None and self._cost >= caps.max_cost_usd:
                reason = f"cost cap of ${caps.max_cost_usd} reached"
            else:
                self._usage.requests += 1
                return None
            self._usage.refused += 1
            return reason

    def _record(self, rec: RequestRecord, *, refused: bool = False, provider_error: bool = False) -> None:
        r = self.route
        tin, tout = rec.tokens_in or 0, rec.tokens_out or 0
        cread, cwrite = rec.tokens_cache_read or 0, rec.tokens_cache_write or 0
        if r.kind == "openai":  # cached tokens are part of prompt_tokens there
            total, uncached = tin + tout + cwrite, max(0, tin - cread)
        else:
            total, uncached = tin + tout + cread + cwrite, tin
        cost = None
        if r.price_in_per_mtok is not None and r.price_out_per_mtok is not None:
            p_read = r.price_cache_read_per_mtok if r.price_cache_read_per_mtok is not None else r.price_in_per_mtok
            p_write = r.price_cache_write_per_mtok if r.price_cache_write_per_mtok is not None else r.price_in_per_mtok
            cost = (uncached * r.price_in_per_mtok + tout * r.price_out_per_mtok + cread * p_read
                    + cwrite * p_write) / 1e6
        with self._lock:
            u = self._usage
            u.tokens_in, u.tokens_out = u.tokens_in + tin, u.tokens_out + tout
            u.tokens_cache_read, u.tokens_cache_write = u.tokens_cache_read + cread, u.tokens_cache_write + cwrite
            self._tokens_total += total
            if cost is not None:
                self._cost += cost
                u.cost_usd = self._cost
            if refused:
                u.refused += 1
            if provider_error:
                u.provider_errors += 1
            if len(u.records) < MAX_RECORDS:
                u.records.append(rec)

    def _track(self, sock: socket.socket) -> None:
        """Register an upstream socket for stop() to shut down; refused once stopping has begun, so
        none is opened after stop() took its list."""
        with self._lock:
            if self._stopping:
                raise ConnectionAbortedError("gateway stopping")
            self._live.add(sock)

    def _safe(self, e: BaseException) -> str:
        """An exception as text fit for logs and the sandbox: the key masked out."""
        text = f"{type(e).__name__}: {e}"
        return _Mask(self._mask_key).text(text)


class _Server(socketserver.UnixStreamServer):
    """A thread per connection, bounded, each tracked so stop() can end it."""

    def __init__(self, path: str, gateway: Gateway):
        self.gateway = gateway
        super().__init__(path, _Handler)

    def process_request(self, request, client_address):
        gw = self.gateway
        if gw._stopping or not gw._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):  # at the bound: a quick 503, not a queue behind stuck connections
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            self.shutdown_request(request)
            return
        t = threading.Thread(target=self._serve, args=(request, client_address), name="codedrift-gateway-conn",
                             daemon=True)
        with gw._lock:
            gw._live.add(request)
            gw._conn_threads.add(t)
        t.start()

    def _serve(self, request, client_address):
        gw = self.gateway
        try:
            self.finish_request(request, client_address)
        except Exception as e:  # a connection's failure must never reach other connections
            log.warning("gateway connection failed: %s", gw._safe(e))
        finally:
            self.shutdown_request(request)
            with gw._lock:
                gw._live.discard(request)
                gw._conn_threads.discard(threading.current_thread())
            gw._slots.release()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: CLIs reuse connections
    server: _Server

    def setup(self):
        self.gw = self.server.gateway
        self.timeout = self.gw.caps.idle_timeout_s  # applied to the connection by StreamRequestHandler
        super().setup()

    def log_message(self, format, *args):
        pass  # request lines may carry query strings; records are kept by the gateway instead

    def address_string(self):
        return "sandbox"  # Unix socket peers have no address

    def send_error(self, code, message=None, explain=None):
        # Parse errors from BaseHTTPRequestHandler land here: answer JSON, like every other refusal.
        if self.request_version == "HTTP/0.9":
            self.request_version = "HTTP/1.0"  # otherwise no status line would be written
        self._reply(code, "codedrift_gateway_bad_request", message or "bad request")

    def _reply(self, code: int, error_type: str, message: str) -> None:
        body = json.dumps({"type": "error", "error": {"type": error_type, "code": error_type,
                                                      "message": message}}).encode()
        self.close_connection = True  # the request body, if any, was not read
        try:
            self.send_response_only(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("x-should-retry", "false")  # Anthropic and OpenAI SDKs honour it
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            pass

    def _refuse(self, started: float, target: str, code: int, error_type: str, message: str) -> None:
        self._reply(code, error_type, message)
        rec = RequestRecord(self.command or "?", target, code, time.monotonic() - started, note=message)
        self.gw._record(rec, refused=error_type != CAP_ERROR)  # cap refusals were counted by _admit

    # -- reverse proxy

    def do_proxy(self):
        started = time.monotonic()
        if self.request_version == "HTTP/0.9":
            return self.send_error(400, "HTTP/0.9 is not supported")
        if any(c <= " " or c == "\x7f" for c in self.path):
            return self.send_error(400, "control characters in the request target")
        if not self.path.startswith("/"):
            return self._refuse(started, "absolute-uri", 403, REFUSED_ERROR,
                                "proxying cleartext http is not allowed; only CONNECT to allowed hosts")
        path = self.path.partition("?")[0]
        if self.command not in ("GET", "POST") or not self.gw.route.allows_path(path):
            return self._refuse(started, path[:200], 403, REFUSED_ERROR, f"{self.command} {path[:200]} is not allowed")
        try:
            body = self._read_body()
        except _BadRequest as e:
            return self.send_error(e.status, str(e))
        if reason := self.gw._admit():
            return self._refuse(started, path, 429, CAP_ERROR, reason)
        rec = RequestRecord(self.command, path, 0, 0.0, bytes_up=len(body))
        committed = False

        def commit():  # once, and before the client can see the end of the response (see _relay_response)
            nonlocal committed
            if not committed:
                committed = True
                rec.duration_s = time.monotonic() - started
                self.gw._record(rec, provider_error=rec.status in INFRA_STATUS)

        try:
            self._forward(body, rec, commit)
        finally:
            commit()

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_proxy

    def _read_body(self) -> bytes:
        limit = self.gw.caps.max_body_bytes
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked(limit)
        raw = self.headers.get("Content-Length")
        if raw is None:
            return b""
        if not raw.strip().isdigit():
            raise _BadRequest(400, "invalid Content-Length")
        n = int(raw)
        if n > limit:
            raise _BadRequest(413, f"request body over {limit} bytes")
        body = self.rfile.read(n)
        if len(body) != n:
            raise _BadRequest(400, "request body shorter than Content-Length")
        return body

    def _read_chunked(self, limit: int) -> bytes:
        body = bytearray()
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                raise _BadRequest(400, "invalid chunked body") from None
            if size < 0 or len(body) + size > limit:
                raise _BadRequest(413, f"request body over {limit} bytes")
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers: dropped
                return bytes(body)
            chunk = self.rfile.read(size + 2)
            if len(chunk) != size + 2:
                raise _BadRequest(400, "truncated chunked body")
            body += chunk[:size]

    def _upstream_headers(self, body: bytes) -> list[tuple[str, str]]:
        gw, url = self.gw, self.gw._url
        drop = HOP_BY_HOP | {h.strip().lower() for h in self.headers.get("Connection", "").split(",")}
        headers = [(k, v) for k, v in self.headers.items() if k.lower() not in drop and not CREDENTIAL.search(k)]
        default_port = 443 if url.scheme == "https" else 80
        host = url.hostname if (url.port or default_port) == default_port else f"{url.hostname}:{url.port}"
        headers += [("Host", host), ("Accept-Encoding", "identity")]  # identity: usage is read from the body
        if self.command == "POST" or body:
            headers.append(("Content-Length", str(len(body))))
        if gw._key:
            if KEY_HEADER[gw.route.kind] == "x-api-key":
                headers.append(("x-api-key", gw._key))
            else:
                headers.append(("Authorization", f"Bearer {gw._key}"))
        return headers

    def _forward(self, body: bytes, rec: RequestRecord, commit) -> None:
        gw, url, caps = self.gw, self.gw._url, self.gw.caps
        cls = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        kwargs = {"context": ssl.create_default_context()} if url.scheme == "https" else {}
        conn = cls(url.hostname, url.port, timeout=caps.connect_timeout_s, **kwargs)
        target = url.path.rstrip("/") + self.path
        try:
            try:
                conn.connect()
                gw._track(conn.sock)
                conn.sock.settimeout(caps.read_timeout_s)
                conn.putrequest(self.command, target, skip_host=True, skip_accept_encoding=True)
                for k, v in self._upstream_headers(body):
                    conn.putheader(k, v)
                conn.endheaders(body or None)
                resp = conn.getresponse()
            except ValueError:  # http.client rejected a client header; the key was validated at start
                rec.status, rec.note = 400, "invalid request header"
                return self.send_error(400, "invalid request header")
            except (OSError, http.client.HTTPException) as e:
                rec.status, rec.note = 502, gw._safe(e)
                return self._reply(502, "codedrift_gateway_upstream_error", f"upstream unreachable: {rec.note}")
            rec.status = resp.status
            self._relay_response(resp, rec, commit)
        finally:
            if conn.sock is not None:
                with gw._lock:
                    gw._live.discard(conn.sock)
            conn.close()

    def _relay_response(self, resp: http.client.HTTPResponse, rec: RequestRecord, commit) -> None:
        """Pass the response on as it arrives, always chunked (close-delimited for HTTP/1.0): then
        the end the client sees is ours to write, after the usage is counted, so a client's next
        request is checked against caps that include this one."""
        gw = self.gw
        mask, meter = _Mask(gw._mask_key), _Meter(resp.getheader("Content-Type", ""))
        bodyless = resp.status in (204, 304) or resp.status < 200
        chunked = not bodyless and self.request_version == "HTTP/1.1"
        self.send_response_only(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP_BY_HOP:
                self.send_header(k, mask.text(v))
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif not bodyless:
            self.send_header("Connection", "close")
        self.end_headers()
        complete = bodyless
        try:
            while not bodyless:
                try:
                    data = resp.read1(65536)
                except (OSError, http.client.HTTPException) as e:
                    if gw._stopping:
                        rec.note = "gateway stopped mid-response"
                    else:
                        rec.note = f"upstream failed mid-response: {gw._safe(e)}"
                        rec.status = max(rec.status, 502)  # counts as a provider error
                    break
                if not data:
                    complete = True
                    break
                meter.feed(data)
                rec.bytes_down += len(data)
                self._write(mask.feed(data), chunked)
            u = meter.finish()
            rec.tokens_in, rec.tokens_out = u.get("in"), u.get("out")
            rec.tokens_cache_read, rec.tokens_cache_write = u.get("cache_read"), u.get("cache_write")
            commit()
            if complete and not bodyless:
                self._write(mask.flush(), chunked)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
        except OSError:
            rec.note, complete = "sandbox closed the connection mid-response", False
        if not complete:
            self.close_connection = True  # the client must see that the response is cut short

    def _write(self, data: bytes, chunked: bool) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)

    # -- forward proxy

    def do_CONNECT(self):
        started, gw, route = time.monotonic(), self.gw, self.gw.route
        host, sep, port = self.path.rpartition(":")
        host = host.strip("[]").lower()
        # Checked before any lookup or connection: a refused host sees no traffic, not even DNS.
        if not sep or not port.isdigit() or int(port) != route.connect_port or host not in route.allow_hosts:
            return self._refuse(started, self.path[:200], 403, REFUSED_ERROR,
                                f"CONNECT {self.path[:200]} is not allowed")
        target = f"{host}:{port}"
        if reason := gw._admit():
            return self._refuse(started, target, 429, CAP_ERROR, reason)
        rec = RequestRecord("CONNECT", target, 0, 0.0)
        upstream = None
        try:
            try:
                upstream = socket.create_connection((host, int(port)), timeout=gw.caps.connect_timeout_s)
            except OSError as e:
                rec.status, rec.note = 502, gw._safe(e)
                return self._reply(502, "codedrift_gateway_upstream_error", f"upstream unreachable: {rec.note}")
            gw._track(upstream)
            rec.status = 200
            self.close_connection = True  # after the tunnel, the connection is done
            self.wfile.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            # Bytes the client sent right behind the CONNECT (a TLS ClientHello) may sit in rfile's
            # buffer already: take them without blocking and send them first.
            self.connection.setblocking(False)
            try:
                early = self.rfile.read1(65536) or b""
            except OSError:
                early = b""
            rec.bytes_up, rec.bytes_down = relay(self.connection, upstream, gw.caps.read_timeout_s, first=early)
        finally:
            if upstream is not None:
                with gw._lock:
                    gw._live.discard(upstream)
                upstream.close()
            rec.duration_s = time.monotonic() - started
            gw._record(rec, provider_error=rec.status >= 500)


class _BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
