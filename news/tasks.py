"""Background tasks of the news app, run by the worker (`manage.py db_worker --backend background`)."""

from django_tasks import task

from home.tasks import BACKGROUND
from news.models import NewsletterIssue
from news.newsletter.sending import send_issue


@task(backend=BACKGROUND)
def send_newsletter_issue(issue_id):
    """Send an issue to every recipient not yet sent to (the admin's *Send* button queues this).

    Safe to queue twice or to run after a worker died half-way: each recipient's delivery row is claimed
    before its message goes out, so nobody gets a second copy; `manage.py send_newsletter` resumes by hand.
    """
    issue = NewsletterIssue.objects.filter(pk=issue_id).select_related("locale").first()
    if issue is None:  # deleted while the task waited
        return None
    return send_issue(issue)
