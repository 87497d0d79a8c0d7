from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from machina import urls as machina_urls
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.access import member_only_urls
from community.views import unsubscribe as unsubscribe_views
from community.views.errors import site_login_redirect
from community.views.home import home
from courses.urls import certificate_patterns, document_patterns, learning_patterns
from forum import teasers as forum_teasers
from transcripts import views as transcript_views

urlpatterns = [
    path("", home, name="home"),
    # One sign-in for everyone, with its rate limits and two-factor step: the two
    # admins' own login forms would bypass both.
    path("django-admin/login/", site_login_redirect),
    path("cms/login/", site_login_redirect),
    path("_util/login/", site_login_redirect),  # Wagtail's front-end login form
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(document_patterns)),  # courses: ranges, nginx
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("account/", include("community.account_urls")),
    path("account/", include("directory.account_urls")),
    path("account/licences/", include("directory.licence_urls")),
    path("account/transcript/", include("transcripts.urls")),
    path("", include("memberships.urls")),
    path("forum/", include("forum.urls")),
    path(
        "forum/",
        include(
            member_only_urls(
                list(machina_urls.urlpatterns), teasers=forum_teasers.MACHINA_TEASERS
            )
        ),
    ),
    path("sessions/", include("sessions.urls")),
    path("learning/", include((learning_patterns, "courses"))),
    # A transcript's code is checked at the certificates' address; other codes
    # fall through to the certificate check (transcripts.views.verify).
    path(
        "certificates/<str:code>/",
        transcript_views.verify,
        name="transcripts-verify",
    ),
    path("certificates/", include((certificate_patterns, "certificates"))),
    path("consultations/", include("consultation_billing.urls")),
    path("consultations/", include("consultation_calls.urls")),
    path("notifications/", include("notifications.urls")),
    path("announcements/", include("announcements.urls")),
    path("members/licences/", include("directory.licence_review_urls")),
    path("members/", include("directory.urls")),
    path("referrals/", include("referrals.urls")),
    path(
        "email/unsubscribe/<str:token>/",
        unsubscribe_views.unsubscribe_view,
        name="unsubscribe",
    ),
    path("consultations/", include("consultations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's catch-all comes last.
urlpatterns += [path("", include(wagtail_urls))]

handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = "django.views.defaults.server_error"
