from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    label = "courses"
    verbose_name = "Course and videos"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses import data_rights

        data_rights.register()
