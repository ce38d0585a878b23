"""``get_engine`` reads the AI settings lazily and wraps the remote engine in the fallback."""

from __future__ import annotations

import pytest

from heymilo.ai import LocalEngine, get_engine
from heymilo.ai.fallback import FallbackEngine


def test_it_returns_the_local_engine_by_default(settings):
    settings.AI_ENGINE = "local"

    assert isinstance(get_engine(), LocalEngine)


def test_it_builds_the_openai_engine_from_settings(settings):
    settings.AI_ENGINE = "openai"
    settings.AI_BASE_URL = "http://127.0.0.1:9/v1"
    settings.AI_MODEL = "chat-model"
    settings.AI_SCORING_MODEL = ""
    settings.AI_TIMEOUT = 3.5
    settings.AI_MAX_RETRIES = 4

    engine = get_engine()

    assert isinstance(engine, FallbackEngine)
    assert engine.remote.model == "chat-model"
    assert engine.remote.scoring_model == "chat-model"  # empty scoring model means AI_MODEL
    assert engine.remote.max_retries == 4
    assert engine.remote.client.timeout == 3.5


def test_an_explicit_name_overrides_the_setting(settings):
    settings.AI_ENGINE = "openai"

    assert isinstance(get_engine("local"), LocalEngine)


def test_an_unknown_engine_is_refused(settings):
    with pytest.raises(ValueError, match="unknown AI engine"):
        get_engine("magic")
