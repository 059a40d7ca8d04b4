"""A FastCGI client, just enough to ask IIPImage's server (iipsrv.fcgi) for an image the
way a web server in front of it would: one request per connection, GET, no body.

The protocol (https://fastcgi-archives.github.io/FastCGI_Specification.html): the client
sends BEGIN_REQUEST (role RESPONDER), the CGI variables as name-value pairs in PARAMS
records (an empty one ends them) and an empty STDIN record; the application answers
with STDOUT records holding a CGI response (headers, a blank line, the body), perhaps
STDERR, and END_REQUEST. Every record has an 8-byte header and is padded to 8 bytes.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

_VERSION = 1
_BEGIN_REQUEST, _END_REQUEST, _PARAMS, _STDIN, _STDOUT, _STDERR = 1, 3, 4, 5, 6, 7
_RESPONDER = 1
_HEADER = struct.Struct(">BBHHBx")  # version, type, request id, length, padding
_MAX_CONTENT = 0xFFFF


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    stderr: bytes


def get(
    host: str, port: int, query: str, *, script: str = "/iipsrv", timeout: float = 60
) -> Response:
    """GET `script`?`query` from the FastCGI application listening on host:port."""
    params = {
        "GATEWAY_INTERFACE": "CGI/1.1",
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": script,
        "REQUEST_URI": f"{script}?{query}",
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    with socket.create_connection((host, port), timeout=timeout) as connection:
        connection.sendall(_request(params))
        stdout, stderr = _read_answer(connection.makefile("rb"))
    return _parse_cgi(stdout, stderr)


def _request(params: dict[str, str], request_id: int = 1) -> bytes:
    begin = struct.pack(">HB5x", _RESPONDER, 0)  # flags 0: close the connection after
    pairs = b"".join(_pair(name.encode(), value.encode()) for name, value in params.items())
    chunks = [pairs[i : i + _MAX_CONTENT] for i in range(0, len(pairs), _MAX_CONTENT)]
    return b"".join(
        [
            _record(_BEGIN_REQUEST, request_id, begin),
            *(_record(_PARAMS, request_id, chunk) for chunk in chunks),
            _record(_PARAMS, request_id),
            _record(_STDIN, request_id),
        ]
    )


def _record(kind: int, request_id: int, content: bytes = b"") -> bytes:
    padding = -len(content) % 8
    header = _HEADER.pack(_VERSION, kind, request_id, len(content), padding)
    return header + content + b"\0" * padding


def _pair(name: bytes, value: bytes) -> bytes:
    def length(size: int) -> bytes:
        return bytes([size]) if size < 128 else struct.pack(">I", size | 0x80000000)

    return length(len(name)) + length(len(value)) + name + value


def _read_answer(stream) -> tuple[bytes, bytes]:
    stdout, stderr = bytearray(), bytearray()
    while True:
        header = stream.read(_HEADER.size)
        if len(header) < _HEADER.size:
            raise ConnectionError("the FastCGI application closed the connection mid-answer")
        _, kind, _, length, padding = _HEADER.unpack(header)
        content = stream.read(length + padding)[:length]
        if kind == _STDOUT:
            stdout += content
        elif kind == _STDERR:
            stderr += content
        elif kind == _END_REQUEST:
            return bytes(stdout), bytes(stderr)


def _parse_cgi(stdout: bytes, stderr: bytes) -> Response:
    head, _, body = stdout.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    status = int(headers.get("status", "200").split()[0])
    return Response(status, headers, body, stderr)
