"""A GIN index for forum search on PostgreSQL, on exactly the expression that
forum/search.py matches against (so the planner uses it). SQLite needs none."""

from django.db import migrations

from forum.search import DOCUMENT_SQL

INDEX = "forum_post_fulltext_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON forum_conversation_post "
            f"USING GIN ({DOCUMENT_SQL})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("community_forum", "0001_initial"),
        ("forum_conversation", "0013_auto_20201220_1745"),
    ]
    operations = [migrations.RunPython(create_index, drop_index)]
