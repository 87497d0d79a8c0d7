"""The header's "Consultations" link, for whoever may enter the area
(``rules.may_enter_area``): members, consultants (members or not) and the
director. A tag of this app, so that the layout asks consultations' own rule
and community knows nothing of it.

The link goes where the person's work is: the director to the case board, a
member to their consultations, a consultant who is not a member to their
offers and cases.
"""

from django import template
from django.urls import reverse

from community.roles import is_director
from consultations import payment_gate, rules

register = template.Library()


@register.inclusion_tag("consultations/_nav_link.html", takes_context=True)
def consultations_nav_link(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not rules.may_enter_area(user):
        return {"show": False}
    if is_director(user):
        url = reverse("consultations:board")
    elif rules.may_request(user):
        url = reverse("consultations:mine")
    else:
        url = reverse("consultations:reviewer")
    return {
        "show": True,
        "url": url,
        "current": request.path.startswith(reverse("consultations:mine")),
    }


@register.simple_tag
def payment_step_url(case) -> str | None:
    """Where the requester chooses who pays ("Pay to send"), if anywhere."""
    return payment_gate.payment_step_url(case)


@register.simple_tag(takes_context=True)
def works_here_without_membership(context) -> bool:
    """A consultant who is not a member: the header offers them no Join."""
    user = getattr(context.get("request"), "user", None)
    return rules.may_enter_area(user) and not rules.may_request(user)
