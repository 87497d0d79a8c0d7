"""The course and the video library as Wagtail pages, and each member's progress.

Pages hold what the director writes and decide who may see it (``serve`` asks the
one access rule). Progress and certificates are plain rows that keep a snapshot
of titles and minutes and point at pages with SET_NULL: moving or deleting pages
in the admin never breaks what a member has done or been issued.
"""

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from community import access
from courses.admin_forms import VideoPageForm
from courses.blocks import LessonBodyBlock

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def format_hours(minutes: int, *, places: int = 1) -> Decimal:
    """Minutes as hours: one decimal, the way certificates state them; the CE
    transcript asks for two, so that 75 minutes reads 1.25 and rows add up."""
    step = Decimal(1).scaleb(-places)
    return (Decimal(minutes) / 60).quantize(step, rounding=ROUND_HALF_UP)


class MemberOnlyPage(Page):
    """A page whose content is for members: anyone else is sent to sign in or Join."""

    # What a refused visitor is told this is, with the (director's) title.
    members_only_heading = "This page is for members"

    class Meta:
        abstract = True

    def members_only_teaser(self) -> access.MembersOnly:
        return access.MembersOnly(heading=self.members_only_heading, title=self.title)

    def serve(self, request, *args, **kwargs):
        if not access.has_member_access(request.user):
            return access.refuse(request, teaser=self.members_only_teaser())
        if not getattr(request, "is_preview", False):  # an editor's preview
            self.member_viewed(request)
        return super().serve(request, *args, **kwargs)

    def member_viewed(self, request) -> None:
        """Called when a member opens the page; lessons remember it."""


class SectionIndexPage(Page):
    """A public section front under the landing page: /course/, /videos/."""

    intro = RichTextField(blank=True, features=INTRO_FEATURES)

    max_count = 1
    parent_page_types = ["community.HomePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True


class CourseIndexPage(SectionIndexPage):
    """``/course/``: every course, with the member's progress in each."""

    subpage_types = ["courses.CoursePage"]
    template = "courses/course_index_page.html"
    admin_default_ordering = "ord"  # courses in the order /course/ shows them

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_outlines

        context = super().get_context(request, *args, **kwargs)
        context["outlines"] = course_outlines(index=self, user=request.user)
        context["is_member"] = access.has_member_access(request.user)
        return context


class CoursePage(Page):
    """A course: its outline and description are public, its lessons are not."""

    summary = models.TextField(
        max_length=400,
        help_text="A short public description, shown to visitors and in lists.",
    )
    intro = RichTextField(blank=True, features=INTRO_FEATURES)

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    # The CMS lists modules in course order (the page tree, which the editor
    # reorders), not by last edit as Wagtail does by default.
    admin_default_ordering = "ord"
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    template = "courses/course_page.html"

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(course=self, user=request.user)
        context["is_member"] = access.has_member_access(request.user)
        return context


class ModulePage(Page):
    """A chapter of a course. It has no page of its own: the course page shows it."""

    summary = models.TextField(blank=True, max_length=400)

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]
    admin_default_ordering = "ord"  # lessons in course order, as on CoursePage
    content_panels = [*Page.content_panels, FieldPanel("summary")]

    def serve(self, request, *args, **kwargs):
        course = self.get_parent()
        return redirect(f"{course.url}#module-{self.slug}")


class LessonPage(MemberOnlyPage):
    members_only_heading = "This lesson is for members"

    estimated_minutes = models.PositiveSmallIntegerField(
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="How long the lesson takes, in minutes; the course adds these up.",
    )
    body = StreamField(LessonBodyBlock(), blank=True)

    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    template = "courses/lesson_page.html"

    def member_viewed(self, request) -> None:
        from courses.services import lesson_viewed

        lesson_viewed(user=request.user, lesson=self)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(lesson=self, user=request.user))
        return context


class VideoIndexPage(SectionIndexPage):
    """``/videos/``: the library, newest first, with tag, length and search filters."""

    # The referral guide ("When to refer to psychiatry") lives in the library too.
    subpage_types = ["courses.VideoPage", "referrals.ReferralGuidePage"]
    template = "courses/video_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from courses.video_library import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(index=self, request=request))
        return context


class VideoPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.VideoPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class VideoPage(MemberOnlyPage):
    members_only_heading = "This video is for members"

    video_url = models.URLField(
        blank=True,
        help_text="The video on Vimeo or YouTube (or any address that shows it).",
    )
    media = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Or an uploaded file (MP4 or WebM plays in the page).",
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture shown in the library and before the video plays.",
    )
    description = RichTextField(blank=True, features=INTRO_FEATURES)
    speaker = models.CharField(max_length=160, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    recorded_on = models.DateField(default=timezone.localdate)
    tags = ClusterTaggableManager(through=VideoPageTag, blank=True)
    session = models.ForeignKey(
        "coaching_sessions.CoachingSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="videos",
        help_text="The coaching session this is the recording of, if any.",
    )

    parent_page_types = ["courses.VideoIndexPage"]
    subpage_types = []
    base_form_class = VideoPageForm  # the session picker in the director's zone
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldPanel("media"), FieldPanel("poster")],
            heading="Video",
        ),
        FieldPanel("description"),
        FieldPanel("speaker"),
        FieldPanel("duration_minutes"),
        FieldPanel("recorded_on"),
        FieldPanel("tags"),
        FieldPanel("session"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("speaker"),
        index.FilterField("duration_minutes"),
        index.FilterField("recorded_on"),
    ]
    template = "courses/video_page.html"

    def clean(self):
        super().clean()
        if not self.video_url and not self.media_id:
            raise ValidationError(
                {"video_url": "Give the video's address or upload the file."}
            )

    def get_context(self, request, *args, **kwargs):
        from courses.embeds import player_context
        from courses.video_player import video_page_context

        context = super().get_context(request, *args, **kwargs)
        if self.video_url and not self.plays_inline:
            context["video_block"] = {"url": self.video_url, "caption": ""}
            context.update(player_context(self.video_url))
        context.update(video_page_context(video=self, request=request))
        return context

    @property
    def plays_inline(self) -> bool:
        return bool(self.media and self.media.file_extension in {"mp4", "webm"})


class LessonProgress(models.Model):
    """One member's state in one lesson: viewed, and perhaps completed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        LessonPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="progress",
    )
    lesson_title = models.CharField(max_length=255)
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"],
                condition=Q(lesson__isnull=False),
                name="one_progress_per_member_and_lesson",
            )
        ]
        indexes = [models.Index(fields=["user", "-last_viewed_at"])]
        verbose_name_plural = "lesson progress"

    def __str__(self):
        return f"{self.user} – {self.lesson_title}"


class VideoWatch(models.Model):
    """A member finished a library video (or said so): the library marks it.

    Unlike lesson progress this is no record of study that must outlive the page:
    a mark for a deleted video would mark nothing, so it goes with the page.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="video_watches",
    )
    video = models.ForeignKey(
        VideoPage, on_delete=models.CASCADE, related_name="watches"
    )
    watched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "video"], name="one_watch_per_member_and_video"
            )
        ]

    def __str__(self):
        return f"{self.user} watched {self.video_id}"


# Unambiguous characters only (no 0/O, 1/I/L), so a code read aloud or typed works.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_certificate_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_certificate_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else code.upper()


class Certificate(models.Model):
    """Proof that a member completed a course, checkable by anyone with the code.

    Everything printed on it is copied here when it is issued, so it stays true
    whatever later happens to the course pages.
    """

    code = models.CharField(max_length=14, unique=True, default=new_certificate_code)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course = models.ForeignKey(
        CoursePage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    recipient_name = models.CharField(max_length=255)
    course_title = models.CharField(max_length=255)
    minutes = models.PositiveIntegerField()
    completed_on = models.DateField()
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(course__isnull=False),
                name="one_certificate_per_member_and_course",
            )
        ]

    def __str__(self):
        return f"{self.code}: {self.course_title}"

    @property
    def hours(self) -> Decimal:
        return format_hours(self.minutes)
