"""The dashboard's one access helper: who is asking, in which workspace, and may they write.

Every dashboard view is wrapped in `dashboard_view`; it sets `request.access` and
`request.workspace`, and every query of the view goes through `request.workspace`. Viewers are
refused every non-GET request here, once, rather than in each view.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from heymilo.accounts.models import Membership, Workspace

SESSION_KEY = "workspace_public_id"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
VIEWER_REFUSAL = "Viewers can look but not change anything in this workspace."


@dataclass
class Access:
    membership: Membership
    memberships: list[Membership]

    @property
    def workspace(self) -> Workspace:
        return self.membership.workspace

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def can_edit(self) -> bool:
        return self.role != Membership.Role.VIEWER

    @property
    def is_owner(self) -> bool:
        return self.role == Membership.Role.OWNER

    @property
    def actor(self) -> str:
        return f"user:{self.membership.user.email or self.membership.user.username}"


def access_for(request) -> Access | None:
    """The user's membership in the workspace chosen in the session (else their first)."""
    memberships = list(
        request.user.memberships.select_related("workspace", "user").order_by("workspace__name")
    )
    if not memberships:
        return None
    chosen = request.session.get(SESSION_KEY)
    current = next((m for m in memberships if m.workspace.public_id == chosen), memberships[0])
    return Access(membership=current, memberships=memberships)


def refuse(request, message: str, status: int = 403):
    if wants_json(request):
        return JsonResponse({"error": {"code": "forbidden", "message": message}}, status=status)
    return render(request, "dashboard/refused.html", {"message": message}, status=status)


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "") or (
        request.content_type == "application/json"
    )


def dashboard_view(view=None, *, viewers_may_post: bool = False):
    """Log-in required; scope to the current workspace; refuse viewers' writes (403)."""

    def decorate(func):
        @login_required
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            access = access_for(request)
            if access is None:
                return refuse(request, "Your account is not a member of any workspace yet.")
            request.access, request.workspace = access, access.workspace
            if request.method not in SAFE_METHODS and not access.can_edit and not viewers_may_post:
                return refuse(request, VIEWER_REFUSAL)
            return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view else decorate


def require_owner(request):
    """None when the user owns the workspace, else the refusal to return."""
    if request.access.is_owner:
        return None
    return refuse(request, "Only the workspace's owners can do this.")
