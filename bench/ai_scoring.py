"""Measure the local engine's answer scoring against human grades (SAF short answers).

    .venv/bin/python bench/ai_scoring.py [--data PATH] [--unseen PATH] [--tuning-only]

Each row's ``reference_answer`` is the score-5 anchor. The engine never sees ``human_score``.
Two sets of questions it was never tuned on:

- held-out: in ``--data`` (the shared training file), question_ids sorted numerically
  ("2.1" < "2.2" < "10.1"), every 4th one (index % 4 == 3);
- unseen: ``--unseen`` (default ``bench/data/saf-english-unseen-questions.jsonl``, SAF's own
  unseen-questions test split; see ``bench/data/README.md``), all of it.

Prints Spearman ρ with the human scores for the stored integer score (1–5) and the engine's
continuous strength, pooled over each split and as the mean within-question ρ, next to the naive
token-overlap baseline; answers per second; consistency (same answer twice; name/gender swaps).

``--tuning-only`` scores the tuning questions alone and adds the spread of pooled ρ over every
four-question subset of them, so a change can be judged without looking at any unseen question.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from heymilo.ai.base import QuestionSpec, Turn  # noqa: E402
from heymilo.ai.local import LocalEngine  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "answer-scoring" / "saf-english-training.jsonl"
UNSEEN_DATA = REPO / "bench" / "data" / "saf-english-unseen-questions.jsonl"
SWAPS = {
    "he": "she", "she": "he", "his": "her", "her": "his", "him": "her", "himself": "herself",
    "herself": "himself", "man": "woman", "woman": "man", "men": "women", "women": "men",
    "mr": "ms", "ms": "mr", "boy": "girl", "girl": "boy", "john": "maria", "maria": "john",
}  # fmt: skip
SWAP_RE = re.compile(r"\b(" + "|".join(SWAPS) + r")\b", re.IGNORECASE)


def read_rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def question_key(question_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in question_id.split("."))


def held_out_ids(question_ids: set[str]) -> set[str]:
    ordered = sorted(question_ids, key=question_key)
    return {qid for index, qid in enumerate(ordered) if index % 4 == 3}


def ranks(values: list[float]) -> list[float]:
    """1-based ranks with ties averaged."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = ranks(xs), ranks(ys)
    mean_x, mean_y = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mean_x) * (b - mean_y) for a, b in zip(rx, ry, strict=True))
    var_x = sum((a - mean_x) ** 2 for a in rx)
    var_y = sum((b - mean_y) ** 2 for b in ry)
    return cov / (var_x * var_y) ** 0.5 if var_x and var_y else 0.0


def naive_overlap(answer: str, reference: str) -> float:
    """The baseline from the data README: share of reference words that appear in the answer."""
    answer_words = set(re.findall(r"\w+", answer.lower()))
    reference_words = set(re.findall(r"\w+", reference.lower()))
    return len(answer_words & reference_words) / len(reference_words) if reference_words else 0.0


def spec_for(row: dict) -> QuestionSpec:
    return QuestionSpec(
        id=row["question_id"], text=row["question"], reference_answer=row["reference_answer"]
    )


def swap_identity(answer: str) -> str:
    """The same answer as said by someone with another name and gender."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        replacement = SWAPS[word.lower()]
        return replacement.capitalize() if word[0].isupper() else replacement

    return SWAP_RE.sub(swap, answer)


def score_rows(engine: LocalEngine, rows: list[dict]) -> tuple[list[int], list[float], float]:
    scores, strengths = [], []
    started = time.perf_counter()
    for row in rows:
        result = engine.evaluate_answer(
            question=spec_for(row), dialogue=[Turn("candidate", row["answer"])]
        )
        scores.append(result.score)
        strengths.append(result.raw_score or 0.0)
    return scores, strengths, time.perf_counter() - started


def consistency(engine: LocalEngine, rows: list[dict]) -> tuple[float, float, int]:
    """% same score when re-scored, % same when name/gender words are swapped, rows altered."""
    same_again = same_swapped = altered = 0
    for row in rows:
        spec = spec_for(row)
        # Every answer is attributed to a named person so that every row is actually altered.
        original = f"John here. {row['answer']}"
        swapped = swap_identity(original)
        altered += swapped != original
        first = engine.evaluate_answer(question=spec, dialogue=[Turn("candidate", original)])
        again = engine.evaluate_answer(question=spec, dialogue=[Turn("candidate", original)])
        other = engine.evaluate_answer(question=spec, dialogue=[Turn("candidate", swapped)])
        same_again += (first.score, first.raw_score) == (again.score, again.raw_score)
        same_swapped += (first.score, first.raw_score) == (other.score, other.raw_score)
    return 100.0 * same_again / len(rows), 100.0 * same_swapped / len(rows), altered


def within_question(idx: list[int], rows: list[dict], values: list[float]) -> float:
    """Mean Spearman ρ over the questions of a split, each question's answers ranked alone."""
    by_question: dict[str, list[int]] = {}
    for i in idx:
        by_question.setdefault(f"{rows[i]['question_id']} {rows[i]['question']}", []).append(i)
    per_question = [
        spearman([values[i] for i in group], [rows[i]["human_score"] for i in group])
        for group in by_question.values()
    ]
    return sum(per_question) / len(per_question)


def report(path: Path, unseen_path: Path | None = UNSEEN_DATA, tuning_only: bool = False) -> dict:
    rows = list(read_rows(path))
    held = held_out_ids({row["question_id"] for row in rows})
    if tuning_only:
        rows = [row for row in rows if row["question_id"] not in held]
    trained_on = len(rows)
    if not tuning_only and unseen_path and unseen_path.exists():
        rows += list(read_rows(unseen_path))
    engine = LocalEngine()
    scores, strengths, seconds = score_rows(engine, rows)
    baseline = [naive_overlap(r["answer"], r["reference_answer"]) for r in rows]
    human = [r["human_score"] for r in rows]
    in_file = range(trained_on)
    splits = {
        "tuning": [i for i in in_file if rows[i]["question_id"] not in held],
        "held_out": [i for i in in_file if rows[i]["question_id"] in held],
        "overall": [] if tuning_only else list(in_file),
        "unseen": list(range(trained_on, len(rows))),
    }
    splits["never_tuned"] = splits["held_out"] + splits["unseen"]
    figures: dict = {"answers_per_second": len(rows) / seconds}
    for name, idx in splits.items():
        if not idx:
            continue
        pick = lambda values, idx=idx: [values[i] for i in idx]  # noqa: E731
        figures[f"{name}_int"] = spearman(pick(scores), pick(human))
        figures[f"{name}_continuous"] = spearman(pick(strengths), pick(human))
        figures[f"{name}_naive"] = spearman(pick(baseline), pick(human))
        figures[f"{name}_within"] = within_question(idx, rows, strengths)
        figures[f"{name}_within_naive"] = within_question(idx, rows, baseline)
        figures[f"{name}_n"] = len(idx)
        figures[f"{name}_questions"] = len({rows[i]["question_id"] for i in idx})
    if tuning_only:
        figures |= four_question_subsets(rows, strengths, baseline)
    again, swapped, altered = consistency(engine, rows[:trained_on])
    figures |= {"same_twice_pct": again, "swap_unchanged_pct": swapped, "swap_altered": altered}
    figures["held_out_ids"] = ", ".join(sorted(held, key=question_key))
    return figures


def four_question_subsets(rows: list[dict], strengths: list[float], baseline: list[float]) -> dict:
    """How much a pooled ρ on four questions depends on which four: every 4-id subset of tuning.

    The held-out split is four question ids, so this is the spread to expect from it by chance.
    """
    ids = sorted({row["question_id"] for row in rows}, key=question_key)
    human = [row["human_score"] for row in rows]
    engine_rho, margins = [], []
    for subset in itertools.combinations(ids, 4):
        idx = [i for i, row in enumerate(rows) if row["question_id"] in subset]
        engine = spearman([strengths[i] for i in idx], [human[i] for i in idx])
        naive = spearman([baseline[i] for i in idx], [human[i] for i in idx])
        engine_rho.append(engine)
        margins.append(engine - naive)
    mean = sum(engine_rho) / len(engine_rho)
    spread = (sum((v - mean) ** 2 for v in engine_rho) / len(engine_rho)) ** 0.5
    margin_mean = sum(margins) / len(margins)
    margin_spread = (sum((v - margin_mean) ** 2 for v in margins) / len(margins)) ** 0.5
    return {
        "subsets": len(engine_rho),
        "subset_mean": mean,
        "subset_sd": spread,
        "subset_min": min(engine_rho),
        "subset_max": max(engine_rho),
        "subset_margin_mean": margin_mean,
        "subset_margin_sd": margin_spread,
    }


LABELS = {
    "tuning": "tuning",
    "held_out": "held-out",
    "overall": "file total",
    "unseen": "unseen split",
    "never_tuned": "never tuned",
}


def print_report(figures: dict, path: Path) -> None:
    print(f"data: {path}")
    print(f"held-out question_ids (sorted, index % 4 == 3): {figures['held_out_ids']}")
    if "unseen_n" in figures:
        print(f"unseen split: {UNSEEN_DATA.relative_to(REPO)} (SAF's unseen-questions test split)")
    print(
        f"{'split':<13}{'questions':>10}{'answers':>8}{'engine 1-5':>12}{'continuous':>12}"
        f"{'naive':>8}   {'within q: engine':>16}{'naive':>7}"
    )
    for name, label in LABELS.items():
        if f"{name}_n" not in figures:
            continue
        print(
            f"{label:<13}{figures[f'{name}_questions']:>10}{figures[f'{name}_n']:>8}"
            f"{figures[f'{name}_int']:>12.3f}{figures[f'{name}_continuous']:>12.3f}"
            f"{figures[f'{name}_naive']:>8.3f}   {figures[f'{name}_within']:>16.3f}"
            f"{figures[f'{name}_within_naive']:>7.3f}"
        )
    if "subsets" in figures:
        print(
            f"tuning only: pooled ρ (continuous) over all {figures['subsets']} four-id subsets of "
            f"the tuning ids: mean {figures['subset_mean']:.3f}, sd {figures['subset_sd']:.3f}, "
            f"min {figures['subset_min']:.3f}, max {figures['subset_max']:.3f}; engine − naive "
            f"{figures['subset_margin_mean']:+.3f} ± {figures['subset_margin_sd']:.3f} (sd)"
        )
    print(f"answers/second (one core, incl. anchor prep): {figures['answers_per_second']:.0f}")
    print(f"same answer twice → same score: {figures['same_twice_pct']:.1f}%")
    print(
        f"name/gender words swapped → unchanged: {figures['swap_unchanged_pct']:.1f}% "
        f"({figures['swap_altered']} answers altered)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--unseen",
        type=Path,
        default=UNSEEN_DATA,
        help="another file of the same fields whose questions are never tuned on",
    )
    parser.add_argument(
        "--tuning-only",
        action="store_true",
        help="score the tuning questions only; never compute held-out figures",
    )
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    figures = report(args.data, unseen_path=args.unseen, tuning_only=args.tuning_only)
    print_report(figures, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
