"""The newsletter on the real background worker: a `manage.py db_worker` process killed (SIGKILL) in the
middle of a send, then the send resumed; nobody may get the issue twice.

The worker is a separate process (the root conftest's `worker_process`): this needs PostgreSQL and is
skipped, saying why, on SQLite.
"""

import collections
import re
import signal
import time

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from news.models import NewsletterDelivery, NewsletterIssue, Subscriber

MESSAGE_ID = re.compile(rb"^Message-ID: <newsletter-(\d+)-(\d+)@", re.MULTILINE)
SUBSCRIBERS = 40


def _copies(mail_dir, issue_id):
    """How many messages of the issue each subscriber got, from the files the mail server wrote."""
    counts = collections.Counter()
    for path in mail_dir.iterdir():
        for issue, subscriber in MESSAGE_ID.findall(path.read_bytes()):
            if int(issue) == issue_id:
                counts[int(subscriber)] += 1
    return counts


def _worker(start, mail_dir, *options):
    """A worker whose mail server is slow and writes every message to a file in `mail_dir`."""
    return start(
        *options, settings="news.tests.worker_settings", env={"NEWSLETTER_TEST_MAIL_DIR": str(mail_dir)}
    )


def test_a_worker_killed_mid_send_sends_nobody_a_second_copy(
    worker_process, client, coordinator, finnish, tmp_path
):
    issue = NewsletterIssue.objects.create(subject="Uutiskirje 3/2027", introduction="Hei!", locale=finnish)
    Subscriber.objects.bulk_create(
        Subscriber(email=f"t{n}@example.fi", language="fi", confirmed_at=timezone.now())
        for n in range(SUBSCRIBERS)
    )
    client.force_login(coordinator)
    send_url = f"/admin/newsletter/{issue.pk}/send/"
    client.post(send_url, {"action": "send", "confirm": "yes"})

    worker = _worker(worker_process, tmp_path, "--interval=0.1", "--no-startup-delay")
    sent = NewsletterDelivery.objects.filter(issue=issue, status=NewsletterDelivery.SENT)
    deadline = time.monotonic() + 60
    while sent.count() < 10:
        assert worker.poll() is None, f"The worker stopped:\n{worker.communicate()[0].decode()}"
        assert time.monotonic() < deadline, "The worker sent nothing within 60 s"
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.wait()

    killed_at = sent.count()
    assert 10 <= killed_at < SUBSCRIBERS, "the kill came after the send had finished: nothing was proved"
    # The task stays 'running' for good: its worker is gone, and nothing reruns it behind anyone's back.
    sends = DBTaskResult.objects.filter(task_path="news.tasks.send_newsletter_issue")
    assert sends.get().status == "RUNNING"

    # The coordinator presses Send again; a new worker finishes the queue and stops (--batch).
    client.post(send_url, {"action": "send", "confirm": "yes"})
    resumed = _worker(worker_process, tmp_path, "--batch", "--interval=0")
    output, _ = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, output.decode()

    copies = _copies(tmp_path, issue.pk)
    statuses = dict(NewsletterDelivery.objects.filter(issue=issue).values_list("subscriber_id", "status"))
    assert len(statuses) == SUBSCRIBERS
    assert max(copies.values()) == 1, "somebody got the issue twice"
    interrupted = [pk for pk, status in statuses.items() if status == NewsletterDelivery.SENDING]
    assert len(interrupted) <= 1  # the one message the kill may have cut, never sent again by itself
    for subscriber_id, status in statuses.items():
        if status == NewsletterDelivery.SENT:
            assert copies[subscriber_id] == 1
        else:
            assert status == NewsletterDelivery.SENDING and copies[subscriber_id] <= 1
    assert sorted(sends.values_list("status", flat=True)) == ["RUNNING", "SUCCESSFUL"]
