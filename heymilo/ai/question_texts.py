"""The local question generator's wording. ``{title}``, ``{skill}``, ``{company}`` and
``{at_company}`` (" at BrightDesk", or nothing) are filled in by ``questions.py``. English is the
message id; Spanish, French, German and Portuguese are in ``locale/<code>/LC_MESSAGES/django.po``
under the context "questions"."""

from __future__ import annotations

from django.utils.translation import override, pgettext_lazy

# Translated when read (lazily), in the language `texts` is asked for.
TEXTS = {
    "a_new_hire": pgettext_lazy("questions", "a new hire"),
    "behavioral_noun": pgettext_lazy(
        "questions",
        "Tell me about a time your {skill} made a real difference. What was the situation, "
        "what did you do, and what was the result?",
    ),
    "behavioral_verb": pgettext_lazy(
        "questions",
        "Tell me about a time you had to {skill}. What was the situation, what did you do, and "
        "what was the result?",
    ),
    "situational_noun": pgettext_lazy(
        "questions",
        "Imagine you join us as {title} and your first week tests your {skill}. How would you "
        "approach it, step by step?",
    ),
    "situational_verb": pgettext_lazy(
        "questions",
        "Imagine you join us as {title} and in your first week you need to {skill}. How would "
        "you approach it, step by step?",
    ),
    "technical_noun": pgettext_lazy(
        "questions",
        "How do you put your {skill} to work day to day? Walk me through a concrete case.",
    ),
    "technical_verb": pgettext_lazy(
        "questions", "How do you {skill}? Walk me through a concrete case you handled."
    ),
    "skill_criteria": pgettext_lazy(
        "questions",
        "Assess the candidate's ability here: {skill}. Look for a specific example, the "
        "candidate's own actions, and a clear, preferably measurable, outcome.",
    ),
    "skill_score_of_1": pgettext_lazy(
        "questions", "Cannot give a relevant example or answers in vague generalities."
    ),
    "skill_score_of_5": pgettext_lazy(
        "questions",
        "Describes a detailed, relevant example ({skill}), explains their own actions and "
        "reasoning step by step, and reports a concrete result.",
    ),
    "motivation_company": pgettext_lazy(
        "questions", "Why are you interested in the {title} role at {company}?"
    ),
    "motivation": pgettext_lazy("questions", "Why are you interested in this {title} role?"),
    "motivation_criteria": pgettext_lazy(
        "questions",
        "Assess genuine motivation for the {title} role and understanding of what it involves.",
    ),
    "motivation_score_of_1": pgettext_lazy(
        "questions", "Generic answer with no connection to the role or company."
    ),
    "motivation_score_of_5": pgettext_lazy(
        "questions",
        "Shows genuine interest in the role, knowledge of the company and a clear link to "
        "their own experience and goals.",
    ),
    "at_company": pgettext_lazy("questions", " at {company}"),
    "role_questions": (
        pgettext_lazy(
            "questions",
            "What achievement from your work so far best prepares you to be our {title}?",
        ),
        pgettext_lazy(
            "questions",
            "Describe a time you had to learn something new quickly for a job like {title}. "
            "How did you do it?",
        ),
        pgettext_lazy(
            "questions",
            "Tell me about a disagreement with a colleague and how you resolved it. How would "
            "that help you as {title}?",
        ),
        pgettext_lazy(
            "questions",
            "Describe a mistake you made at work and what you changed afterwards. What would "
            "it teach you as {title}?",
        ),
        pgettext_lazy(
            "questions",
            "What would you want to have achieved after your first 90 days as {title}{at_company}?",
        ),
        pgettext_lazy(
            "questions",
            "Which part of the {title} role do you expect to be hardest, and how would you "
            "prepare for it?",
        ),
        pgettext_lazy(
            "questions", "How do you organise a busy week as {title} when several tasks are urgent?"
        ),
        pgettext_lazy(
            "questions",
            "Tell me about feedback that changed how you work. How would it shape you as {title}?",
        ),
    ),
    "role_criteria": pgettext_lazy(
        "questions",
        "Assess how the candidate's experience fits the {title} role. Look for a specific "
        "example, personal ownership and a clear outcome.",
    ),
    "role_score_of_1": pgettext_lazy(
        "questions", "No example, or blames others with no reflection."
    ),
    "role_score_of_5": pgettext_lazy(
        "questions", "Specific example, clear personal actions, measurable outcome and reflection."
    ),
    "aspects": (
        pgettext_lazy("questions", "customers"),
        pgettext_lazy("questions", "teamwork"),
        pgettext_lazy("questions", "tools"),
        pgettext_lazy("questions", "quality"),
        pgettext_lazy("questions", "priorities"),
        pgettext_lazy("questions", "growth"),
    ),
    "aspect_question": pgettext_lazy(
        "questions",
        "Thinking about {aspect} as {{title}}, what is one thing you would do differently from "
        "your last role, and why? (part {n})",
    ),
}


def texts(language: str) -> dict:
    """The wording in `language` (a supported code, see phrases.language_of)."""
    with override(language):
        return {
            key: tuple(str(item) for item in value) if isinstance(value, tuple) else str(value)
            for key, value in TEXTS.items()
        }
