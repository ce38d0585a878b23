from django import template

from postings.ai_context import company_name

register = template.Library()


@register.filter
def company(posting) -> str:
    """The company candidates meet for this posting (the workspace's brand name, else its own)."""
    return company_name(posting)
