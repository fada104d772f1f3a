"""Models of the news app: news and event pages (`pages.py`) and the newsletter (`newsletter.py`)."""

from news.models.newsletter import NewsletterDelivery, NewsletterIssue, Subscriber
from news.models.pages import (
    ArticlePage,
    EventIndexPage,
    EventOccurrence,
    EventPage,
    EventPageForm,
    EventPageTag,
    ListingPage,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    in_language,
)

__all__ = [
    "ArticlePage",
    "EventIndexPage",
    "EventOccurrence",
    "EventPage",
    "EventPageForm",
    "EventPageTag",
    "ListingPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "NewsletterDelivery",
    "NewsletterIssue",
    "Subscriber",
    "in_language",
]
