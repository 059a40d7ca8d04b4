"""Staff logins for a local demo: an administrator and a cataloguer per institution.

The password is made once and kept in the data directory (readable by its owner only),
so every run of `nuskha demo` can print it. Accounts that exist are left alone: a
password a person has changed is never reset.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from nuskha.catalogue.models import Institution, StaffProfile
from nuskha.catalogue.roles import CATALOGUERS


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    created: bool


def demo_password(data_dir: Path) -> str:
    password_file = data_dir / "demo-password"
    if not password_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        password_file.write_text(secrets.token_urlsafe(12), encoding="utf-8")
        password_file.chmod(0o600)
    return password_file.read_text(encoding="utf-8").strip()


def ensure_demo_logins(data_dir: Path) -> list[DemoLogin]:
    password = demo_password(data_dir)
    logins = [_ensure_user("admin", password, "administrator", institution=None)]
    for institution in Institution.objects.order_by("code"):
        username = f"cataloguer-{institution.code.lower()}"
        logins.append(
            _ensure_user(username, password, f"cataloguer at {institution.code}", institution)
        )
    return logins


def _ensure_user(
    username: str, password: str, role: str, institution: Institution | None
) -> DemoLogin:
    User = get_user_model()
    # An address, so the demo's e-mail (the console backend) has someone to write to:
    # the cooperation demo names these logins as responsible for its agreements.
    email = f"{username}@example.org"
    user = User.objects.filter(username=username).first()
    if user is not None:
        if not user.email:
            User.objects.filter(pk=user.pk).update(email=email)
        return DemoLogin(username, password, role, created=False)
    if institution is None:
        User.objects.create_superuser(username, email, password)
    else:
        user = User.objects.create_user(username, email, password, is_staff=True)
        user.groups.add(Group.objects.get(name=CATALOGUERS))
        StaffProfile.objects.create(user=user, institution=institution)
    return DemoLogin(username, password, role, created=True)
