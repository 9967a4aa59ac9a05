"""The model gateway and its in-sandbox forwarder, end to end on loopback: a client with a placeholder
key talks to the forwarder (a real subprocess on a TCP port), which relays to the gateway's Unix
socket, which calls a fake provider with the real key. No traffic leaves loopback: refused hosts
are refused before any lookup or connection."""

from __future__ import annotations

import http.client
import json
import logging
import secrets
import socket
import stat
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from runner.gateway import CAP_ERROR, Caps, Gateway, GatewayError, Route, _Mask, _Meter
from tests.fakes.fake_provider import OPENAI_USAGE, FakeProvider

FORWARDER = Path(__file__).resolve().parents[1] / "runner" / "gateway_forwarder.py"
KEY_ENV = "CODEDRIFT_TEST_PROVIDER_KEY"
PLACEHOLDER = "codedrift-placeholder"


@pytest.fixture
def key(monkeypatch) -> str:
    value = "sk-" + "ant-" + "test" + secrets.token_hex(12)  # made at run time: no key-shaped literal
    monkeypatch.setenv(KEY_ENV, value)
    return value


@pytest.fixture
def provider():
    p = FakeProvider()
    yield p
    p.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def forwarder(socket_path: Path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(FORWARDER), "--listen", f"127.0.0.1:{port}",
                             "--socket", str(socket_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        yield port
    finally:
        proc.terminate()
        assert proc.wait(5) == 0  # SIGTERM is a clean exit


@contextmanager
def stack(tmp_path, provider, kind="anthropic", caps=None, **route):
    route = Route(kind=kind, upstream=route.pop("upstream", provider.url if provider else ""),
                  key_env=KEY_ENV, **route)
    with Gateway(route, tmp_path, caps or Caps()) as gw, forwarder(gw.socket_path) as port:
        yield gw, port


def call(port, method="POST", path="/v1/messages", body=None, headers=None, kind="anthropic"):
    auth = {"x-api-key": PLACEHOLDER} if kind == "anthropic" else {"Authorization": f"Bearer {PLACEHOLDER}"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    data = json.dumps(body if body is not None else {"model": "m", "max_tokens": 10, "messages": []}).encode()
    conn.request(method, path, body=data if method == "POST" else None,
                 headers={"Content-Type": "application/json", "anthropic-version": "2023-06-01",
                          "Cookie": "session=" + PLACEHOLDER, **auth, **(headers or {})})
    resp = conn.getresponse()
    out = resp.status, dict(resp.getheaders()), resp.read()
    conn.close()
    return out


def raw(port, data: bytes, timeout=5.0) -> bytes:
    """Send raw bytes, read the reply until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def error_type(body: bytes) -> str:
    return json.loads(body)["error"]["type"]


# -- reverse proxy


def test_anthropic_key_injected_and_usage_counted(tmp_path, provider, key):
    with stack(tmp_path, provider) as (gw, port):
        status, headers, body = call(port)
        assert status == 200 and json.loads(body)["content"][0]["text"] == "hello"
        status, _, body = call(port, path="/v1/messages/count_tokens")
        assert status == 200 and json.loads(body) == {"input_tokens": 25}
        assert call(port, "GET", "/v1/models")[0] == 200
    usage = gw.usage()

    for seen in provider.requests:
        h = {k.lower(): v for k, v in seen["headers"].items()}
        assert h["x-api-key"] == key  # the real key, injected by the gateway
        assert "authorization" not in h and "cookie" not in h  # client credentials all dropped
        assert PLACEHOLDER not in json.dumps(h)
        assert h["host"] == provider.url.removeprefix("http://")
        assert h["anthropic-version"] == "2023-06-01"  # other headers pass
    assert key not in repr(headers) + body.decode()
    assert (usage.requests, usage.refused, usage.provider_errors) == (3, 0, 0)
    # count_tokens and models report no usage: only the one message is counted
    assert (usage.tokens_in, usage.tokens_out, usage.tokens_cache_read, usage.tokens_cache_write) == (25, 12, 7, 3)
    assert usage.cost_usd is None  # no prices on the route
    assert [(r.method, r.target, r.status) for r in usage.records] == [
        ("POST", "/v1/messages", 200), ("POST", "/v1/messages/count_tokens", 200), ("GET", "/v1/models", 200)]
    assert key not in repr(usage) and PLACEHOLDER not in repr(usage)


def test_stream_is_relayed_as_it_arrives(tmp_path, provider, key):
    provider.hold = threading.Event()  # the provider sends message_start, then waits for this
    with stack(tmp_path, provider) as (gw, port):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("POST", "/v1/messages", body=json.dumps({"model": "m", "stream": True, "messages": []}),
                     headers={"x-api-key": PLACEHOLDER, "Content-Type": "application/json"})
        resp = conn.getresponse()
        assert resp.status == 200 and resp.getheader("Content-Type") == "text/event-stream"
        first = b""
        while b"message_start" not in first:  # times out (fails) if the gateway buffered the stream
            first += resp.read1(65536)
        assert not provider.hold.is_set() and b"message_stop" not in first  # the stream is still open upstream
        provider.hold.set()
        rest = resp.read()
        conn.close()
    usage = gw.usage()
    events = [line for line in (first + rest).decode().splitlines() if line.startswith("event:")]
    assert events[0] == "event: message_start" and events[-1] == "event: message_stop" and len(events) == 8
    # message_start's input and cache counts, message_delta's final output count
    assert (usage.tokens_in, usage.tokens_out, usage.tokens_cache_read, usage.tokens_cache_write) == (25, 12, 7, 3)


def test_openai_json_and_stream(tmp_path, provider, key):
    with stack(tmp_path, provider, kind="openai") as (gw, port):
        status, _, body = call(port, path="/v1/chat/completions", kind="openai")
        assert status == 200 and json.loads(body)["usage"] == OPENAI_USAGE
        status, _, body = call(port, path="/v1/chat/completions", kind="openai",
                               body={"model": "m", "messages": [], "stream": True,
                                     "stream_options": {"include_usage": True}})
        assert status == 200 and body.decode().endswith("data: [DONE]\n\n")
    usage = gw.usage()
    for seen in provider.requests:
        h = {k.lower(): v for k, v in seen["headers"].items()}
        assert h["authorization"] == f"Bearer {key}" and "x-api-key" not in h and "cookie" not in h
    assert (usage.requests, usage.tokens_in, usage.tokens_out, usage.tokens_cache_read) == (2, 80, 18, 32)


def test_echoed_key_is_masked(tmp_path, provider, key):
    provider.echo_auth = True  # a provider that puts the credential it got into its answer
    with stack(tmp_path, provider) as (_, port):
        status, headers, body = call(port)
    assert provider.requests[0]["headers"]["x-api-key"] == key
    assert status == 200 and key not in body.decode() and key not in repr(headers)
    assert "*" * len(key) in body.decode() and headers["x-seen-key"] == "*" * len(key)


def test_mask_catches_a_key_split_across_chunks():
    key = ("sk-" + "ant-" + "test" + "x" * 20).encode()
    data = b'data: {"a": "' + key + b'"}\n\n' + b"tail " + key
    for cut in range(1, len(data)):
        mask = _Mask(key)
        out = mask.feed(data[:cut]) + mask.feed(data[cut:]) + mask.flush()
        assert len(out) == len(data) and key not in out
    mask = _Mask(key)
    assert mask.feed(b"event: ping\n\n") == b"event: ping\n\n"  # nothing held back from ordinary events


def test_meter_reads_responses_api_stream():
    meter = _Meter("text/event-stream")
    done = {"type": "response.completed", "response": {"usage": {
        "input_tokens": 50, "output_tokens": 5, "input_tokens_details": {"cached_tokens": 20}}}}
    for part in (b'data: {"type":"response.created","response":{"usage":null}}\n\n', b"data: ",
                 json.dumps(done).encode()[:10], json.dumps(done).encode()[10:] + b"\n\n"):
        meter.feed(part)
    assert meter.finish() == {"in": 50, "out": 5, "cache_read": 20}


def test_disallowed_paths_and_methods_are_refused(tmp_path, provider, key):
    with stack(tmp_path, provider) as (gw, port):
        for method, path in [("POST", "/v1/files"), ("POST", "/v1/chat/completions"), ("GET", "/admin"),
                             ("POST", "/v1/messages/../files"), ("POST", "/v1/%6dessages"),
                             ("DELETE", "/v1/models/m"), ("POST", "/v1//messages"), ("POST", "/v1/messages/")]:
            status, headers, body = call(port, method, path)
            assert status == 403, (method, path)
            assert error_type(body) == "codedrift_gateway_refused" and headers["x-should-retry"] == "false"
    usage = gw.usage()
    assert provider.requests == []
    assert (usage.requests, usage.refused) == (0, 8)


# -- forward proxy


@contextmanager
def echo_listener():
    """The "allowed host" of the CONNECT tests: a loopback listener that reads to the end of what
    it is sent (so the client's half-close must get through) and answers with it."""
    srv = socket.create_server(("127.0.0.1", 0))

    def serve():
        conn, _ = srv.accept()
        with conn:
            data = b""
            while chunk := conn.recv(65536):
                data += chunk
            conn.sendall(b"echo:" + data)

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        yield srv.getsockname()[1]
    finally:
        srv.close()
        t.join(5)


def test_connect_tunnels_only_allowed_hosts(tmp_path, provider, key):
    with echo_listener() as echo_port, \
            stack(tmp_path, provider, allow_hosts=("127.0.0.1",), connect_port=echo_port) as (gw, port):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            # the first tunnelled bytes come right behind the CONNECT, as a TLS client would send them
            s.sendall(f"CONNECT 127.0.0.1:{echo_port} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode() + b"hello ")
            s.sendall(b"world")
            s.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
        assert reply == b"HTTP/1.1 200 Connection Established\r\n\r\necho:hello world"

        for target in ["example.com:443", f"127.0.0.1:{echo_port + 1}", "localhost:" + str(echo_port), "127.0.0.1"]:
            reply = raw(port, f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
            assert reply.startswith(b"HTTP/1.1 403 "), target
        # cleartext proxying is refused whatever the host
        reply = raw(port, b"GET http://example.com/v1/messages HTTP/1.1\r\nHost: example.com\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 403 ") and b"codedrift_gateway_refused" in reply
    usage = gw.usage()
    assert (usage.requests, usage.refused, usage.tokens_in) == (1, 5, 0)
    tunnel = usage.records[0]
    assert (tunnel.method, tunnel.target, tunnel.status) == ("CONNECT", f"127.0.0.1:{echo_port}", 200)
    assert (tunnel.bytes_up, tunnel.bytes_down) == (11, 16) and tunnel.tokens_in is None


# -- caps and errors


def test_request_cap(tmp_path, provider, key):
    with stack(tmp_path, provider, caps=Caps(max_requests=2)) as (gw, port):
        assert [call(port)[0] for _ in range(2)] == [200, 200]
        status, headers, body = call(port)
    usage = gw.usage()
    assert status == 429 and error_type(body) == CAP_ERROR and headers["x-should-retry"] == "false"
    assert len(provider.requests) == 2
    assert (usage.requests, usage.refused) == (2, 1)
    assert usage.records[-1].status == 429 and "request cap" in usage.records[-1].note


def test_token_and_cost_caps(tmp_path, provider, key):
    with stack(tmp_path, provider, caps=Caps(max_tokens=40)) as (gw, port):
        assert call(port)[0] == 200  # 25 + 12 + 7 + 3 = 47 tokens: the cap is reached after it
        status, _, body = call(port)
        assert status == 429 and error_type(body) == CAP_ERROR
    prices = {"price_in_per_mtok": 3.0, "price_out_per_mtok": 15.0, "price_cache_read_per_mtok": 0.3,
              "price_cache_write_per_mtok": 3.75}
    one = (25 * 3.0 + 12 * 15.0 + 7 * 0.3 + 3 * 3.75) / 1e6
    with stack(tmp_path, provider, caps=Caps(max_cost_usd=one * 1.5), **prices) as (gw, port):
        assert [call(port)[0] for _ in range(3)] == [200, 200, 429]
    usage = gw.usage()
    assert usage.cost_usd == pytest.approx(2 * one) and usage.refused == 1


def test_provider_errors_are_counted(tmp_path, provider, key, caplog):
    caplog.set_level(logging.DEBUG)
    provider.script = [529, 429, 500, 401]
    with stack(tmp_path, provider) as (gw, port):
        statuses = [call(port)[0] for _ in range(5)]
    usage = gw.usage()
    assert statuses == [529, 429, 500, 401, 200]  # relayed as they are: the CLI's own retries apply
    assert (usage.requests, usage.provider_errors, usage.refused) == (5, 4, 0)

    closed = free_port()  # nothing listens there: connection refused
    with stack(tmp_path, None, upstream=f"http://127.0.0.1:{closed}") as (gw, port):
        status, _, body = call(port)
    usage = gw.usage()
    assert status == 502 and error_type(body) == "codedrift_gateway_upstream_error"
    assert key not in body.decode()
    assert (usage.requests, usage.provider_errors) == (1, 1)
    assert key not in caplog.text


def test_malformed_requests_get_400_and_the_gateway_goes_on(tmp_path, provider, key):
    with stack(tmp_path, provider, caps=Caps(max_body_bytes=1000)) as (gw, port):
        assert raw(port, b"NOT A VALID REQUEST LINE\r\n\r\n").startswith(b"HTTP/1.1 400 ")
        assert raw(port, b"GET /\r\n\r\n").startswith(b"HTTP/1.1 400 ")  # HTTP/0.9
        bad_length = b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: nine\r\n\r\n"
        assert raw(port, bad_length).startswith(b"HTTP/1.1 400 ")
        bad_chunk = b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
        assert raw(port, bad_chunk).startswith(b"HTTP/1.1 400 ")
        huge_headers = b"GET /v1/models HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(200)) + b"\r\n"
        assert raw(port, huge_headers).startswith(b"HTTP/1.1 431 ")
        assert call(port, body={"messages": [], "pad": "x" * 2000})[0] == 413
        assert call(port)[0] == 200
    usage = gw.usage()
    assert usage.requests == 1 and len(provider.requests) == 1


def test_chunked_request_body_and_http10_client(tmp_path, provider, key):
    body = json.dumps({"model": "m", "messages": []}).encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:5], body[5:])) + b"0\r\n\r\n"
    with stack(tmp_path, provider) as (_, port):
        reply = raw(port, b"POST /v1/messages HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
    head, _, rest = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ") and b"chunked" not in head.lower()  # HTTP/1.0: ends at close
    assert json.loads(rest)["usage"]["output_tokens"] == 12
    assert provider.requests[0]["body"] == json.loads(body)


def test_slow_client_does_not_block_others(tmp_path, provider, key):
    with stack(tmp_path, provider, caps=Caps(idle_timeout_s=1.0)) as (_, port), \
            socket.create_connection(("127.0.0.1", port), timeout=5) as slow:
        slow.sendall(b"POST /v1/mess")  # and then nothing
        t0 = time.monotonic()
        assert call(port)[0] == 200
        assert time.monotonic() - t0 < 1.0
        assert slow.recv(100) == b""  # the idle connection is closed, not kept forever
        assert time.monotonic() - t0 < 4.0


def test_socket_permissions_and_stop_cleans_up(tmp_path, provider, key):
    before = set(threading.enumerate())
    gw = Gateway(Route("anthropic", provider.url, KEY_ENV), tmp_path, Caps()).start()
    assert gw.dir.parent == tmp_path and gw.socket_path == gw.dir / "gw.sock"
    assert stat.S_IMODE(gw.dir.stat().st_mode) == 0o755
    assert stat.S_IMODE(gw.socket_path.stat().st_mode) == 0o666
    provider.hold = threading.Event()
    with forwarder(gw.socket_path) as port:
        idle = socket.create_connection(("127.0.0.1", port), timeout=5)  # a connection waiting for a request
        streaming = http.client.HTTPConnection("127.0.0.1", port, timeout=5)  # and one mid-stream
        streaming.request("POST", "/v1/messages", body=json.dumps({"stream": True, "messages": []}))
        resp = streaming.getresponse()
        assert b"message_start" in resp.read1(65536)
        t0 = time.monotonic()
        gw.stop()
        assert time.monotonic() - t0 < 3.0  # neither connection holds stop() up
        idle.close()
        streaming.close()
    provider.hold.set()
    assert not gw.dir.exists()
    left = [t for t in set(threading.enumerate()) - before
            if t.is_alive() and "process_request_thread" not in t.name]  # the fake provider's own
    assert left == []
    cut = gw.usage().records[0]
    assert (cut.status, cut.note, cut.tokens_in) == (200, "gateway stopped mid-response", 25)
    assert gw.usage().provider_errors == 0
    gw.stop()  # a second stop is harmless


def test_missing_or_invalid_key_is_an_error_without_the_value(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(GatewayError, match=KEY_ENV):
        Gateway(Route("anthropic", "http://127.0.0.1:9", KEY_ENV), tmp_path).start()
    bad = "sk-" + "ant-" + "bad\nvalue"
    monkeypatch.setenv(KEY_ENV, bad)
    with pytest.raises(GatewayError) as e:
        Gateway(Route("anthropic", "http://127.0.0.1:9", KEY_ENV), tmp_path).start()
    assert bad not in str(e.value) and "bad" not in str(e.value)
    assert list(tmp_path.iterdir()) == []  # nothing left behind
