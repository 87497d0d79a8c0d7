from machina.apps.forum_permission.models import *  # noqa: F403
