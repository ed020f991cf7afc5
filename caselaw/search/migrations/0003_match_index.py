from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Match words and the selective filters in one GIN index (btree_gin for the scalars)."""

    dependencies = [
        ("caselaw_search", "0002_sample_index"),
    ]

    operations = [
        BtreeGinExtension(),
        migrations.RemoveIndex(model_name="searchdocument", name="searchdoc_document_gin"),
        migrations.AddIndex(
            model_name="searchdocument",
            index=GinIndex(
                fields=[
                    "document",
                    "court",
                    "outcome",
                    "language",
                    "year",
                    "provision_ids",
                    "exploitation_form_ids",
                    "means_ids",
                ],
                name="searchdoc_match_gin",
            ),
        ),
    ]
