"""The specialty list, kept by the admins (the director approves entries on
the site, at /referrals/review/)."""

from django.contrib import admin

from referrals.models import Specialty


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
