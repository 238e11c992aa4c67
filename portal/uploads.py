"""Repairing the file names in a multipart upload before Django parses it.

Django's parser silently drops a file part whose header is not UTF-8 (a
client on a Latin-1 system sends `rapport_æøå.pdf` as Latin-1 bytes) and one
whose name is empty once path separators and control characters are removed
(`..`, `mappe/`). The person then sees their file vanish without a word. This
middleware rewrites just those Content-Disposition lines, as the body streams
past, so the parser keeps the file under a cleaned name; everything else is
passed through byte for byte."""

from django.http.multipartparser import MultiPartParser
from django.utils.http import parse_header_parameters

FALLBACK_NAME = "bilag"
# A part header longer than this is not a file name worth repairing.
LINE_LIMIT = 64 * 1024


def _decode(raw: bytes) -> str:
    try:
        return raw.decode()
    except UnicodeDecodeError:
        # Windows' Western code page: the likely origin, and it maps every
        # byte but five, which become U+FFFD.
        return raw.decode("cp1252", errors="replace")


def repaired_disposition(line: bytes) -> bytes:
    """`line` if Django would keep its file name, else a Content-Disposition
    line with a name it keeps."""
    try:
        line.decode()
    except UnicodeDecodeError:
        pass
    else:
        name, _, value = line.partition(b":")
        if name.strip().lower() != b"content-disposition":
            return line
        _kind, params = parse_header_parameters(value.decode().strip())
        # filename="" is how browsers send a file input left empty: no file,
        # which Django rightly drops (not an empty file called "bilag").
        if "filename" not in params or params["filename"] == "":
            return line
        if _sanitized(params["filename"]):
            return line
    text = _decode(line)
    header, _, value = text.partition(":")
    if header.strip().lower() != "content-disposition":
        return line.decode("ascii", errors="replace").encode()
    kind, params = parse_header_parameters(value.strip())
    if "filename" not in params:
        return text.encode()
    params["filename"] = _sanitized(params["filename"]) or FALLBACK_NAME
    quoted = "; ".join(
        f'{key}="{value.replace(chr(92), "").replace(chr(34), "")}"'
        for key, value in params.items()
    )
    return f"Content-Disposition: {kind}; {quoted}\r\n".encode()


def _sanitized(name: str) -> str | None:
    # Django's own rule, so the two cannot disagree about what gets dropped.
    return MultiPartParser.sanitize_file_name(None, name)


class RepairingStream:
    """A file-like wrapper over the request body: reads it line by line
    and repairs the header lines of each part (between a boundary line and
    the blank line after it). File content is never touched."""

    def __init__(self, stream, boundary: bytes):
        self.stream = stream
        self.boundary = b"--" + boundary
        self.in_headers = False
        self.at_line_start = True
        self.buffer = b""
        self.done = False

    def _next_line(self) -> bytes:
        piece = self.stream.readline(LINE_LIMIT)
        if not piece:
            self.done = True
            return b""
        starts_line, self.at_line_start = self.at_line_start, piece.endswith(b"\n")
        if not starts_line:
            return piece
        if self.in_headers:
            if piece in (b"\r\n", b"\n"):
                self.in_headers = False
            else:
                return repaired_disposition(piece)
        elif piece.rstrip(b"\r\n") == self.boundary:
            self.in_headers = True
        return piece

    def read(self, size=-1) -> bytes:
        everything = size is None or size < 0
        pieces, length = [self.buffer], len(self.buffer)
        while not self.done and (everything or length < size):
            piece = self._next_line()
            pieces.append(piece)
            length += len(piece)
        data = b"".join(pieces)
        if everything:
            self.buffer = b""
            return data
        self.buffer = data[size:]
        return data[:size]

    def readline(self, size=-1) -> bytes:
        if not self.buffer:
            self.buffer = self._next_line()
        newline = self.buffer.find(b"\n")
        end = newline + 1 if newline >= 0 else len(self.buffer)
        if size is not None and size >= 0:
            end = min(end, size)
        line, self.buffer = self.buffer[:end], self.buffer[end:]
        return line


class RepairUploadNamesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        content_type, params = parse_header_parameters(
            request.META.get("CONTENT_TYPE", "")
        )
        boundary = params.get("boundary", "")
        if content_type == "multipart/form-data" and boundary.isascii() and boundary:
            request._stream = RepairingStream(request._stream, boundary.encode())
        return self.get_response(request)
