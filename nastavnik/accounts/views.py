from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from nastavnik.accounts import access, services
from nastavnik.accounts.forms import RoleScopeForm, UserCreateForm, UserEditForm, UserFilterForm
from nastavnik.accounts.models import RoleAssignment
from nastavnik.core.context import ACTIVE_ROLE_SESSION_KEY
from nastavnik.core.decorators import role_required
from nastavnik.core.models import AuditEvent

PAGE_SIZE = 50


def _assignments_prefetch() -> Prefetch:
    return Prefetch(
        "role_assignments",
        queryset=RoleAssignment.objects.select_related(
            "region", "municipality", "organization"
        ).order_by("role", "pk"),
    )


@role_required(access.STRUCTURE_ROLES)
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    users = access.users_managed_by(request.user)
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        for word in q.split():
            users = users.filter(
                Q(last_name__icontains=word)
                | Q(first_name__icontains=word)
                | Q(patronymic__icontains=word)
                | Q(username__icontains=word)
                | Q(email__icontains=word)
            )
        if form.cleaned_data["role"]:
            users = users.filter(role_assignments__role=form.cleaned_data["role"]).distinct()
    users = users.prefetch_related(_assignments_prefetch()).order_by(
        "last_name", "first_name", "patronymic", "username"
    )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@role_required(access.STRUCTURE_ROLES)
def user_create(request: HttpRequest) -> HttpResponse:
    initial = {
        k: request.GET[k] for k in ("role", "organization", "municipality") if k in request.GET
    }
    form = UserCreateForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scope = data["scope"]
        region = services.region_of(scope)
        try:
            user = services.user_create(
                actor=request.user,
                region=region,
                username=data["username"],
                password=data["password1"],
                last_name=data["last_name"].strip(),
                first_name=data["first_name"].strip(),
                patronymic=data["patronymic"].strip(),
                email=data["email"],
                role=data["role"],
                scope=scope,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The account has been created."))
            return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@role_required(access.STRUCTURE_ROLES)
def user_detail(request: HttpRequest, user_pk: int) -> HttpResponse:
    person = access.get_managed_user(request.user, user_pk)
    assignments = person.role_assignments.select_related(
        "region", "municipality", "organization__municipality"
    ).order_by("role", "pk")
    events = AuditEvent.objects.filter(
        Q(target_type="accounts.user", target_id=str(person.pk))
        | Q(target_type="accounts.roleassignment", details__user=person.pk)
    ).select_related("actor")[:20]
    return render(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "assignments": assignments,
            "role_form": RoleScopeForm(actor=request.user),
            "events": events,
        },
    )


@role_required(access.STRUCTURE_ROLES)
def user_edit(request: HttpRequest, user_pk: int) -> HttpResponse:
    person = access.get_managed_user(request.user, user_pk)
    initial = {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "patronymic": person.patronymic,
        "email": person.email,
        "is_active": person.is_active,
    }
    form = UserEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if person.pk == request.user.pk and not data["is_active"]:
            form.add_error("is_active", _("You cannot block your own account."))
        else:
            services.user_update(
                actor=request.user,
                user=person,
                last_name=data["last_name"].strip(),
                first_name=data["first_name"].strip(),
                patronymic=data["patronymic"].strip(),
                email=data["email"],
                is_active=data["is_active"],
            )
            messages.success(request, _("The changes have been saved."))
            return redirect("accounts:user_detail", person.pk)
    return render(request, "accounts/user_edit.html", {"form": form, "person": person})


@role_required(access.STRUCTURE_ROLES)
def user_password(request: HttpRequest, user_pk: int) -> HttpResponse:
    person = access.get_managed_user(request.user, user_pk)
    form = SetPasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(
            actor=request.user, user=person, password=form.cleaned_data["new_password1"]
        )
        messages.success(request, _("The new password has been set."))
        return redirect("accounts:user_detail", person.pk)
    return render(request, "accounts/user_password.html", {"form": form, "person": person})


@require_POST
@role_required(access.STRUCTURE_ROLES)
def role_add(request: HttpRequest, user_pk: int) -> HttpResponse:
    person = access.get_managed_user(request.user, user_pk)
    form = RoleScopeForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            services.role_assign(
                actor=request.user,
                user=person,
                role=form.cleaned_data["role"],
                scope=form.cleaned_data["scope"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The role has been given."))
            return redirect("accounts:user_detail", person.pk)
    else:
        for field_errors in form.errors.values():
            for text in field_errors:
                messages.error(request, str(text))
    return redirect("accounts:user_detail", person.pk)


@role_required(access.STRUCTURE_ROLES)
def role_remove(request: HttpRequest, user_pk: int, assignment_pk: int) -> HttpResponse:
    person = access.get_managed_user(request.user, user_pk)
    assignment = access.get_or_404(
        person.role_assignments.select_related("region", "municipality", "organization"),
        pk=assignment_pk,
    )
    if request.method == "POST":
        services.role_revoke(actor=request.user, assignment=assignment)
        messages.success(request, _("The role has been taken away."))
        return redirect("accounts:user_detail", person.pk)
    return render(
        request,
        "accounts/role_remove.html",
        {"person": person, "assignment": assignment},
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {})


@require_POST
@login_required
def switch_role(request: HttpRequest) -> HttpResponse:
    try:
        chosen = int(request.POST.get("role", ""))
    except ValueError:
        chosen = 0
    if any(a.pk == chosen for a in access.assignments(request.user)):
        request.session[ACTIVE_ROLE_SESSION_KEY] = chosen
    else:
        messages.error(request, _("You do not hold this role."))
    return redirect("home")


# --- the second factor of login (TOTP) -----------------------------------------------------


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn the second factor on (scan the QR code, confirm with a code) or off."""
    from nastavnik.accounts import two_factor as tf

    device = tf.confirmed_device(request.user)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        code = request.POST.get("code", "")
        try:
            if action == "confirm":
                pending = TOTPDevice.objects.filter(
                    user=request.user, confirmed=False, pk=request.POST.get("device") or 0
                ).first()
                if pending is None:
                    raise ValidationError(_("Start the setup again."))
                tf.confirm(user=request.user, device=pending, code=code)
                messages.success(
                    request, _("The second factor is on: from now on log in with a code.")
                )
                return redirect("accounts:two_factor")
            if action == "disable":
                tf.disable(user=request.user, code=code)
                messages.success(request, _("The second factor is off."))
                return redirect("accounts:two_factor")
        except ValidationError as exc:
            error = " ".join(exc.messages)
    setup = None
    if device is None and (request.GET.get("setup") or request.POST.get("action") == "confirm"):
        setup = (
            TOTPDevice.objects.filter(
                user=request.user, confirmed=False, pk=request.POST.get("device") or 0
            ).first()
            if request.method == "POST"
            else None
        ) or tf.setup_device(request.user)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": device,
            "setup": setup,
            "qr": tf.qr_svg(setup) if setup else "",
            "secret": tf.secret_text(setup) if setup else "",
            "error": error,
        },
    )


def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """The code of the second factor after the password."""
    from django.utils.http import url_has_allowed_host_and_scheme

    from nastavnik.accounts import two_factor as tf

    if not request.user.is_authenticated:
        return redirect("login")
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    if not request.session.get(tf.PENDING):
        return redirect(target)
    error = ""
    if request.method == "POST":
        try:
            tf.verify(request, request.POST.get("code", ""))
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect(target)
    return render(request, "registration/second_factor.html", {"error": error, "next": target})
