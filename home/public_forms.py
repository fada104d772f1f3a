"""What every public form of the service shares (association registration and reports, the survey, news
and event offers, the newsletter): a honeypot field, the error summary, a rate limit per client address,
the "too many submissions" answer, and adding a visitor's draft to the moderation workflow.

Templates: home/forms/field.html, error_summary.html, honeypot.html and rate_limited.html, styled by
home/forms.css.
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from home.client_ip import client_ip

HONEYPOT_FIELD = "website_url"
# Enough for a person correcting a mistake, too few for a spam run.
RATE_LIMIT = 5
RATE_LIMIT_WINDOW = 60 * 60


class HoneypotMixin:
    """A text field people never see or hear; software that fills in every field fills it in too."""

    def add_honeypot(self):
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"}),
        )

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def visible_form_fields(self):
        """Visible fields without the honeypot, which templates render apart from the others."""
        return [field for field in self.visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


class AccessibleFormMixin:
    """What the public form templates need beyond Django's own accessible markup."""

    def errors_for_summary(self):
        """(field id or None, message) pairs for the error summary at the top of the form."""
        items = []
        for name, errors in self.errors.items():
            field_id = self[name].auto_id if name in self.fields else None
            if name in self.fields and isinstance(self.fields[name].widget, forms.CheckboxSelectMultiple):
                field_id = f"{field_id}_0"
            for message in errors:
                items.append((field_id, message))
        return items


def add_draft_for_moderation(parent, page):
    """Add `page` (not live) under `parent` as a draft sent by a visitor, and start its moderation
    workflow: what the public association registration and news/event offer forms do."""
    with transaction.atomic():
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create", content_changed=True)
        page.save_revision(log_action=True)
        workflow = page.get_workflow()
        if workflow is not None:
            # Nobody is logged in: the coordinators see the task in "Awaiting your review". Wagtail's own
            # notification falls back to the active language, which is the visitor's; the admin default
            # (Finnish) suits coordinators who have not chosen a language.
            with translation.override(settings.LANGUAGE_CODE):
                workflow.start(page, user=None)
    return page


# --- Rate limit ------------------------------------------------------------------------------------
# Counted per client address behind the trusted proxies (home/client_ip.py), as the API's limit is.
# Only real submissions count: a post with the honeypot filled is not counted, so a bot sharing an
# address with real visitors does not use up their limit (it is told "thanks" and nothing is kept).


def rate_limit_key(request, scope):
    # Hashed so that the cache never holds visitors' addresses in the clear.
    address = client_ip(request)
    return f"public-forms:submissions:{scope}:{hashlib.sha256(address.encode()).hexdigest()}"


def is_rate_limited(request, scope):
    return cache.get(rate_limit_key(request, scope), 0) >= RATE_LIMIT


def count_submission(request, scope):
    """Count one real (not honeypot) submission of form `scope` from the request's client address."""
    key = rate_limit_key(request, scope)
    # add() starts the window only once; incr() keeps its expiry.
    cache.add(key, 0, RATE_LIMIT_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, RATE_LIMIT_WINDOW)


def too_many_submissions(request):
    return render(
        request,
        "home/forms/rate_limited.html",
        {"minutes": RATE_LIMIT_WINDOW // 60},
        status=429,
    )
