"""The rules of a workflow step's settings, as plain functions: the API's serializers, the
dashboard's forms and the services all check a step's `config` here.

A step's config rejects keys it does not know (a typo like `optinal` is not ignored), checks
each value's type and bounds, drops nulls ("the default"), and fills in the defaults. The guides
say `optional`, HeyMilo's v2 API says `mandatory`: one setting, two spellings, stored as
`optional`.
"""

import string
from collections.abc import Callable

from heymilo.errors import Invalid
from postings.models import DeliveryMode, WorkflowStep

INTERVIEW_TYPES = ["general", "technical", "cultural", "behavioral"]
Check = Callable[[object], object]  # returns the clean value or raises ValueError(message)


TRUE_WORDS = {"true", "t", "yes", "y", "on", "1"}
FALSE_WORDS = {"false", "f", "no", "n", "off", "0"}


def boolean(value):
    word = str(value).lower() if isinstance(value, str | int | float) else None
    if isinstance(value, bool):
        return value
    if word in TRUE_WORDS or value == 1:
        return True
    if word in FALSE_WORDS or value == 0:
        return False
    raise ValueError("Must be a valid boolean.")


def number(low: float, high: float, *, integer: bool = False) -> Check:
    wanted = "A valid integer is required." if integer else "A valid number is required."

    def check(value):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError(wanted)
        try:
            clean = float(value)
        except ValueError:
            raise ValueError(wanted) from None
        if integer and not clean.is_integer():
            raise ValueError(wanted)
        if not low <= clean <= high:  # NaN fails this too
            raise ValueError(f"Ensure this value is between {low:g} and {high:g}.")
        return int(clean) if integer else clean

    return check


def text(max_length: int) -> Check:
    def check(value):
        if not isinstance(value, str):
            raise ValueError("Not a valid string.")
        if len(value) > max_length:
            raise ValueError(f"Ensure this field has no more than {max_length} characters.")
        return value

    return check


def choice(options: list[str]) -> Check:
    def check(value):
        if value not in options:
            raise ValueError(f'"{value}" is not a valid choice.')
        return value

    return check


# What the interviewer tells the candidate, set on a posting and overridable per step.
OVERVIEW_SETTINGS: dict[str, Check] = {
    "instructions": text(20000),
    "company_overview": text(20000),
    "job_overview": text(20000),
    "interview_process_overview": text(20000),
    "company_overview_delivery_mode": choice(DeliveryMode.values),
    "job_overview_delivery_mode": choice(DeliveryMode.values),
    "interview_process_overview_delivery_mode": choice(DeliveryMode.values),
}
SETTINGS: dict[str, dict[str, Check]] = {
    WorkflowStep.Type.RESUME: {
        **OVERVIEW_SETTINGS,
        "optional": boolean,
        "mandatory": boolean,
        "knockout_enabled": boolean,
        "min_evaluation_score": number(0, 5),
    },
    WorkflowStep.Type.WEB_INTERVIEW: {
        **OVERVIEW_SETTINGS,
        "video": boolean,
        "num_questions": number(1, 20, integer=True),
        "interview_type": choice(INTERVIEW_TYPES),
        "voice_id": text(64),
        "min_evaluation_score": number(0, 100),
        # Seconds of silence that end a spoken answer (adapted to what was said: longer after
        # "and…", shorter after a finished sentence); unset means 0.7. docs/voice.md.
        "end_of_turn_silence": number(0.4, 3.0),
    },
}
DEFAULTS: dict[str, dict] = {
    WorkflowStep.Type.RESUME: {"optional": False, "knockout_enabled": True},
    WorkflowStep.Type.WEB_INTERVIEW: {
        "video": False,
        "num_questions": 5,
        "interview_type": "general",
    },
}


def step_config_errors(step_type: str, config) -> tuple[dict, dict[str, str]]:
    """(the clean config with its defaults, {setting: error}); errors empty when it is valid."""
    if config is None:
        config = {}
    if not isinstance(config, dict):
        return {}, {"": "Expected a JSON object of settings."}
    allowed = SETTINGS[step_type]
    clean, errors = {}, {}
    for name, value in config.items():
        if name not in allowed:
            errors[name] = f"Unknown setting. Allowed: {', '.join(sorted(allowed))}."
        elif value is not None:
            try:
                clean[name] = allowed[name](value)
            except ValueError as error:
                errors[name] = str(error)
    if step_type == WorkflowStep.Type.RESUME and not errors:
        mandatory = clean.pop("mandatory", None)
        if mandatory is not None and clean.get("optional", not mandatory) == mandatory:
            errors["optional"] = "Contradicts `mandatory`; send one of them."
        elif mandatory is not None:
            clean["optional"] = not mandatory
    return {**DEFAULTS[step_type], **clean}, errors


def step_config(step_type: str, config) -> dict:
    """The clean config with its defaults; the first problem raises Invalid naming the setting."""
    clean, errors = step_config_errors(step_type, config)
    for name, message in errors.items():
        raise Invalid("invalid", message, param=name or "config")
    return clean


def step_config_merged(step_type: str, current: dict, changes: dict) -> dict:
    """`changes` over `current`. A resume step's `mandatory` or `optional` replaces whichever
    of the two spellings the step had."""
    merged = {**current, **changes}
    if step_type == WorkflowStep.Type.RESUME and ("mandatory" in changes or "optional" in changes):
        merged.pop("optional" if "mandatory" in changes else "mandatory", None)
    return step_config(step_type, merged)


def follow_up_bounds_problem(low: int | None, high: int | None) -> str | None:
    """A question asks at least `min_follow_ups` and at most `max_follow_ups` follow-ups."""
    if low is not None and high is not None and low > high:
        return "max_follow_ups must be greater than or equal to min_follow_ups."
    return None


# The invitation mail: what a recruiter may write in its subject and body, and when reminders go.
PLACEHOLDERS = ("candidate_name", "company", "role", "link", "deadline")
MAX_REMINDERS = 2


def placeholders_problem(text: str) -> str | None:
    """Why a recruiter's subject or body cannot be filled in, if it cannot."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return "Braces must pair up: write {link}, or {{ and }} for a brace itself."
    unknown = sorted({name for name in names if name not in PLACEHOLDERS})
    if unknown:
        allowed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        return f"Unknown placeholder {{{unknown[0]}}}. Use {allowed}."
    return None


def outreach_problem(*, deadline_days: int | None, reminder_days: list[int]) -> str | None:
    """Reminders come before the deadline, at most two, on distinct days."""
    if len(reminder_days) > MAX_REMINDERS:
        return f"At most {MAX_REMINDERS} reminders."
    if len(set(reminder_days)) != len(reminder_days) or any(d < 1 for d in reminder_days):
        return "Reminder days must be different whole days after the invitation."
    if deadline_days is not None and any(d >= deadline_days for d in reminder_days):
        return "Reminders must come before the deadline."
    return None
