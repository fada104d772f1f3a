"""Stand-ins for mail servers: one that refuses messages after a number of them (settings.MAIL_FAIL_AFTER),
one that takes its time and writes each message to a file (settings.EMAIL_FILE_PATH)."""

import smtplib
import time

from django.conf import settings
from django.core.mail.backends import filebased
from django.core.mail.backends.locmem import EmailBackend


class FailAfterBackend(EmailBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted = 0

    def send_messages(self, messages):
        for message in messages:
            if self.accepted >= settings.MAIL_FAIL_AFTER:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"refused by the test server")})
            self.accepted += 1
        return super().send_messages(messages)


class SlowFileBackend(filebased.EmailBackend):
    """Each message takes settings.MAIL_DELAY seconds, as a real server's answer does, then is written out
    (and flushed) to a file: a process killed half-way leaves exactly the messages that went."""

    def send_messages(self, messages):
        time.sleep(settings.MAIL_DELAY * len(messages))
        return super().send_messages(messages)
