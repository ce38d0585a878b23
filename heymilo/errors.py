"""The one error services raise: a rule of the domain refused what was asked.

Services raise `Invalid` (the input breaks a rule) or `Conflict` (the object's state does not
allow it now). Each surface maps them once: the API to its envelope (422 / 409,
`heymilo.api.errors`), the dashboards to a message on the form or the page
(`heymilo.dashboard.reported`), the candidate's pages and websocket to their error message.
"""


class DomainError(Exception):
    """`code` is stable for machines, `message` is for people, `param` names the field at fault."""

    def __init__(self, code: str, message: str, *, param: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.param = param


class Invalid(DomainError):
    """The input breaks a rule of the domain."""


class Conflict(DomainError):
    """The object's state does not allow this now."""
