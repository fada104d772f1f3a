"""Signed links of the newsletter: confirm a subscription (expires), manage preferences and unsubscribe.

A confirmation link also carries the time the subscription started (`created_at`, set again when an
address that unsubscribed subscribes anew), so it confirms only the subscription it was sent for: an old
link, from before an unsubscribe, does not give consent for a later re-subscription.
"""

import datetime

from django.core import signing

from news.models import Subscriber

CONFIRM_SALT = "news.newsletter.confirm"
MANAGE_SALT = "news.newsletter.manage"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60


class InvalidLink(Exception):
    """The link was altered, belongs to a deleted subscriber, or has expired (`expired` tells which)."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def make_token(subscriber, salt):
    return signing.dumps([subscriber.pk, subscriber.key], salt=salt, compress=True)


def confirm_token(subscriber):
    return signing.dumps(
        [subscriber.pk, subscriber.key, subscriber.created_at.isoformat()], salt=CONFIRM_SALT, compress=True
    )


def manage_token(subscriber):
    return make_token(subscriber, MANAGE_SALT)


def subscriber_for(token, salt, max_age=None):
    """The subscriber a token was made for; InvalidLink if it was altered, expired or is no longer valid."""
    try:
        pk, key, *subscription = signing.loads(token, salt=salt, max_age=max_age)
        started = [datetime.datetime.fromisoformat(value) for value in subscription]
    except signing.SignatureExpired:
        raise InvalidLink(expired=True) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidLink() from None
    subscriber = Subscriber.objects.filter(pk=pk, key=key).first()
    if subscriber is None:
        raise InvalidLink()
    if salt == CONFIRM_SALT and started != [subscriber.created_at]:
        raise InvalidLink()  # sent for an earlier subscription of the same address
    return subscriber
