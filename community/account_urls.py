from django.urls import path

from community.views import account

app_name = "account"

urlpatterns = [
    path("", account.profile, name="profile"),
    path("notifications/", account.notifications, name="notifications"),
    path("export/", account.data_export, name="export"),
    path("delete/", account.delete_account, name="delete"),
]
