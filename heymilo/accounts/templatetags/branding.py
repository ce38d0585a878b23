"""A workspace's brand on candidates' pages: its logo (a signed, expiring link) and colour."""

from django import template

from heymilo.accounts.branding import brand_color
from heymilo.files import signed_url

register = template.Library()


@register.filter
def logo_url(workspace) -> str | None:
    return signed_url(workspace.logo.name) if workspace.logo else None


@register.filter
def brand(workspace) -> str:
    return brand_color(workspace)
