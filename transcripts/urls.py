app_name = "transcripts"

urlpatterns: list = []
