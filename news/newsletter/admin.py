"""The newsletter in the Wagtail admin (menu *Newsletter*): issues with preview, a test to oneself and
sending to subscribers with progress; subscribers with CSV/XLSX export and deletion on request.

Coordinators get the permissions in a data migration; association editors have none of them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from news.models import NewsletterDelivery, NewsletterIssue, Subscriber
from news.newsletter import sending
from news.tasks import send_newsletter_issue


def can_send(user):
    return user.has_perm("news.change_newsletterissue")


class NewsletterIssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = gettext_lazy("Issues")
    list_display = ["subject", "locale", "send_started_at"]
    list_filter = ["locale"]
    search_fields = ["subject"]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = gettext_lazy("Subscribers")
    list_display = ["email", "language", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["language"]
    search_fields = ["email"]
    list_export = [
        "email",
        "language",
        "categories",
        "municipalities",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_filename = "newsletter-subscribers"
    inspect_view_enabled = True
    add_to_admin_menu = False


class NewsletterViewSetGroup(SnippetViewSetGroup):
    items = (NewsletterIssueViewSet, SubscriberViewSet)
    menu_label = gettext_lazy("Newsletter")
    menu_icon = "mail"
    menu_order = 300


def issue_buttons(snippet, user, next_url=None):
    if isinstance(snippet, NewsletterIssue) and can_send(user):
        yield Button(_("Send…"), reverse("newsletter_send", args=[snippet.pk]), icon_name="mail", priority=5)


@require_http_methods(["GET", "POST"])
def send_view(request, pk):
    """Confirm and start sending; afterwards the same page shows the progress of the deliveries."""
    if not can_send(request.user):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    if request.method == "POST":
        if request.POST.get("action") == "test":
            if not request.user.email:
                messages.error(request, _("Your user account has no email address for the test."))
            elif sending.send_test(issue, request.user.email):
                messages.success(request, _("A test was sent to %(email)s.") % {"email": request.user.email})
            else:
                messages.error(request, _("The test could not be sent. Check the email settings."))
            return redirect("newsletter_send", pk=issue.pk)
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm sending to every recipient."))
            return redirect("newsletter_send", pk=issue.pk)
        retry = request.POST.get("action") == "retry"
        sending.queue(issue)
        if retry:
            issue.deliveries.filter(status=NewsletterDelivery.FAILED).update(
                status=NewsletterDelivery.PENDING
            )
        send_newsletter_issue.enqueue(issue.pk)
        messages.success(
            request,
            _(
                "Sending is queued: the background worker sends the issue. This page shows how it goes; "
                "reload it to update."
            ),
        )
        return redirect("newsletter_send", pk=issue.pk)
    context = {
        "issue": issue,
        "recipient_count": len(sending.recipients(issue)),
        "progress": sending.progress(issue),
        "failures": issue.deliveries.filter(status=NewsletterDelivery.FAILED).select_related("subscriber")[
            :50
        ],
        "page_title": _("Send the newsletter"),
        "header_title": issue.subject,
    }
    return TemplateResponse(request, "news/newsletter/admin_send.html", context)


def admin_urls():
    return [path("newsletter/<int:pk>/send/", send_view, name="newsletter_send")]
