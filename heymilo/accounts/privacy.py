"""The privacy notice candidates read before they consent: the workspace's own words, or a
default that covers what NYC Local Law 144 asks a notice to say (an automated tool is used, what
it evaluates, what data is kept and for how long, how to ask for another process)."""

from django.template.loader import render_to_string


def privacy_notice(workspace, *, company: str, role: str = "") -> str:
    """The workspace's own notice, or the default one filled in for it."""
    if workspace.privacy_notice.strip():
        return workspace.privacy_notice
    return render_to_string(
        "privacy/default_notice.txt",
        {
            "company": company,
            "role": role,
            "retention_days": workspace.retention_days,
            "contact": workspace.privacy_contact,
        },
    ).strip()
