"""Capability checks for views and the API, both reading accounts.roles."""

from django.contrib.auth.mixins import AccessMixin
from rest_framework.permissions import BasePermission

from accounts.roles import Capability, user_can


class CapabilityRequiredMixin(AccessMixin):
    """Let a view through only for users who hold `required_capability`.

    Anonymous visitors are sent to sign in; signed-in users without the capability get
    403 (raise_exception applies only to authenticated users here).
    """

    required_capability: Capability | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.required_capability is not None and not user_can(
            request.user, self.required_capability
        ):
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class HasCapability(BasePermission):
    """DRF permission: `permission_classes = [HasCapability.for_(Capability.X)]`."""

    capability: Capability | None = None

    @classmethod
    def for_(cls, capability: Capability) -> type["HasCapability"]:
        return type(f"Has_{capability.value}", (cls,), {"capability": capability})

    def has_permission(self, request, view) -> bool:
        return self.capability is not None and user_can(request.user, self.capability)
