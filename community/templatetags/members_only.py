"""``{% members_only_teaser as teaser %}``: what the sign-in page's ``next``
address is (``community.teasers``)."""

from django import template

from community.teasers import teaser_for_next

register = template.Library()


@register.simple_tag(takes_context=True)
def members_only_teaser(context):
    request = context.get("request")
    if request is None:
        return None
    return teaser_for_next(request, request.GET.get("next"))
