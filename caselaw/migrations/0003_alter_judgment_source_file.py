import common.storage
from django.db import migrations, models


def move_source_documents(apps, schema_editor):
    Judgment = apps.get_model("caselaw", "Judgment")
    names = Judgment.objects.exclude(source_file="").values_list("source_file", flat=True)
    common.storage.move_from_media_root(names)


class Migration(migrations.Migration):
    dependencies = [
        ("caselaw", "0002_history_translated_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="judgment",
            name="source_file",
            field=models.FileField(
                blank=True,
                help_text="Uploaded PDF or DOCX. Deleted from storage on publication.",
                storage=common.storage.private_storage,
                upload_to="caselaw/sources/%Y/",
                verbose_name="source document",
            ),
        ),
        # Source documents uploaded before this migration sit in MEDIA_ROOT.
        migrations.RunPython(move_source_documents, migrations.RunPython.noop, elidable=True),
    ]
