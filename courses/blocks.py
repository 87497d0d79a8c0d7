"""The blocks a lesson is written with in the Wagtail admin."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from courses.embeds import player_context

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


class VideoBlock(blocks.StructBlock):
    """A video from Vimeo, YouTube or any page that shows one.

    Not Wagtail's EmbedBlock: that one refuses to save when the provider cannot be
    reached. This one saves the address and, when the player cannot be fetched,
    shows a link card instead of an error.
    """

    url = blocks.URLBlock(
        label="Video address",
        help_text="The video's page on Vimeo or YouTube, or any address that shows it.",
    )
    caption = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "media"
        label = "Video"
        template = "courses/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.update(player_context(value["url"]))
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = "Download"
        template = "courses/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("caution", "Caution"), ("example", "Example")],
        default="tip",
    )
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = "Callout"
        template = "courses/blocks/callout.html"


class ReflectionBlock(blocks.StructBlock):
    intro = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text="A sentence before the questions, e.g. “Think of a current client.”",
    )
    questions = blocks.ListBlock(blocks.CharBlock(max_length=400), min_num=1)

    class Meta:
        icon = "openquote"
        label = "Reflection questions"
        template = "courses/blocks/reflection.html"


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow")
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    reflection = ReflectionBlock()
