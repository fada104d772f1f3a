"""Settings of the worker processes that test_newsletter_worker.py starts and kills: the test settings,
with a slow mail server that writes every message to a file in NEWSLETTER_TEST_MAIL_DIR."""

import os

from sakke_site.settings.test import *  # noqa: F403

EMAIL_BACKEND = "news.tests.mail_backends.SlowFileBackend"
EMAIL_FILE_PATH = os.environ["NEWSLETTER_TEST_MAIL_DIR"]
MAIL_DELAY = 0.05
