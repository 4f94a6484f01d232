from django.db import migrations


def load(apps, schema_editor):
    from committee.countries import load_countries

    load_countries(apps.get_model("committee", "Entity"))


class Migration(migrations.Migration):
    dependencies = [("committee", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
