from django.urls import path

from community.views import account, verification
from community.views.dashboard import start_here_dismiss_view

app_name = "account"

urlpatterns = [
    path("", account.profile, name="profile"),
    path("notifications/", account.notifications, name="notifications"),
    path("export/", account.data_export, name="export"),
    path("delete/", account.delete_account, name="delete"),
    path(
        "verification/send-again/",
        verification.send_again,
        name="verification-send-again",
    ),
    path("start-here/dismiss/", start_here_dismiss_view, name="start-here-dismiss"),
]
