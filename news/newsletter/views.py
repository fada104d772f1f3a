"""Public pages of the newsletter: subscribe, confirm (double opt-in), change preferences, unsubscribe."""

import logging

from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from home.public_forms import count_submission, is_rate_limited, too_many_submissions
from news.models import Subscriber
from news.newsletter import emails
from news.newsletter.forms import PreferencesForm, SubscribeForm
from news.newsletter.tokens import CONFIRM_MAX_AGE, CONFIRM_SALT, MANAGE_SALT, InvalidLink, subscriber_for

logger = logging.getLogger(__name__)
RATE_SCOPE = "newsletter"


def _invalid_link(request, error):
    return render(request, "news/newsletter/invalid_link.html", {"expired": error.expired}, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    locale = Locale.get_active()
    if request.method != "POST":
        form = SubscribeForm(locale=locale, initial={"language": locale.language_code})
        return render(request, "news/newsletter/subscribe.html", {"form": form})
    if is_rate_limited(request, RATE_SCOPE):
        return too_many_submissions(request)
    form = SubscribeForm(request.POST, locale=locale)
    if form.honeypot_filled:
        logger.info("Newsletter honeypot filled; nothing stored")
        return redirect("newsletter_thanks")
    if not form.is_valid():
        return render(request, "news/newsletter/subscribe.html", {"form": form}, status=200)
    count_submission(request, RATE_SCOPE)
    data = form.cleaned_data
    existing = Subscriber.objects.filter(email=data["email"]).first()
    if existing is not None and existing.is_active:
        # Already subscribed: change nothing, send the address its own link for preferences.
        emails.send_already_subscribed(existing, request)
        return redirect("newsletter_thanks")
    if existing is not None and existing.unsubscribed_at is None:
        # Waiting for confirmation: send the same confirmation again; the first choices stand.
        emails.send_confirmation(existing, request)
        return redirect("newsletter_thanks")
    fields = {
        "language": data["language"],
        "categories": sorted(data["categories"]),
        "municipalities": sorted(data["municipalities"]),
        "confirmed_at": None,
        "unsubscribed_at": None,
    }
    try:
        with transaction.atomic():
            if existing is not None:  # unsubscribed earlier and coming back: a new opt-in
                Subscriber.objects.filter(pk=existing.pk).update(**fields, created_at=timezone.now())
                subscriber = Subscriber.objects.get(pk=existing.pk)
            else:
                subscriber = Subscriber.objects.create(email=data["email"], **fields)
    except IntegrityError:  # the same address sent twice at once
        return redirect("newsletter_thanks")
    emails.send_confirmation(subscriber, request)
    return redirect("newsletter_thanks")


def thanks(request):
    return render(request, "news/newsletter/thanks.html")


def confirm(request, token):
    try:
        subscriber = subscriber_for(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except InvalidLink as error:
        return _invalid_link(request, error)
    if subscriber.unsubscribed_at is not None:
        return _invalid_link(request, InvalidLink())
    if subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
    return render(
        request, "news/newsletter/confirmed.html", {"manage_url": emails.preferences_url(subscriber, request)}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    try:
        subscriber = subscriber_for(token, MANAGE_SALT)
    except InvalidLink as error:
        return _invalid_link(request, error)
    if not subscriber.is_active:
        return _invalid_link(request, InvalidLink())
    locale = Locale.get_active()
    initial = {
        "language": subscriber.language,
        "categories": subscriber.categories,
        "municipalities": subscriber.municipalities,
    }
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST, locale=locale, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            Subscriber.objects.filter(pk=subscriber.pk).update(
                language=data["language"],
                categories=sorted(data["categories"]),
                municipalities=sorted(data["municipalities"]),
            )
            saved = True
    else:
        form = PreferencesForm(locale=locale, initial=initial)
    unsubscribe_url = reverse("newsletter_unsubscribe", args=[token])
    return render(
        request,
        "news/newsletter/preferences.html",
        {"form": form, "saved": saved, "subscriber": subscriber, "unsubscribe_url": unsubscribe_url},
    )


@csrf_exempt  # mail programs post List-Unsubscribe=One-Click without a CSRF token (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows one button (link checkers in mail systems open links); POST unsubscribes at once."""
    try:
        subscriber = subscriber_for(token, MANAGE_SALT)
    except InvalidLink as error:
        return _invalid_link(request, error)
    if request.method == "POST":
        if subscriber.unsubscribed_at is None:
            Subscriber.objects.filter(pk=subscriber.pk).update(unsubscribed_at=timezone.now())
        return render(
            request, "news/newsletter/unsubscribed.html", {"resubscribe_url": reverse("newsletter")}
        )
    return render(
        request,
        "news/newsletter/unsubscribe.html",
        {"subscriber": subscriber, "already": subscriber.unsubscribed_at is not None},
    )
