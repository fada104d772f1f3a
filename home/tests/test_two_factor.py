"""Optional two-step verification (TOTP) of admin users: set up, asked after the password, turned off."""

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

SETUP = "/admin/2fa/"
VERIFY = "/admin/2fa/verify/"


def current_code(device):
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("toimittaja", "toimittaja@example.fi", "salasana-1234")


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)


def test_without_two_step_verification_the_admin_opens_as_before(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/")
    assert SETUP in account.text  # the account page links to the set-up
    assert {"Two-step verification", "Kaksivaiheinen tunnistautuminen"} & {
        str(item["label"]) for item in account.context["menu_items"]
    }


def test_turning_it_on_needs_a_code_from_the_app(client, editor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no pause after the wrong code (throttling is tested below)
    client.force_login(editor)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "<svg" in page.text and 'role="img"' in page.text  # the QR code, with a text alternative
    pending = TOTPDevice.objects.get(user=editor)
    assert not pending.confirmed
    assert page.context["secret"].replace(" ", "") in pending.config_url  # the key to type by hand

    wrong = client.post(SETUP, {"code": "000000" if current_code(pending) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert wrong.context["form"].errors["code"]
    assert not TOTPDevice.objects.get(user=editor).confirmed

    response = client.post(SETUP, {"code": current_code(pending)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=editor).confirmed
    # The session that set it up is verified: the admin stays open.
    assert client.get("/admin/").status_code == 200


def test_after_the_password_the_admin_asks_for_the_code(client, editor, device):
    client.force_login(editor)
    response = client.get("/admin/pages/?ordering=title")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F%3Fordering%3Dtitle"
    assert client.get("/admin/account/").status_code == 302
    # The public site and the API do not ask, nor what the code page itself loads (icons, translations).
    assert client.get("/api/v2/pages/").status_code == 200
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["next"] == "/admin/pages/?ordering=title"

    wrong = client.post(VERIFY, {"code": "12345", "next": "/admin/pages/"})
    assert wrong.status_code == 400
    assert "12345" in wrong.text  # what was typed is kept
    assert client.get("/admin/").status_code == 302

    response = client.post(VERIFY, {"code": current_code(device), "next": "/admin/pages/?ordering=title"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/?ordering=title"
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_once_and_never_sends_the_user_elsewhere(client, editor, device):
    client.force_login(editor)
    code = current_code(device)
    response = client.post(VERIFY, {"code": code, "next": "https://evil.example/admin/"})
    assert response["Location"] == "/admin/"

    client.logout()
    client.force_login(editor)
    replay = client.post(VERIFY, {"code": code})
    assert replay.status_code == 400  # the same code cannot be used twice


def test_wrong_codes_are_throttled(client, editor, device):
    client.force_login(editor)
    for _ in range(3):
        assert client.post(VERIFY, {"code": "000001"}).status_code == 400
    device.refresh_from_db()
    # The first wrong code counts; the next ones come within the pause it started and are refused unread.
    assert device.throttling_failure_count >= 1
    response = client.post(VERIFY, {"code": current_code(device)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.text or "Liian monta" in response.text
    assert client.get("/admin/").status_code == 302


def test_turning_it_off_needs_a_current_code(client, editor, device):
    client.force_login(editor)
    client.post(VERIFY, {"code": current_code(device)})
    page = client.get(SETUP)
    assert page.context["enabled"]
    assert client.post(SETUP, {"code": "abc"}).status_code == 400
    assert TOTPDevice.objects.filter(user=editor).exists()

    device.refresh_from_db()
    device.last_t = -1  # the code of this 30-second step was used to sign in; the app would show it again
    device.save()
    assert client.post(SETUP, {"code": current_code(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_when_required_users_without_it_must_set_it_up(client, editor, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == SETUP
    assert client.get(SETUP).status_code == 200
    assert client.post("/admin/logout/").status_code == 302


def test_when_required_it_cannot_be_turned_off(client, editor, device, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(editor)
    client.post(VERIFY, {"code": current_code(device)})
    assert client.get(SETUP).context["required"]
    device.refresh_from_db()
    device.last_t = -1  # the code of this 30-second step was used to sign in; the app would show it again
    device.save()
    refused = client.post(SETUP, {"code": current_code(device)})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's answer to a refusal
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_the_command_turns_it_off_for_a_lost_phone(editor, device, capsys):
    call_command("disable_two_factor", "toimittaja")
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert "toimittaja" in capsys.readouterr().out
    with pytest.raises(CommandError, match="ei-ole"):
        call_command("disable_two_factor", "ei-ole")
