"""Private files (resumes, recordings) reach people only through signed, expiring URLs."""

import mimetypes
import re
from pathlib import PurePosixPath
from urllib.parse import quote

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

SALT = "heymilo.files"
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 512 * 1024


def signed_url(name: str | None) -> str | None:
    """A URL for the stored file `name` that works for SIGNED_URL_TTL seconds."""
    if not name:
        return None
    if not isinstance(default_storage, _local_storage_class()):
        return default_storage.url(name)  # S3: a presigned URL with the same lifetime
    token = signing.TimestampSigner(salt=SALT).sign_object({"n": name})
    # The file's own name ends the URL so downloads keep it ("…-video.mp4"); the token decides.
    return f"{settings.PUBLIC_URL}/files/{token}/{quote(PurePosixPath(name).name)}"


def _local_storage_class():
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage


def serve_signed_file(request, token: str, filename: str):
    """Serve a file named by a valid, unexpired token; supports Range so video can seek."""
    try:
        name = signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=settings.SIGNED_URL_TTL
        )["n"]
    except (signing.BadSignature, KeyError, TypeError):
        raise Http404("This link is invalid or has expired.") from None
    if not default_storage.exists(name):
        raise Http404("No such file.")
    size = default_storage.size(name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    match = RANGE.match(request.headers.get("Range", ""))
    if match and (match.group(1) or match.group(2)):
        start, end = _range(size, match)
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        status = 206
    else:
        start, end, status = 0, size - 1, 200
    response = StreamingHttpResponse(
        _stream(request, name, start, end - start + 1), status=status, content_type=content_type
    )
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=PurePosixPath(name).name
    )
    return response


def _range(size: int, match) -> tuple[int, int]:
    start_text, end_text = match.groups()
    if start_text:
        start = int(start_text)
        end = min(int(end_text), size - 1) if end_text else size - 1
    else:  # "bytes=-500": the last 500 bytes
        start, end = max(size - int(end_text), 0), size - 1
    return start, end


def _stream(request, name: str, start: int, length: int):
    """Under ASGI an async iterator, so a recording streams instead of being read into memory
    (Django buffers a sync iterator whole there); under WSGI a plain one."""
    if isinstance(request, ASGIRequest):
        return _read_async(name, start, length)
    return _read(name, start, length)


def _read(name: str, start: int, remaining: int):
    with default_storage.open(name, "rb") as handle:
        handle.seek(start)
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                return
            remaining -= len(data)
            yield data


async def _read_async(name: str, start: int, remaining: int):
    handle = await sync_to_async(default_storage.open)(name, "rb")
    try:
        await sync_to_async(handle.seek)(start)
        while remaining > 0:
            data = await sync_to_async(handle.read)(min(CHUNK, remaining))
            if not data:
                return
            remaining -= len(data)
            yield data
    finally:
        await sync_to_async(handle.close)()
