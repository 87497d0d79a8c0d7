from django.urls import path

app_name = "transcripts"

urlpatterns: list = []
