"""The admin's "forgot your password" form, throttled per client address and per email address.

Wagtail's reset view sends one email per request: unthrottled, anyone could flood a person's inbox with
reset emails or use the form to send mail in bulk. Each client address (behind the trusted proxies,
home.client_ip) and each email address may ask for RESET_LIMIT emails per RESET_WINDOW. Over either
limit nothing is sent, but the visitor sees the same "check your email" page as always, so the form
still does not tell whether an account exists. Counters live in Django's cache, keyed by hashes (no
addresses in the clear). Wired with WAGTAILADMIN_USER_PASSWORD_RESET_FORM in the settings.
"""

import hashlib
import logging

from django.core.cache import cache
from wagtail.admin.forms.auth import PasswordResetForm

from home.client_ip import client_ip

logger = logging.getLogger(__name__)

RESET_LIMIT = 3
RESET_WINDOW = 60 * 60  # seconds
CACHE_PREFIX = "home:password-reset"


def count_request(kind, value):
    """Count one reset request for `value` (a client or an email address); True while within the limit."""
    key = f"{CACHE_PREFIX}:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    # add() starts the window only once; incr() keeps its expiry.
    cache.add(key, 0, RESET_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, RESET_WINDOW)
        count = 1
    return count <= RESET_LIMIT


class ThrottledPasswordResetForm(PasswordResetForm):
    """Wagtail's password reset form that sends nothing once the client or the email address has asked
    too often; the view answers as if it had been sent."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"].strip().casefold()
        # Both counters move on every request, so neither many addresses from one client nor one
        # address from many clients gets through.
        address_ok = count_request("client", client_ip(request) if request is not None else "")
        email_ok = count_request("email", email)
        if not (address_ok and email_ok):
            logger.warning(
                "Password reset throttled (%s); no email sent", "client" if not address_ok else "email"
            )
            return
        super().save(*args, request=request, **kwargs)
