"""The site's URLs plus the floor page: the base layout, a signed-in member,
nothing else. Every page's latency is compared with it."""

from django.http import HttpResponse
from django.template import Template
from django.template.context import RequestContext
from django.urls import include, path

from community.access import member_required

FLOOR = Template(
    '{% extends "base.html" %}{% block title %}Floor{% endblock %}'
    "{% block content %}<h1>Floor</h1>{% endblock %}"
)


@member_required
def floor(request):
    return HttpResponse(FLOOR.render(RequestContext(request)))


urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("", include("community.urls")),
]
