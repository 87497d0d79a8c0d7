"""Documents (lesson downloads, uploaded videos) are member content too.

Wagtail runs this hook before it serves a document, and so does our own
document view (``courses.views.document_serve``, which answers at the same
address and does the serving itself).
"""

from wagtail import hooks

from community import access


@hooks.register("before_serve_document")
def documents_are_for_members(document, request):
    if not access.has_member_access(request.user):
        return access.refuse(request)
    return None
