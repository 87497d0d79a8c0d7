"""Documents (lesson downloads, uploaded videos) are member content too."""

from wagtail import hooks

from community import access


@hooks.register("before_serve_document")
def documents_are_for_members(document, request):
    if not access.has_member_access(request.user):
        return access.refuse(request)
    return None
