"""Benchmark: sending one newsletter issue to 10,000 confirmed subscribers, and a send killed half-way.

1. Sends an issue in this process through Django's file email backend and prints the time and rate.
2. Starts `manage.py send_newsletter` for a second issue in a child process, kills it (SIGKILL) when
   about half the messages are out, runs the command again, and counts the copies each subscriber got
   in the written mail files: duplicates must be 0; a subscriber whose message was cut off by the kill
   itself shows as "interrupted" (the row the command was sending), never as a second copy.

Usage: `.venv/bin/python bench/newsletter.py [SUBSCRIBERS]` (default 10000). Target: at most 60 s.
"""

import collections
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import setup_django

ROOT = Path(__file__).resolve().parent.parent
MESSAGE_ID = re.compile(r"^Message-ID: <newsletter-(\d+)-(\d+)@", re.MULTILINE)


def copies(directory, issue_id):
    counts = collections.Counter()
    for path in Path(directory).iterdir():
        for issue, subscriber in MESSAGE_ID.findall(path.read_text(encoding="utf-8", errors="replace")):
            if int(issue) == issue_id:
                counts[int(subscriber)] += 1
    return counts


def make_issue(subject):
    from wagtail.models import Locale

    from news.models import NewsletterIssue

    return NewsletterIssue.objects.create(
        subject=subject,
        introduction="Uutisia ja tapahtumia Pohjois-Savon yhdistyksistä.",
        locale=Locale.objects.get(language_code="fi"),
    )


def main(count):
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Count
    from django.utils import timezone

    from news.models import NewsletterDelivery, Subscriber
    from news.newsletter.sending import send_issue

    call_command("migrate", verbosity=0)
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"tilaaja{n}@example.fi", language="fi", confirmed_at=now) for n in range(count)],
        batch_size=2000,
    )
    print(f"{count} confirmed subscribers")

    # 1. One uninterrupted send in this process.
    outbox = tempfile.mkdtemp(prefix="sakke-newsletter-")
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = outbox
    issue = make_issue("Uutiskirje 1/2027")
    started = time.perf_counter()
    counts = send_issue(issue)
    elapsed = time.perf_counter() - started
    got = copies(outbox, issue.pk)
    print(
        f"send: {counts['sent']} sent in {elapsed:.1f} s ({counts['sent'] / elapsed:.0f} messages/s); "
        f"files hold {sum(got.values())} messages for {len(got)} subscribers (target: at most 60 s)"
    )

    # 2. Killed half-way, then run again.
    outbox = tempfile.mkdtemp(prefix="sakke-newsletter-kill-")
    issue = make_issue("Uutiskirje 2/2027")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sakke_site.settings.dev",
        "EMAIL_URL": f"filemail:///{outbox}",  # django-environ drops one leading slash
        "DATABASE_URL": os.environ["DATABASE_URL"],
    }
    command = [sys.executable, str(ROOT / "manage.py"), "send_newsletter", str(issue.pk)]
    child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while child.poll() is None:
        if (
            NewsletterDelivery.objects.filter(issue=issue, status=NewsletterDelivery.SENT).count()
            >= count // 2
        ):
            child.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    child.wait()
    before = dict(
        NewsletterDelivery.objects.filter(issue=issue).values_list("status").annotate(n=Count("pk"))
    )
    print(f"killed: {before}")
    rerun = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    print(f"rerun: {rerun.stdout.strip()}")
    got = copies(outbox, issue.pk)
    duplicates = sum(1 for n in got.values() if n > 1)
    interrupted = NewsletterDelivery.objects.filter(issue=issue, status=NewsletterDelivery.SENDING).count()
    print(
        f"after the kill and rerun: {len(got)} of {count} subscribers got the issue, {duplicates} got it "
        f"twice, {count - len(got)} missing, {interrupted} delivery row(s) left interrupted by the kill"
    )


if __name__ == "__main__":
    setup_django()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
