"""Measure the local engine's answer scoring against human grades (SAF short answers).

    .venv/bin/python bench/ai_scoring.py [--data PATH] [--tuning-only]

Each row's ``reference_answer`` is the score-5 anchor. The engine never sees ``human_score``.
Held-out split: question_ids sorted numerically ("2.1" < "2.2" < "10.1"), every 4th one
(index % 4 == 3) is held out of all tuning. Prints Spearman ρ with the human scores for the stored
integer score (1–5) and for the engine's continuous strength, on tuning / held-out / all questions,
the naive token-overlap baseline on the same splits, answers per second and consistency.

``--tuning-only`` scores the tuning questions alone and adds leave-one-question-out figures, so a
change can be judged without looking at the held-out questions.
"""

from __future__ import annotations

import argparse
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


def report(path: Path, tuning_only: bool = False) -> dict[str, float]:
    rows = list(read_rows(path))
    held = held_out_ids({row["question_id"] for row in rows})
    if tuning_only:
        rows = [row for row in rows if row["question_id"] not in held]
    engine = LocalEngine()
    scores, strengths, seconds = score_rows(engine, rows)
    baseline = [naive_overlap(r["answer"], r["reference_answer"]) for r in rows]
    human = [r["human_score"] for r in rows]
    splits = {
        "tuning": [i for i, r in enumerate(rows) if r["question_id"] not in held],
        "held_out": [i for i, r in enumerate(rows) if r["question_id"] in held],
        "overall": list(range(len(rows))),
    }
    if tuning_only:
        del splits["held_out"], splits["overall"]
    figures: dict[str, float] = {"answers_per_second": len(rows) / seconds}
    for name, idx in splits.items():
        pick = lambda values, idx=idx: [values[i] for i in idx]  # noqa: E731
        figures[f"{name}_int"] = spearman(pick(scores), pick(human))
        figures[f"{name}_continuous"] = spearman(pick(strengths), pick(human))
        figures[f"{name}_naive"] = spearman(pick(baseline), pick(human))
        figures[f"{name}_n"] = len(idx)
    if tuning_only:
        figures |= leave_one_question_out(rows, scores, strengths)
    again, swapped, altered = consistency(engine, rows)
    figures |= {"same_twice_pct": again, "swap_unchanged_pct": swapped, "swap_altered": altered}
    figures["held_out_ids"] = ", ".join(sorted(held, key=question_key))  # type: ignore[assignment]
    return figures


def leave_one_question_out(
    rows: list[dict], scores: list[int], strengths: list[float]
) -> dict[str, float]:
    """Spearman on each tuning question's answers alone, then pooled without each question.

    The engine has nothing fitted per fold (its weights are fixed), so "leave one question out"
    here reports how stable the pooled figure is: the lowest pooled ρ over the 12 ways of dropping
    one question, and the mean within-question ρ.
    """
    human = [r["human_score"] for r in rows]
    by_question: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        by_question.setdefault(f"{row['question_id']} {row['question']}", []).append(index)
    within, pooled_without = [], []
    for idx in by_question.values():
        within.append(spearman([strengths[i] for i in idx], [human[i] for i in idx]))
        rest = [i for i in range(len(rows)) if i not in set(idx)]
        pooled_without.append(spearman([strengths[i] for i in rest], [human[i] for i in rest]))
    return {
        "loqo_min_pooled_continuous": min(pooled_without),
        "within_question_mean_continuous": sum(within) / len(within),
    }


def print_report(figures: dict[str, float], path: Path) -> None:
    print(f"data: {path}")
    print(f"held-out question_ids (sorted, index % 4 == 3): {figures['held_out_ids']}")
    print(f"{'split':<10}{'n':>6}{'engine 1-5':>12}{'continuous':>12}{'naive':>9}")
    for name in ("tuning", "held_out", "overall"):
        if f"{name}_n" not in figures:
            continue
        print(
            f"{name.replace('_', '-'):<10}{figures[f'{name}_n']:>6}{figures[f'{name}_int']:>12.3f}"
            f"{figures[f'{name}_continuous']:>12.3f}{figures[f'{name}_naive']:>9.3f}"
        )
    if "loqo_min_pooled_continuous" in figures:
        print(
            f"tuning only: lowest pooled ρ leaving one question out "
            f"{figures['loqo_min_pooled_continuous']:.3f}; mean within-question ρ "
            f"{figures['within_question_mean_continuous']:.3f} (held-out not scored)"
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
        "--tuning-only",
        action="store_true",
        help="score the tuning questions only; never compute held-out figures",
    )
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    print_report(report(args.data, tuning_only=args.tuning_only), args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
