from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Create the extensions full-text search uses: unaccent (diacritics) and pg_trgm
    (similarity for misspelt words and case numbers)."""

    dependencies: list = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
    ]
