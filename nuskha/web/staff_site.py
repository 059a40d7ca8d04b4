"""The admin site object behind /staff/, titled for cataloguers rather than developers."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class StaffSite(admin.AdminSite):
    site_header = _("nuskha: cataloguing and administration")
    site_title = _("nuskha staff")
    index_title = _("Staff workspace")
    site_url = "/"
