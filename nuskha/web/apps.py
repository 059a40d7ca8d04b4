"""The public site and the shell around the staff UI."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    default = True
    name = "nuskha.web"
    verbose_name = _("Public site")


class StaffAdminConfig(admin_apps.AdminConfig):
    """The Django admin, served at /staff/ as nuskha's cataloguing UI."""

    default = False  # WebConfig is this module's default; this one is named in settings
    default_site = "nuskha.web.staff_site.StaffSite"
