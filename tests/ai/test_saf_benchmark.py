"""Agreement with human grades on the SAF short answers (skipped when the file is absent)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ai_scoring.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("ai_scoring_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()
pytestmark = pytest.mark.skipif(
    not bench.DEFAULT_DATA.exists(),
    reason=f"SAF data not found at {bench.DEFAULT_DATA} (../shared/data/answer-scoring/)",
)


@pytest.fixture(scope="module")
def figures() -> dict:
    return bench.report(bench.DEFAULT_DATA)


def test_the_held_out_split_is_every_fourth_question_id():
    ids = {"2.1", "2.2", "2.3", "4.1", "6.1", "10.1", "10.2", "12.1"}

    assert bench.held_out_ids(ids) == {"4.1", "12.1"}


def test_spearman_matches_a_hand_computed_example():
    assert bench.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert bench.spearman([1, 2, 2, 3], [3, 2, 2, 1]) == pytest.approx(-1.0)


def test_the_engine_beats_naive_overlap_on_the_tuning_questions(figures):
    assert figures["tuning_continuous"] >= 0.62
    assert figures["tuning_int"] >= figures["tuning_naive"] + 0.04


def test_within_question_agreement_ranks_each_question_alone():
    rows = [
        {"question_id": "1", "question": "a", "human_score": 0.0},
        {"question_id": "1", "question": "a", "human_score": 1.0},
        {"question_id": "2", "question": "b", "human_score": 0.0},
        {"question_id": "2", "question": "b", "human_score": 1.0},
    ]

    # Each question is ranked perfectly although the values do not order across questions.
    assert bench.within_question([0, 1, 2, 3], rows, [0.5, 0.6, 0.1, 0.2]) == pytest.approx(1.0)
    assert bench.within_question([0, 1, 2, 3], rows, [0.6, 0.5, 0.1, 0.2]) == pytest.approx(0.0)


def test_never_tuned_agreement_stays_above_its_measured_floor(figures):
    # Measured (continuous): held-out 0.523, SAF's unseen-questions split 0.715, both 0.609, with
    # naive overlap at 0.553 / 0.687 / 0.605; docs/ai.md says why the engine is not ahead of it.
    assert figures["unseen_n"] == 384
    assert figures["unseen_questions"] == 4
    assert figures["held_out_continuous"] >= 0.50
    assert figures["unseen_continuous"] >= 0.69
    assert figures["never_tuned_continuous"] >= 0.59
    assert figures["overall_continuous"] > figures["overall_naive"]


def test_scoring_is_consistent_and_blind_to_names_and_gender(figures):
    assert figures["same_twice_pct"] == 100.0
    assert figures["swap_unchanged_pct"] == 100.0
    assert figures["swap_altered"] > 1000


def test_it_scores_hundreds_of_answers_per_second(figures):
    assert figures["answers_per_second"] > 200
