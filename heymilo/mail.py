"""Mail to candidates, in the company's colours: a plain-text part (what was written) and an
HTML part with the company's logo and a button for the link; replies go to the company, and
mail clients can offer a one-click unsubscribe."""

from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import override

from heymilo.accounts.branding import brand_color
from heymilo.accounts.models import Workspace

LOGO_CID = "logo"


def mail_send(
    *,
    to: str,
    subject: str,
    text: str,
    workspace: Workspace,
    link: str = "",
    unsubscribe: str = "",
    language: str = "en",
) -> None:
    """Send now through the configured backend; SMTP errors propagate to the caller."""
    headers = {}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[workspace.reply_to_email] if workspace.reply_to_email else None,
        headers=headers,
    )
    logo = _logo(workspace)
    with override(language):
        html = render_to_string(
            "mail/message.html",
            {
                "text": text,
                "link": link,
                "company": workspace.company_name or workspace.name,
                "color": brand_color(workspace),
                "logo_cid": LOGO_CID if logo else "",
                "language": language,
            },
        )
    message.attach_alternative(html, "text/html")
    if logo:
        message.attach(logo)
    message.send()


def _logo(workspace: Workspace) -> MIMEImage | None:
    """The logo inline in the mail (a link to it would expire with its signature)."""
    if not workspace.logo:
        return None
    try:
        with workspace.logo.open("rb") as handle:
            image = MIMEImage(handle.read())
    except (OSError, TypeError):  # gone from storage, or not an image MIME knows
        return None
    image.add_header("Content-ID", f"<{LOGO_CID}>")
    image.add_header("Content-Disposition", "inline", filename="logo")
    return image
