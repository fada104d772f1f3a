"""The public "offer a news item or an event" form and its thank-you page (/fi/news/offer/, /sv/...)."""

import logging

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from home.public_forms import count_submission, is_rate_limited, too_many_submissions
from news.forms import EVENT, OfferForm, listing_for, model_errors_to_form
from news.models import EventIndexPage, NewsIndexPage
from news.notifications import notify_offer

logger = logging.getLogger(__name__)
RATE_LIMIT_SCOPE = "news-offer"


@require_http_methods(["GET", "HEAD", "POST"])
def offer(request):
    """A valid offer becomes a draft news item or event in the coordinators' moderation queue."""
    if listing_for(NewsIndexPage, None) is None and listing_for(EventIndexPage, None) is None:
        # Nowhere to put the draft; say so rather than lose what the visitor types.
        return render(request, "news/offer.html", {"unavailable": True}, status=503)

    if request.method != "POST":
        initial = {"kind": EVENT} if request.GET.get("kind") == EVENT else {}
        return render(request, "news/offer.html", {"form": OfferForm(initial=initial)})

    if is_rate_limited(request, RATE_LIMIT_SCOPE):
        return too_many_submissions(request)
    form = OfferForm(request.POST)
    if form.honeypot_filled:
        logger.info("News offer honeypot filled; nothing created")
        return redirect("news_offer_thanks")
    if not form.is_valid():
        return render(request, "news/offer.html", {"form": form}, status=400)
    if form.listing() is None:
        form.add_error("kind", _("This cannot be offered at the moment; choose the other one or try later."))
        return render(request, "news/offer.html", {"form": form}, status=400)

    count_submission(request, RATE_LIMIT_SCOPE)
    try:
        page = form.save()
    except ValidationError as error:
        model_errors_to_form(form, error)
        return render(request, "news/offer.html", {"form": form}, status=400)
    notify_offer(page, form.cleaned_data, form.association_page())
    return redirect("news_offer_thanks")


def offer_thanks(request):
    return render(request, "news/offer_thanks.html")
