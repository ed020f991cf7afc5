"""Two-factor sign-in with time-based one-time passwords (TOTP, RFC 6238) via django-otp."""

import io

import qrcode
import qrcode.image.svg
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import user_requires_two_factor

DEVICE_NAME = "authenticator"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """Return the user's unconfirmed device, creating one with a fresh secret if needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def needs_second_factor(user, *, required_by_settings: bool) -> bool:
    """Return whether this signed-in user must still verify a second factor.

    Required roles must when the setting is on; anyone who enrolled a device must always.
    """
    if not user.is_authenticated or user.is_verified():
        return False
    if required_by_settings and user_requires_two_factor(user):
        return True
    return confirmed_device(user) is not None


def device_verify(request, device: TOTPDevice, token: str) -> bool:
    """Check `token` against `device`; on success confirm it and mark the session verified."""
    token = "".join(token.split())
    if not token.isdigit() or not device.verify_token(token):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return True


def provisioning_qr_svg(device: TOTPDevice) -> bytes:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
