"""The admin's "forgot your password" form sends a limited number of emails per client and per address,
and answers the same whether it sent one or not."""

import pytest
from django.core import mail

from home.password_reset import RESET_LIMIT

pytestmark = pytest.mark.django_db

URL = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"


@pytest.fixture
def users(django_user_model):
    return [
        django_user_model.objects.create_user(f"kayttaja{n}", f"kayttaja{n}@example.fi", "salasana-12345")
        for n in range(5)
    ]


def ask(client, email, address="192.0.2.1"):
    response = client.post(URL, {"email": email}, REMOTE_ADDR=address)
    # Always the same neutral answer: it does not tell whether the account exists or was throttled.
    assert response.status_code == 302
    assert response["Location"] == DONE
    return response


def test_one_account_gets_a_limited_number_of_reset_emails(client, users):
    for _ in range(8):
        ask(client, "kayttaja0@example.fi")
    assert len(mail.outbox) == RESET_LIMIT == 3
    assert all(message.to == ["kayttaja0@example.fi"] for message in mail.outbox)


def test_the_limit_per_account_holds_across_addresses(client, users):
    for number in range(6):
        ask(client, "KAYTTAJA0@example.fi", address=f"198.51.100.{number + 1}")
    assert len(mail.outbox) == RESET_LIMIT
    # Another account is not affected.
    ask(client, "kayttaja1@example.fi", address="198.51.100.99")
    assert len(mail.outbox) == RESET_LIMIT + 1


def test_the_limit_per_client_address_holds_across_accounts(client, users):
    for user in users:
        ask(client, user.email)
    assert [message.to for message in mail.outbox] == [[user.email] for user in users[:RESET_LIMIT]]
    # Unknown addresses count too, and the answer is the same as for a known one.
    ask(client, "ei-ole@example.fi", address="192.0.2.2")
    ask(client, users[4].email, address="192.0.2.2")
    assert len(mail.outbox) == RESET_LIMIT + 1
    assert mail.outbox[-1].to == [users[4].email]
