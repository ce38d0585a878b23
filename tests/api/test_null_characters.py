"""U+0000 anywhere in a URL is a 400, never a database error (PostgreSQL cannot hold it)."""

import pytest

PATHS = [
    "/api/v4/postings/%00",
    "/api/v4/interviews/%00AB/data",
    "/api/v4/webhooks/wh_%00",
    "/api/v4/postings?starting_after=%00",
    "/api/v4/postings/ABCD/questions/Q%00",
    "/intake/v1/candidate/%00",
]


@pytest.mark.parametrize("path", PATHS)
def test_a_null_character_in_an_api_url_is_a_json_400(owner, path):
    response = owner.client.get(path)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "The URL contains a null character."


@pytest.mark.parametrize("path", ["/i/%00", "/apply/%00", "/files/%00", "/dashboard/?q=%00"])
def test_a_null_character_in_a_page_url_is_a_400(client, db, path):
    assert client.get(path).status_code == 400
