"""Optional two-factor authentication for the admin: a time-based one-time code (TOTP, RFC 6238).

Any admin user may turn it on under *Account → Two-step verification* (`/admin/2fa/`): they scan a QR code
(or type the key) into an authenticator app and confirm with a code from the app. From then on, after the
password the admin asks for the current six-digit code (`/admin/2fa/verify/`) before anything else.
With TWO_FACTOR_REQUIRED=True every admin user must set it up before using the admin.

django-otp keeps the devices (`TOTPDevice`, throttled after wrong codes) and marks the session verified;
this module adds the admin pages and `AdminTwoFactorMiddleware`, which sends an unverified user with a
device to the code page. A lost phone: `manage.py disable_two_factor USERNAME`.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"
CODE_PATTERN = r"\d{6}"


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def uses_two_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the authenticator app"),
        max_length=10,
        help_text=gettext_lazy("Six digits; a new code appears every 30 seconds."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": CODE_PATTERN}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Enter the six digits shown in the app."))
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a moment and try again with a new code."), code="throttled"
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(_("The code is wrong or has expired. Try the newest code."))
        return code


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@never_cache
def verify(request):
    """After the password: ask for the current code of the user's authenticator."""
    device = confirmed_device(request.user)
    home = reverse("wagtailadmin_home")
    if device is None:
        return redirect(home)
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_safe_next(request, home))
    return render(
        request,
        "home/two_factor/verify.html",
        {"form": form, "next": _safe_next(request, home)},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _qr_code_svg(url):
    svg = segno.make(url, error="m").svg_inline(scale=5, border=2)
    label = escape(_("QR code for the authenticator app"))
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


@never_cache
def manage(request):
    """Turn two-step verification on (scan, confirm with a code) or off (confirm with a code)."""
    device = confirmed_device(request.user)
    if device is not None:
        form = CodeForm(request.POST or None, device=device)
        if request.method == "POST" and settings.TWO_FACTOR_REQUIRED:
            raise PermissionDenied  # the page offers no way off; nor may a hand-made request
        if request.method == "POST" and form.is_valid():
            TOTPDevice.objects.filter(user=request.user).delete()
            messages.success(request, _("Two-step verification is off."))
            return redirect("home_two_factor")
        return _render_manage(request, form, enabled=True)

    # A new key each time the page is opened, until the user confirms one with a code.
    if request.method == "POST":
        pending = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    else:
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        pending = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
    if pending is None:
        return redirect("home_two_factor")
    form = CodeForm(request.POST or None, device=pending)
    if request.method == "POST" and form.is_valid():
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        otp_login(request, pending)
        messages.success(
            request,
            _("Two-step verification is on. From now on the admin asks for a code after the password."),
        )
        return redirect("home_two_factor")
    return _render_manage(request, form, enabled=False, device=pending)


def _render_manage(request, form, enabled, device=None):
    context = {"form": form, "enabled": enabled, "required": settings.TWO_FACTOR_REQUIRED}
    if device is not None:
        context["qr_code"] = _qr_code_svg(device.config_url)
        secret = b32encode(device.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request,
        "home/two_factor/manage.html",
        context,
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


urlpatterns = [
    path("", manage, name="home_two_factor"),
    path("verify/", verify, name="home_two_factor_verify"),
]


class AdminTwoFactorMiddleware:
    """Keeps an admin user who has two-step verification on, but has not given a code in this session,
    on the code page; with TWO_FACTOR_REQUIRED, keeps a user without it on the set-up page. Goes after
    django-otp's OTPMiddleware."""

    # What the login and code pages themselves load: the icon sprite and the JavaScript translations
    # (a redirect there would paste the code page into the icon sprite).
    ALWAYS_OPEN = ("login/", "logout/", "password_reset/", "jsi18n/", "sprite/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        return response if response is not None else self.get_response(request)

    def _check(self, request):
        admin = reverse("wagtailadmin_home")
        if not request.path.startswith(admin):
            return None
        rest = request.path[len(admin) :]
        if rest.startswith(self.ALWAYS_OPEN):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        verify_url = reverse("home_two_factor_verify")
        manage_url = reverse("home_two_factor")
        if uses_two_factor(user):
            if request.path == verify_url:
                return None
            return redirect(f"{verify_url}?{urlencode({'next': request.get_full_path()})}")
        if settings.TWO_FACTOR_REQUIRED and request.path != manage_url:
            return redirect(manage_url)
        return None
