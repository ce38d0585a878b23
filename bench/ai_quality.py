"""One bench for the AI engines: agreement with human grades, gaming, speed, conversations.

    .venv/bin/python bench/ai_quality.py [--data PATH] [--unseen PATH] [--unt PATH]
                                         [--extra PATH]... [--tuning-only] [--remote-sample N]

The local engine is always measured; the OpenAI-compatible one too whenever ``AI_BASE_URL`` is set
(``AI_API_KEY``, ``AI_MODEL`` as for the product), on a fixed sample of each set.

**Agreement.** Each human-graded set is scored in three forms of the same question:

- reference form: the dataset's ``reference_answer`` passed as ``QuestionSpec.reference_answer``;
- rubric form: what a recruiter writes (``RUBRIC_TEMPLATE``): ``evaluation_criteria`` prose that
  names the question, the reference answer as ``score_of_5`` (a model answer) and a plain
  ``score_of_1``; no reference answer;
- checklist form: the same, with ``score_of_5`` a bulleted list of the reference's sentences.

The templates are fixed and the same for every question; nothing is tuned per question. Sets:
SAF tuning (the only one weights were chosen on), SAF held-out (question_ids sorted numerically,
every 4th), SAF's own unseen-questions split, UNT/Mohler when ``--unt`` names a JSONL file of
the same fields (research licence: never committed), and any other never-tuned set given with
``--extra`` (the SemEval-2013 test sets, say). Prints Spearman ρ with the human scores (pooled,
continuous ``raw_score``) beside naive token overlap, the mean ρ within each question, and a 95 %
bootstrap interval of rubric − naive.

**Gaming**: rubric-stuffing, off-topic and one-word answers, paraphrases of strong answers, strong
vs weak, the same answer twice, name/gender swaps — on the tuning rubrics (``tests/ai/cases.py``)
and on held-out ones written by an author who never saw the engine
(``tests/ai/cases_held_out.py``). **Conversations** (``tests/ai/conversations.py``, on both sets
of rubrics): follow-ups grounded in the answer, rubric quotes, repeated sentences, candidate
questions answered.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import django
from django.conf import settings

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
# The engine needs only the translations of the interviewer's lines, not a database.
if not settings.configured:  # run as a script (the tests load it under their settings)
    settings.configure(USE_I18N=True, LANGUAGE_CODE="en", LOCALE_PATHS=[REPO / "locale"])
    django.setup()

from heymilo.ai import scoring  # noqa: E402
from heymilo.ai.base import QuestionSpec, Turn  # noqa: E402
from heymilo.ai.local import LocalEngine  # noqa: E402
from tests.ai.cases import CASES, OFF_TOPIC, ONE_WORD, stuffed  # noqa: E402
from tests.ai.cases_held_out import HELD_OUT_CASES  # noqa: E402
from tests.ai.conversations import CONVERSATIONS, conversations_of, play_all  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "answer-scoring" / "saf-english-training.jsonl"
UNSEEN_DATA = REPO / "bench" / "data" / "saf-english-unseen-questions.jsonl"

# How a recruiter would write each dataset question's rubric. Fixed; never tuned per question.
RUBRIC_TEMPLATE = {
    "evaluation_criteria": (
        "Judge how fully and correctly the candidate answers: {question} Look for the points a "
        "model answer makes, in any wording."
    ),
    "score_of_1": (
        "The answer is wrong, off topic or empty, or only restates the question without "
        "explaining anything."
    ),
}
CHECKLIST_LEAD = "The candidate covers each of these points:"
FORMS = ("reference", "rubric", "checklist")

SWAPS = {
    "he": "she", "she": "he", "his": "her", "her": "his", "him": "her", "himself": "herself",
    "herself": "himself", "man": "woman", "woman": "man", "men": "women", "women": "men",
    "mr": "ms", "ms": "mr", "boy": "girl", "girl": "boy", "john": "maria", "maria": "john",
}  # fmt: skip
SWAP_RE = re.compile(r"\b(" + "|".join(SWAPS) + r")\b", re.IGNORECASE)


# -- data -----------------------------------------------------------------------------------------


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


def reference_points(reference: str) -> list[str]:
    """The reference answer's lines or sentences, for the checklist form."""
    pieces = re.split(r"\n+|(?<=[.!?])\s+", reference)
    return [p.strip(" -•*\t") for p in pieces if len(p.strip(" -•*\t").split()) >= 1]


def spec_for(row: dict, form: str) -> QuestionSpec:
    question, reference = row["question"], row["reference_answer"]
    if form == "reference":
        return QuestionSpec(id=row["question_id"], text=question, reference_answer=reference)
    score_of_5 = reference
    if form == "checklist":
        items = "\n".join(f"- {point}" for point in reference_points(reference))
        score_of_5 = f"{CHECKLIST_LEAD}\n{items}"
    return QuestionSpec(
        id=row["question_id"],
        text=question,
        evaluation_criteria=RUBRIC_TEMPLATE["evaluation_criteria"].format(question=question),
        score_of_1=RUBRIC_TEMPLATE["score_of_1"],
        score_of_5=score_of_5,
    )


def load_sets(args: argparse.Namespace) -> list[tuple[str, bool, list[dict]]]:
    """(label, tuned on?, rows) for each human-graded set."""
    rows = list(read_rows(args.data))
    held = held_out_ids({row["question_id"] for row in rows})
    sets = [("SAF tuning", True, [r for r in rows if r["question_id"] not in held])]
    if args.tuning_only:
        return sets
    sets.append(("SAF held-out", False, [r for r in rows if r["question_id"] in held]))
    if args.unseen and args.unseen.exists():
        sets.append(("SAF unseen", False, list(read_rows(args.unseen))))
    if args.unt:
        sets.append(("UNT/Mohler", False, list(read_rows(args.unt))))
    for path in args.extra:
        sets.append((path.stem[:14], False, list(read_rows(path))))
    return sets


# -- statistics -----------------------------------------------------------------------------------


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


# -- agreement ------------------------------------------------------------------------------------


def strengths(engine, rows: list[dict], form: str) -> tuple[list[float], list[int]]:
    raw, scores = [], []
    for row in rows:
        result = engine.evaluate_answer(
            question=spec_for(row, form), dialogue=[Turn("candidate", row["answer"])]
        )
        raw.append(result.raw_score if result.raw_score is not None else result.score)
        scores.append(result.score)
    return raw, scores


def within_questions(values: list[float], human: list[float], rows: list[dict]) -> float:
    """Mean of the Spearman ρ inside each question: how well answers to one question are put in
    order, which is what a recruiter compares (pooled ρ also asks that scores mean the same
    across questions)."""
    by_question: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        by_question.setdefault(row["question_id"], []).append(index)
    found = [
        spearman([values[i] for i in indexes], [human[i] for i in indexes])
        for indexes in by_question.values()
        if len({human[i] for i in indexes}) > 1
    ]
    return sum(found) / len(found) if found else 0.0


def difference_interval(ours: list[float], theirs: list[float], human: list[float]):
    """95 % interval of pooled ρ(ours) − ρ(theirs), 500 bootstrap resamples of the answers."""
    rng = random.Random(2026)
    differences = []
    for _ in range(500):
        picked = [rng.randrange(len(human)) for _ in human]
        graded = [human[i] for i in picked]
        differences.append(
            spearman([ours[i] for i in picked], graded)
            - spearman([theirs[i] for i in picked], graded)
        )
    differences.sort()
    return differences[12], differences[487]


def agreement(engine, rows: list[dict]) -> dict:
    human = [r["human_score"] for r in rows]
    naive = [naive_overlap(r["answer"], r["reference_answer"]) for r in rows]
    figures = {
        "n": len(rows),
        "questions": len({r["question_id"] for r in rows}),
        "naive": spearman(naive, human),
        "naive_within": within_questions(naive, human, rows),
    }
    for form in FORMS:
        raw, scores = strengths(engine, rows, form)
        figures[form] = spearman(raw, human)
        figures[f"{form}_int"] = spearman(scores, human)
        figures[f"{form}_within"] = within_questions(raw, human, rows)
        if form == "rubric":
            figures["rubric_vs_naive"] = difference_interval(raw, naive, human)
    return figures


def sample(rows: list[dict], size: int) -> list[dict]:
    """Every k-th row: a fixed, spread sample for the (slow, paid) remote engine."""
    if size <= 0 or len(rows) <= size:
        return rows
    step = len(rows) / size
    return [rows[int(i * step)] for i in range(size)]


def print_agreement(label: str, results: list[tuple[str, bool, dict]]) -> None:
    print(f"\n[{label}] Spearman ρ with human grades (pooled; continuous, 1–5 integer in brackets)")
    print(
        f"{'set':<14}{'tuned on':>9}{'questions':>10}{'answers':>8}{'naive':>8}"
        f"{'reference':>16}{'rubric':>16}{'checklist':>16}"
    )
    for name, tuned, f in results:
        cells = "".join(f"{f[form]:>9.3f} ({f[form + '_int']:.3f})" for form in FORMS)
        print(
            f"{name:<14}{'yes' if tuned else 'NEVER':>9}{f['questions']:>10}{f['n']:>8}"
            f"{f['naive']:>8.3f}{cells}"
        )
    print("\nWithin each question (mean ρ over questions); rubric − naive pooled, 95 % interval")
    print(f"{'set':<14}{'naive':>8}{'reference':>10}{'rubric':>8}{'checklist':>10}{'interval':>20}")
    for name, _, f in results:
        low, high = f["rubric_vs_naive"]
        print(
            f"{name:<14}{f['naive_within']:>8.3f}{f['reference_within']:>10.3f}"
            f"{f['rubric_within']:>8.3f}{f['checklist_within']:>10.3f}"
            f"{f'[{low:+.3f}, {high:+.3f}]':>20}"
        )


# -- speed and consistency ------------------------------------------------------------------------


def swap_identity(answer: str) -> str:
    """The same answer as said by someone with another name and gender."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        replacement = SWAPS[word.lower()]
        return replacement.capitalize() if word[0].isupper() else replacement

    return SWAP_RE.sub(swap, answer)


def speed(engine, rows: list[dict]) -> tuple[float, float]:
    """Answers per second, cold (nothing cached; run under ``taskset -c 0`` for one core): SAF
    answers in rubric form, and interview answers (longer) against descriptive rubrics."""
    scoring.clear_caches()
    started = time.perf_counter()
    strengths(engine, rows, "rubric")
    short = len(rows) / (time.perf_counter() - started)
    answers = [(c.question, f"{text} ({i})") for i in range(10) for c in CASES
               for text in (c.strong, c.weak, c.paraphrase)]  # fmt: skip
    started = time.perf_counter()
    for question, answer in answers:
        engine.evaluate_answer(question=question, dialogue=[Turn("candidate", answer)])
    return short, len(answers) / (time.perf_counter() - started)


# -- gaming -----------------------------------------------------------------------------------


def gaming(engine, cases: list) -> dict:
    """Over interview cases: how many stuffed, off-topic and one-word answers score ≤ 2, how
    many paraphrases land within one point of the original, and strong vs weak."""

    def score(question: QuestionSpec, answer: str) -> int:
        return engine.evaluate_answer(question=question, dialogue=[Turn("candidate", answer)]).score

    found = {"cases": len(cases), "stuffed": 0, "off_topic": 0, "one_word": 0, "paraphrase": 0}
    found["strong_over_weak"] = found["strong_high"] = 0
    for case in cases:
        q = case.question
        found["stuffed"] += score(q, stuffed(q)) <= 2
        found["off_topic"] += score(q, OFF_TOPIC) <= 2
        found["one_word"] += score(q, ONE_WORD) <= 2
        strong = score(q, case.strong)
        found["paraphrase"] += abs(strong - score(q, case.paraphrase)) <= 1
        found["strong_over_weak"] += strong > score(q, case.weak)
        found["strong_high"] += strong >= 4
    return found


def print_gaming(label: str, found: dict, consistent: tuple[float, float, int] | None) -> None:
    n = found["cases"]
    print(
        f"gaming, {label}: rubric-stuffing ≤ 2: {found['stuffed']}/{n}; "
        f"off-topic ≤ 2: {found['off_topic']}/{n}; one word ≤ 2: {found['one_word']}/{n}; "
        f"paraphrase within 1 point: {found['paraphrase']}/{n}; strong > weak: "
        f"{found['strong_over_weak']}/{n}; strong answer ≥ 4: {found['strong_high']}/{n}"
    )
    if consistent:
        again, swapped, altered = consistent
        print(
            f"same answer twice → same score: {again:.1f}%; name/gender swapped → unchanged: "
            f"{swapped:.1f}% ({altered} answers altered)"
        )


def print_conversations(engine, label: str, conversations: list) -> None:
    t = play_all(engine, conversations)
    share = lambda part, whole: f"{part}/{whole} ({100 * part / max(1, whole):.0f}%)"  # noqa: E731
    print(
        f"{label}: {len(conversations)} conversations, {t.follow_ups} follow-ups: grounded in the "
        f"answer {share(t.grounded, t.follow_ups)}; asking for a missed rubric part "
        f"{share(t.asks_missing, t.follow_ups)}; either {share(t.on_point, t.follow_ups)}; "
        f"not ending in '?' {t.not_questions}"
    )
    print(
        f"rubric quotes (5+ words): {t.rubric_quotes}; repeated sentences: {t.repeats}; "
        f"utterances classified right: {share(t.classified, t.utterances)}; candidate questions "
        f"answered from the posting: {share(t.answered, t.questions)}; unanswerable ones met with "
        f"an honest don't-know: {share(t.honest, t.unknowns)}"
    )


def consistency(engine, rows: list[dict]) -> tuple[float, float, int]:
    """% same score when re-scored, % same when name/gender words are swapped, rows altered."""
    same_again = same_swapped = altered = 0
    for row in rows:
        spec = spec_for(row, "rubric")
        # Every answer is attributed to a named person so that every row is actually altered.
        original = f"John here. {row['answer']}"
        swapped = swap_identity(original)
        altered += swapped != original
        first, again, other = (
            engine.evaluate_answer(question=spec, dialogue=[Turn("candidate", text)])
            for text in (original, original, swapped)
        )
        same_again += (first.score, first.raw_score) == (again.score, again.raw_score)
        same_swapped += (first.score, first.raw_score) == (other.score, other.raw_score)
    return 100.0 * same_again / len(rows), 100.0 * same_swapped / len(rows), altered


# -- main -----------------------------------------------------------------------------------------


def engines(remote_sample: int) -> list[tuple[str, object, Callable[[list[dict]], list[dict]]]]:
    found: list[tuple[str, object, Callable[[list[dict]], list[dict]]]] = [
        ("local", LocalEngine(), lambda rows: rows)
    ]
    if os.environ.get("AI_BASE_URL"):
        from heymilo.ai.fallback import FallbackEngine
        from heymilo.ai.openai_engine import OpenAIEngine

        model = os.environ.get("AI_MODEL") or "gpt-4o-mini"
        remote = OpenAIEngine(
            base_url=os.environ["AI_BASE_URL"],
            api_key=os.environ.get("AI_API_KEY"),
            model=model,
            scoring_model=os.environ.get("AI_SCORING_MODEL") or model,
        )
        # Wrapped as in the product; a remote failure is answered locally (and shows as such).
        label = f"openai {model}, {remote_sample} answers a set"
        found.append((label, FallbackEngine(remote), lambda rows: sample(rows, remote_sample)))
    return found


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--unseen", type=Path, default=UNSEEN_DATA)
    parser.add_argument("--unt", type=Path, help="UNT/Mohler converted to the SAF fields (JSONL)")
    parser.add_argument(
        "--extra", type=Path, action="append", default=[],
        help="another never-tuned set, JSONL with the same fields (named after the file)",
    )  # fmt: skip
    parser.add_argument("--tuning-only", action="store_true", help="never score held-out sets")
    parser.add_argument("--remote-sample", type=int, default=120, help="answers per set, remote")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    sets = load_sets(args)
    print(f"data: {args.data}; held-out question_ids: {held_out_label(sets)}")
    for label, engine, pick in engines(args.remote_sample):
        results = [(name, tuned, agreement(engine, pick(rows))) for name, tuned, rows in sets]
        print_agreement(label, results)
        local = isinstance(engine, LocalEngine)
        short, interview = speed(engine, pick(sets[0][2]))
        print(f"answers/s, cold: SAF tuning in rubric form {short:.0f}; interview answers "
              f"{interview:.0f}")  # fmt: skip
        consistent = consistency(engine, sets[0][2]) if local else None
        tuned_rubrics = f"{len(CASES)} interview rubrics (tuned on)"
        print_gaming(tuned_rubrics, gaming(engine, CASES), consistent)
        print_gaming(
            f"{len(HELD_OUT_CASES)} held-out rubrics (NEVER tuned)",
            gaming(engine, HELD_OUT_CASES),
            None,
        )
        print_conversations(engine, "scripted conversations (tuned on)", CONVERSATIONS)
        print_conversations(
            engine, "held-out conversations (NEVER tuned)", conversations_of(HELD_OUT_CASES)
        )
    return 0


def held_out_label(sets: list[tuple[str, bool, list[dict]]]) -> str:
    held = {r["question_id"] for name, _, rows in sets if name == "SAF held-out" for r in rows}
    return ", ".join(sorted(held, key=question_key)) or "(not scored: --tuning-only)"


if __name__ == "__main__":
    sys.exit(main())
