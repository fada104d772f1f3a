"""StreamField blocks shared by every page type of the site.

Each block renders with its own template under `home/templates/home/blocks/` and validates what an editor
can get wrong, so the error shows next to the field in the admin.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from home.validators import phone_validator

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
API_RENDITIONS = {"medium": "max-800x800", "large": "max-1600x1600"}


def image_api(image, alt=None, decorative=False):
    """An image for API consumers: id, alt text and renditions they can put straight into <img srcset>."""
    if image is None:
        return None
    data = {
        "id": image.pk,
        "title": image.title,
        "alt": "" if decorative else (alt if alt is not None else getattr(image, "contextual_alt_text", "")),
        "decorative": decorative,
        "width": image.width,
        "height": image.height,
        "renditions": {},
    }
    try:
        renditions = image.get_renditions(*API_RENDITIONS.values())
    except (OSError, ValueError):  # the original file is missing or unreadable: no renditions
        return data
    for name, spec in API_RENDITIONS.items():
        rendition = renditions[spec]
        data["renditions"][name] = {
            "url": rendition.full_url,
            "width": rendition.width,
            "height": rendition.height,
        }
    return data


def page_api(page):
    """A page link for API consumers: id, title and public address."""
    if page is None:
        return None
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    return {"id": page.pk, "title": page.title, "html_url": page.full_url}


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline correct for screen readers."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading.html"


class FigureBlock(blocks.StructBlock):
    """An image with alt text (required unless marked decorative), optional caption and credit."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/figure.html"

    def get_api_representation(self, value, context=None):
        image = value.get("image")
        return {
            "image": image_api(image, decorative=bool(getattr(image, "decorative", False))),
            "caption": value.get("caption", ""),
            "credit": value.get("credit", ""),
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box leading the reader to a page of this site or to an external address."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page or an external address, not both or neither.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["page"] = page_api(value.get("page"))
        return data


class VideoEmbedBlock(blocks.StructBlock):
    """An embedded video or map; the title names the frame for screen reader users."""

    embed = EmbedBlock(label=_("Address of the video or map"))
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=200,
        help_text=_("Describes the embedded content for screen reader users."),
    )

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "home/blocks/embed.html"


class GoalListBlock(blocks.StructBlock):
    """A numbered or bulleted list of goals or principles, each with a short explanation."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    numbered = blocks.BooleanBlock(label=_("Numbered"), required=False, default=True)
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("Goal or principle"), max_length=200)),
                ("description", blocks.TextBlock(label=_("Explanation"), required=False)),
            ],
            label=_("Item"),
        ),
        label=_("Items"),
        min_num=1,
    )

    class Meta:
        icon = "list-ol"
        label = _("Goals or principles")
        template = "home/blocks/goal_list.html"


class PartnerBlock(blocks.StructBlock):
    """One partner: its name is the logo's alternative text and the link's accessible name."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    logo = ImageChooserBlock(label=_("Logo"), required=False)
    url = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "group"
        label = _("Partner")

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["logo"] = image_api(value.get("logo"), alt=value.get("name", ""))
        return data


class PartnerLogoGridBlock(blocks.StructBlock):
    """A grid of partner logos with links."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    partners = blocks.ListBlock(PartnerBlock(), label=_("Partners"), min_num=1)

    class Meta:
        icon = "grip"
        label = _("Partner logos")
        template = "home/blocks/partner_grid.html"


class ContactCardBlock(blocks.StructBlock):
    """A person or service to contact."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(label=_("Role or title"), required=False, max_length=200)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=20, validators=[phone_validator])
    # A chooser, not ImageBlock: the portrait sits next to the name, so it needs no alt text of its own
    # (and wagtail-localize cannot translate an empty optional ImageBlock).
    photo = ImageChooserBlock(label=_("Photo"), required=False)
    description = blocks.TextBlock(label=_("More information"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "home/blocks/contact_card.html"

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["photo"] = image_api(value.get("photo"), decorative=True)
        return data


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks an editor can use in the body of home and standard pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="home/blocks/paragraph.html"
    )
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = VideoEmbedBlock()
    goal_list = GoalListBlock()
    partner_logos = PartnerLogoGridBlock()
    contact_card = ContactCardBlock()


class SocialLinkBlock(blocks.StructBlock):
    """A link to the organisation's account on a social media service."""

    service = blocks.ChoiceBlock(
        label=_("Service"),
        choices=[
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("linkedin", "LinkedIn"),
            ("youtube", "YouTube"),
            ("bluesky", "Bluesky"),
            ("mastodon", "Mastodon"),
            ("tiktok", "TikTok"),
            ("other", _("Other")),
        ],
    )
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Social media link")
