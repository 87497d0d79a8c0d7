"""machina's permission middleware without its anonymous session.

machina gives every anonymous visitor a session (a database write per visit) so
that anonymous users can post; our forum is for members only, so visitors get
the permission handler and no session.
"""

from machina.core.loading import get_class

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")


class ForumPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated:
            request.user.forum_key = None
        request.forum_permission_handler = PermissionHandler()
        return self.get_response(request)
