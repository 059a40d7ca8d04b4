"""Reference data: the languages and scripts records are catalogued in."""

from django.db import migrations

from nuskha.catalogue.reference_data import ensure_reference_data


def add_reference_data(apps, schema_editor):
    ensure_reference_data(apps.get_model("catalogue", "Language"), apps.get_model("catalogue", "Script"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
