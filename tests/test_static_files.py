"""Static files under ASGI stream from disk instead of being read whole into memory first."""

import warnings
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.django_db(transaction=True)

CSS = Path(__file__).resolve().parent.parent / "static" / "dashboard" / "dashboard.css"


def test_static_files_stream_under_asgi_whole_and_in_ranges(asgi_server):
    content = CSS.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Django warns when it must buffer a sync iterator
        whole = httpx.get(f"{asgi_server.url}/static/dashboard/dashboard.css")
        part = httpx.get(
            f"{asgi_server.url}/static/dashboard/dashboard.css", headers={"Range": "bytes=10-29"}
        )
    assert whole.status_code == 200 and whole.content == content
    assert whole.headers["Content-Type"].startswith("text/css")
    assert part.status_code == 206 and part.content == content[10:30]
