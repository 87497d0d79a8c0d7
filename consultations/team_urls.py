"""Placeholder: filled in by its stage."""

urlpatterns = []
