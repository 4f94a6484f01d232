from django.db import migrations


def load(apps, schema_editor):
    from committee.bodies.countries import load_countries

    load_countries(apps.get_model("bodies", "Entity"))


class Migration(migrations.Migration):
    dependencies = [("bodies", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
