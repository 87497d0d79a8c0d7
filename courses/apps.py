from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    label = "courses"
    verbose_name = "Course and videos"
    default_auto_field = "django.db.models.BigAutoField"
