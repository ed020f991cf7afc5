from django.db import migrations


def create_role_groups(apps, schema_editor):
    from accounts.services import role_groups_sync

    role_groups_sync(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    """Create one group per role with the permissions listed in accounts.roles."""

    dependencies = [
        ("accounts", "0002_seed_institutions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
