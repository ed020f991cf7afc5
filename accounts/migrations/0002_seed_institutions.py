from django.db import migrations


def seed_institutions(apps, schema_editor):
    from accounts.reference_data import seed_institutions as seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(seed_institutions, migrations.RunPython.noop)]
