"""A stand-in for a mail server that refuses messages after a number of them (settings.MAIL_FAIL_AFTER)."""

import smtplib

from django.conf import settings
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
