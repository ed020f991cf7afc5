import logging
from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, UpdateView

from accounts import two_factor
from accounts.forms import EmailAuthenticationForm, ProfileForm, TokenForm

logger = logging.getLogger(__name__)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        logger.info("User %s signed in", form.get_user().pk)
        return _redirect_in_language(self.request, response.url, language)


class SignOutView(auth_views.LogoutView):
    pass


class TwoFactorView(LoginRequiredMixin, FormView):
    """Enrol an authenticator app (first time) or verify a code from it."""

    form_class = TokenForm
    template_name = "accounts/two_factor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = two_factor.confirmed_device(self.request.user)
        context["enrolling"] = device is None
        if device is None:
            pending = two_factor.pending_device(self.request.user)
            context["secret"] = b32encode(pending.bin_key).decode()
        context["next"] = self.request.GET.get("next", "")
        return context

    def form_valid(self, form):
        user = self.request.user
        device = two_factor.confirmed_device(user) or two_factor.pending_device(user)
        if not two_factor.device_verify(self.request, device, form.cleaned_data["token"]):
            form.add_error("token", _("The code is not valid. Enter the current six-digit code."))
            return self.form_invalid(form)
        logger.info("User %s verified a second factor", user.pk)
        next_url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(next_url, {self.request.get_host()}):
            next_url = reverse("home")
        return HttpResponseRedirect(next_url or reverse("home"))


@login_required
def two_factor_qr(request):
    """Return the enrolment QR code as SVG (served separately so the page needs no inline data)."""
    if two_factor.confirmed_device(request.user) is not None:
        raise Http404("Already enrolled")
    svg = two_factor.provisioning_qr_svg(two_factor.pending_device(request.user))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/profile.html"

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        user = form.save()
        messages.success(self.request, _("Your profile has been saved."))
        return _redirect_in_language(
            self.request, reverse("accounts:profile"), user.preferred_language
        )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _redirect_in_language(request, url: str, language: str) -> HttpResponseRedirect:
    """Redirect to `url` in `language` and remember that language in the cookie."""
    target = translate_url(url, language)
    translation.activate(language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=not settings.DEBUG
    )
    return response


def locked_out(request, response=None, credentials=None):
    """Render the lockout page (django-axes calls this after too many failed sign-ins)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": round(float(settings.AXES_COOLOFF_TIME) * 60),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
