#!/usr/bin/env python3
"""Relay TCP connections on a loopback port to the harness's gateway Unix socket.

Runs inside the sandbox, whose network namespace has only loopback: agent CLIs are pointed at
http://127.0.0.1:PORT and every connection they open is copied byte for byte to the socket that
the harness bind-mounts in (see runner/gateway.py). The relay understands nothing of HTTP; keys,
allow-lists and caps all live in the gateway, outside the sandbox.

    python3 gateway_forwarder.py --listen 127.0.0.1:PORT --socket /run/codedrift-gateway/gw.sock

Prints one line "ready" once listening; exits 0 on SIGTERM. Standard library only and Python 3.11
compatible, because it runs on the task image's own python3.
"""

from __future__ import annotations

import argparse
import contextlib
import selectors
import signal
import socket
import sys
import threading

CHUNK = 65536


def relay(a: socket.socket, b: socket.socket, idle_timeout: float, first: bytes = b"") -> tuple[int, int]:
    """Copy bytes both ways until both sides have finished sending, or nothing moved for
    idle_timeout seconds. An end of stream on one side is passed on as a half-close
    (shutdown(SHUT_WR)) so request/response protocols that close their sending side still work.
    `first` is sent to b before anything else. Returns the byte counts (a to b, b to a)."""
    peer = {a: b, b: a}
    sent = {a: 0, b: 0}
    a.settimeout(idle_timeout)  # bounds a blocked sendall to a peer that stopped reading
    b.settimeout(idle_timeout)
    if first:
        b.sendall(first)
        sent[a] += len(first)
    with selectors.DefaultSelector() as sel:
        for s in (a, b):
            sel.register(s, selectors.EVENT_READ)
        reading = 2
        while reading:
            events = sel.select(idle_timeout)
            if not events:
                break  # idle: give the thread back rather than hold it forever
            for key, _ in events:
                src = key.fileobj
                try:
                    data = src.recv(CHUNK)
                except OSError:
                    data = b""  # reset counts as the end of this direction
                if data:
                    try:
                        peer[src].sendall(data)
                    except OSError:
                        return sent[a], sent[b]
                    sent[src] += len(data)
                    continue
                sel.unregister(src)
                reading -= 1
                with contextlib.suppress(OSError):
                    peer[src].shutdown(socket.SHUT_WR)
    return sent[a], sent[b]


def serve(listen: str, socket_path: str, max_conns: int, idle_timeout: float) -> None:
    host, _, port = listen.rpartition(":")
    server = socket.create_server((host, int(port)), backlog=128)
    slots = threading.BoundedSemaphore(max_conns)

    def handle(client: socket.socket) -> None:
        try:
            with client, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as upstream:
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # streamed tokens go out at once
                upstream.settimeout(10)
                upstream.connect(socket_path)
                relay(client, upstream, idle_timeout)
        except OSError as e:
            print(f"gateway_forwarder: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        finally:
            slots.release()

    # SIGTERM arrives in the main thread, which is blocked in accept(): leave through SystemExit so
    # the listening socket is closed; relay threads are daemons and end with the process.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with server:
        print("ready", flush=True)
        while True:
            slots.acquire()  # at the bound, new connections wait in the listen backlog for a free slot
            conn, _ = server.accept()
            threading.Thread(target=handle, args=(conn,), daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--listen", required=True, help="HOST:PORT to listen on, e.g. 127.0.0.1:8089")
    p.add_argument("--socket", required=True, help="the gateway's Unix socket")
    p.add_argument("--max-conns", type=int, default=64)
    p.add_argument("--idle-timeout", type=float, default=900.0, help="seconds without traffic before closing")
    args = p.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        serve(args.listen, args.socket, args.max_conns, args.idle_timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
