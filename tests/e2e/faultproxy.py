"""A small fault-injecting TCP proxy for the end-to-end tests (threads, loopback only).

Pass-through by default. Switchable at runtime:
- `cut_after(n, times=1, path="/installers/")`: on the next `times` responses to requests
  whose request line contains `path`, close both sides after `n` bytes of the response
  body (the headers are passed whole);
- `refuse(True)`: accept and close at once (no byte of the portal's);
- `delay(seconds)`: hold every chunk from the portal this long;
- `fail_status(code, times=1, path=...)`: rewrite the status of the next `times`
  responses to requests whose request line contains `path` to `code` (the portal's
  own body is relayed): a portal that is up but answers, say, 500.

Counts what it relays: `body_bytes(path)` is the sum of response-body bytes sent to the
client for requests matching `path` (so a test can prove a download resumed instead of
starting over), `cuts` how many connections it cut.
"""

from __future__ import annotations

import socket
import threading
import time


class FaultProxy:
    def __init__(self, upstream_port: int, listen_port: int = 0):
        self.upstream = ("127.0.0.1", upstream_port)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", listen_port))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.lock = threading.Lock()
        self._cut: tuple[int, str] | None = None  # (after bytes, path)
        self._cuts_left = 0
        self._refuse = False
        self._delay = 0.0
        self._status: tuple[int, str] | None = None  # (status code, path)
        self._status_left = 0
        self.rewritten = 0
        self.cuts = 0
        self.refused = 0
        self.requests: list[str] = []
        self._body: dict[str, int] = {}
        self._closed = False
        self._conns: set[socket.socket] = set()
        threading.Thread(target=self._accept, daemon=True).start()

    # --- control ---
    def cut_after(self, n: int, times: int = 1, path: str = "/installers/") -> None:
        with self.lock:
            self._cut = (n, path)
            self._cuts_left = times

    def refuse(self, on: bool = True) -> None:
        with self.lock:
            self._refuse = on

    def delay(self, seconds: float) -> None:
        with self.lock:
            self._delay = seconds

    def fail_status(self, code: int, times: int = 1, path: str = "/api/v1/") -> None:
        with self.lock:
            self._status = (code, path)
            self._status_left = times

    def passthrough(self) -> None:
        with self.lock:
            self._cut, self._cuts_left, self._refuse, self._delay = None, 0, False, 0.0
            self._status, self._status_left = None, 0

    def body_bytes(self, path: str) -> int:
        with self.lock:
            return sum(v for k, v in self._body.items() if path in k)

    def reset_counters(self) -> None:
        with self.lock:
            self._body.clear()
            self.requests.clear()
            self.cuts = 0
            self.refused = 0

    def close(self) -> None:
        self._closed = True
        try:
            self.sock.close()
        except OSError:
            pass
        with self.lock:
            conns = list(self._conns)
        for c in conns:
            _close(c)

    # --- relaying ---
    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                refuse = self._refuse
                if refuse:
                    self.refused += 1
            if refuse:
                _close(client)
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                _close(client)
                continue
            conn = _Conn(self, client, server)
            with self.lock:
                self._conns.update((client, server))
            threading.Thread(target=conn.upstream_loop, daemon=True).start()
            threading.Thread(target=conn.downstream_loop, daemon=True).start()


def _close(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        s.close()
    except OSError:
        pass


class _Conn:
    """One client connection. Requests on it (keep-alive) are answered in order, so the
    request lines seen client→server are queued and matched to responses server→client."""

    def __init__(self, proxy: FaultProxy, client: socket.socket, server: socket.socket):
        self.p, self.client, self.server = proxy, client, server
        self.pending: list[str] = []  # request lines awaiting their response
        self.cv = threading.Condition()
        self.dead = False

    def kill(self) -> None:
        self.dead = True
        _close(self.client)
        _close(self.server)
        with self.cv:
            self.cv.notify_all()

    def upstream_loop(self) -> None:
        buf = b""
        try:
            while not self.dead:
                data = self.client.recv(65536)
                if not data:
                    break
                # Request lines: good enough for the small GET/POST requests of the app
                # (a body that happens to contain "HTTP/1.1\r\n" would confuse this).
                buf = (buf + data)[-8192:]
                while b" HTTP/1.1\r\n" in buf:
                    line, _, buf = buf.partition(b" HTTP/1.1\r\n")
                    line = line.rsplit(b"\n", 1)[-1].decode("latin-1", "replace")
                    with self.p.lock:
                        self.p.requests.append(line)
                    with self.cv:
                        self.pending.append(line)
                        self.cv.notify_all()
                self.server.sendall(data)
        except OSError:
            pass
        finally:
            try:
                self.server.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def downstream_loop(self) -> None:
        current: str | None = None  # the request line being answered
        head = b""  # the response headers seen so far (until CRLFCRLF)
        remaining = -1  # body bytes left of the current response (Content-Length)
        cut_at: int | None = None
        sent_body = 0
        tail = b""
        try:
            while not self.dead:
                data = self.server.recv(65536)
                if not data:
                    break
                with self.p.lock:
                    delay = self.p._delay
                if delay:
                    time.sleep(delay)
                while data and not self.dead:
                    if current is None:
                        with self.cv:
                            while not self.pending and not self.dead:
                                self.cv.wait(1)
                            if self.dead:
                                return
                            current = self.pending.pop(0)
                        head, remaining, sent_body, cut_at, tail = b"", -1, 0, None, b""
                    if remaining < 0:  # still in the headers
                        head += data
                        if b"\r\n\r\n" not in head:
                            self.client.sendall(data)
                            data = b""
                            continue
                        h, _, rest = head.partition(b"\r\n\r\n")
                        head_part = data[: len(data) - len(rest)]
                        with self.p.lock:
                            if self.p._status and self.p._status_left > 0 and self.p._status[1] in current \
                                    and head_part.startswith(b"HTTP/1.1 "):
                                code = self.p._status[0]
                                line_end = head_part.index(b"\r\n")
                                head_part = f"HTTP/1.1 {code} Injected".encode() + head_part[line_end:]
                                self.p._status_left -= 1
                                self.p.rewritten += 1
                        self.client.sendall(head_part)
                        remaining = _content_length(h)
                        with self.p.lock:
                            if self.p._cut and self.p._cuts_left > 0 and self.p._cut[1] in current \
                                    and self.p._cut[0] < remaining < CHUNKED:
                                cut_at = self.p._cut[0]
                                self.p._cuts_left -= 1
                        data = rest
                        if remaining == 0:
                            current = None
                        continue
                    if remaining == CHUNKED:  # relayed until the last chunk
                        tail = (tail + data)[-5:]
                        self.client.sendall(data)
                        self._count(current, len(data))
                        data = b""
                        if tail == b"0\r\n\r\n":
                            current = None
                        continue
                    take = data[:remaining]
                    data = data[remaining:]
                    if cut_at is not None and sent_body + len(take) >= cut_at:
                        take = take[: cut_at - sent_body]
                        self.client.sendall(take)
                        self._count(current, len(take))
                        with self.p.lock:
                            self.p.cuts += 1
                        self.kill()
                        return
                    self.client.sendall(take)
                    self._count(current, len(take))
                    sent_body += len(take)
                    remaining -= len(take)
                    if remaining == 0:
                        current = None
        except OSError:
            pass
        finally:
            self.kill()
            with self.p.lock:
                self.p._conns.discard(self.client)
                self.p._conns.discard(self.server)

    def _count(self, line: str, n: int) -> None:
        with self.p.lock:
            self.p._body[line] = self.p._body.get(line, 0) + n


CHUNKED = 1 << 61


def _content_length(head: bytes) -> int:
    """The response's body length (`CHUNKED` for a chunked one); unknown lengths are
    relayed as a stream that ends with the connection. Only known lengths are cut."""
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            return int(v.strip())
        if k.strip().lower() == b"transfer-encoding" and b"chunked" in v.lower():
            return CHUNKED
    status = head.split(b" ", 2)[1:2]
    if status and status[0] in (b"204", b"304"):
        return 0
    return 1 << 62
