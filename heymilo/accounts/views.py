"""Recruiter accounts: log in by email, password reset, workspace switch, API keys, members."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from heymilo.accounts import services
from heymilo.accounts.access import SESSION_KEY, dashboard_view, require_owner
from heymilo.accounts.forms import (
    ApiKeyForm,
    BrandingForm,
    EmailLoginForm,
    MemberForm,
    PrivacyForm,
    RoleForm,
)
from heymilo.accounts.models import Workspace
from heymilo.accounts.privacy import privacy_notice
from heymilo.dashboard import reported


class LoginView(auth_views.LoginView):
    template_name = "dashboard/auth/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True
    next_page = "dashboard-home"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "dashboard/auth/password_reset_form.html"
    email_template_name = "dashboard/auth/password_reset_email.txt"
    subject_template_name = "dashboard/auth/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        # The link's base is PUBLIC_URL, never the request's Host header, which the client
        # chooses: a forged Host would otherwise mail the victim a link to the forger's site.
        return {
            "public_url": settings.PUBLIC_URL,
            "valid_days": round(settings.PASSWORD_RESET_TIMEOUT / 86400),
        }


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "dashboard/auth/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "dashboard/auth/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "dashboard/auth/password_reset_complete.html"


def home(request):
    """The site's root: the dashboard for a recruiter who is signed in, else the login."""
    return redirect("dashboard-home" if request.user.is_authenticated else "login")


@dashboard_view
def dashboard_home(request):
    return redirect("postings-list")


@require_POST
@dashboard_view(viewers_may_post=True)
def workspace_switch(request):
    wanted = request.POST.get("workspace", "")
    if any(m.workspace.public_id == wanted for m in request.access.memberships):
        request.session[SESSION_KEY] = wanted
    return redirect("dashboard-home")


@dashboard_view
def api_keys(request):
    # A key has the whole API's power over the workspace: only its owners hand them out.
    refusal = require_owner(request)
    if refusal:
        return refusal
    form, raw_key = ApiKeyForm(request.POST or None), None
    if request.method == "POST" and form.is_valid():
        api_key, raw_key = services.api_key_create(
            workspace=request.workspace, name=form.cleaned_data["name"]
        )
        services.audit_record(
            workspace=request.workspace,
            actor=request.access.actor,
            action="api_key_created",
            target=api_key.prefix,
        )
        form = ApiKeyForm()
    keys = request.workspace.api_keys.order_by("-created_at")
    context = {
        "form": form,
        "raw_key": raw_key,
        "keys": keys,
        "section": "api-keys",
        "nav": "settings",
    }
    return render(request, "dashboard/settings/api_keys.html", context)


@require_POST
@dashboard_view
def api_key_revoke(request, key_id: int):
    refusal = require_owner(request)
    if refusal:
        return refusal
    api_key = get_object_or_404(request.workspace.api_keys, pk=key_id)
    services.api_key_revoke(api_key=api_key)
    services.audit_record(
        workspace=request.workspace,
        actor=request.access.actor,
        action="api_key_revoked",
        target=api_key.prefix,
    )
    messages.success(request, f"The key {api_key.name} ({api_key.prefix}…) is revoked.")
    return redirect("settings-api-keys")


@dashboard_view
def members(request):
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        refusal = require_owner(request)
        if refusal:
            return refusal
        if form.is_valid():
            services.membership_add(
                workspace=request.workspace, actor=request.access.actor, **form.cleaned_data
            )
            messages.success(
                request,
                f"{form.cleaned_data['email']} is a member; an invitation to sign in is on its "
                "way by email.",
            )
            return redirect("settings-members")
    rows = request.workspace.memberships.select_related("user").order_by("user__email")
    context = {
        "form": form,
        "rows": rows,
        "section": "members",
        "roles": RoleForm(),
        "nav": "settings",
    }
    return render(request, "dashboard/settings/members.html", context)


@require_POST
@dashboard_view
def member_update(request, membership_id: int):
    refusal = require_owner(request)
    if refusal:
        return refusal
    membership = get_object_or_404(request.workspace.memberships, pk=membership_id)
    actor = request.access.actor
    with reported(request):
        if request.POST.get("action") == "remove":
            services.membership_remove(membership=membership, actor=actor)
        else:
            form = RoleForm(request.POST)
            if form.is_valid():
                services.membership_set_role(
                    membership=membership, role=form.cleaned_data["role"], actor=actor
                )
    return redirect("settings-members")


@dashboard_view
def privacy(request):
    """Retention and the candidates' privacy notice: everyone sees them, owners change them."""
    workspace = request.workspace
    initial = {
        "retention_days": workspace.retention_days,
        "privacy_contact": workspace.privacy_contact,
        "privacy_notice": workspace.privacy_notice,
    }
    form = PrivacyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        refusal = require_owner(request)
        if refusal:
            return refusal
        if form.is_valid():
            services.workspace_privacy_update(
                workspace=workspace,
                retention_days=form.cleaned_data["retention_days"],
                contact=form.cleaned_data["privacy_contact"],
                notice=form.cleaned_data["privacy_notice"],
                actor=request.access.actor,
            )
            messages.success(request, "Privacy settings saved.")
            return redirect("settings-privacy")
    default = privacy_notice(Workspace(**{**initial, "privacy_notice": ""}), company=workspace.name)
    context = {"form": form, "default_notice": default, "section": "privacy", "nav": "settings"}
    return render(request, "dashboard/settings/privacy.html", context)


@dashboard_view
def branding(request):
    """How candidates meet the company: everyone sees it, owners change it."""
    workspace = request.workspace
    initial = {name: getattr(workspace, name) for name in services.BRANDING_FIELDS}
    form = BrandingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        refusal = require_owner(request)
        if refusal:
            return refusal
        if form.is_valid():
            upload = form.cleaned_data["logo"]
            with reported(request, form):
                services.workspace_branding_update(
                    workspace=workspace,
                    fields=dict(form.cleaned_data),
                    logo=upload.read() if upload else None,
                    remove_logo=form.cleaned_data["remove_logo"],
                    actor=request.access.actor,
                )
                messages.success(request, "Branding saved.")
                return redirect("settings-branding")
    context = {"form": form, "section": "branding", "nav": "settings", "workspace": workspace}
    return render(request, "dashboard/settings/branding.html", context)
