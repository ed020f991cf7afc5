import common.storage
from django.db import migrations, models


def move_course_materials(apps, schema_editor):
    CourseMaterial = apps.get_model("trainings", "CourseMaterial")
    names = CourseMaterial.objects.exclude(file="").values_list("file", flat=True)
    common.storage.move_from_media_root(names)


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0002_course_judgments"),
    ]

    operations = [
        migrations.AlterField(
            model_name="coursematerial",
            name="file",
            field=models.FileField(
                storage=common.storage.private_storage,
                upload_to="trainings/materials/%Y/",
                verbose_name="file",
            ),
        ),
        # Course materials uploaded before this migration sit in MEDIA_ROOT.
        migrations.RunPython(move_course_materials, migrations.RunPython.noop, elidable=True),
    ]
