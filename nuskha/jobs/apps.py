"""Jobs app: finds every app's job functions (its `jobs` module) at start-up."""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "nuskha.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        import nuskha.jobs.housekeeping  # noqa: F401  (registers its job functions)

        autodiscover_modules("jobs")
