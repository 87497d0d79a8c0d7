from django.urls import path

from transcripts import views

app_name = "transcripts"

# The public check of a code is mounted by community/urls.py, in front of the
# certificates' (transcripts.views.verify).
urlpatterns = [
    path("", views.page, name="page"),
    path("pdf/", views.issue, name="issue"),
    path("<str:code>.pdf", views.download, name="download"),
]
