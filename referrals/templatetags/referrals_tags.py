"""``{% psychiatry_links %}``: the guide and the directory, linked from another
app's page (the consultation report's psychiatric section) without that app
importing this one."""

from django import template

from referrals.setup import guide_url

register = template.Library()


@register.inclusion_tag("referrals/_psychiatric_links.html")
def psychiatry_links() -> dict:
    return {"guide_url": guide_url()}
