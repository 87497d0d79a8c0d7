"""Full-text search on PostgreSQL: a stored, generated tsvector column on machina's
post table with a GIN index. Ranking then reads the stored vector instead of
parsing every matching post's text again. Django does not know the column (the
database fills it), so machina's model is unchanged. SQLite needs none of this.
"""

from django.db import migrations

ADD = """
ALTER TABLE forum_conversation_post
ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('english', coalesce(subject, '') || ' ' || coalesce(content, ''))
) STORED;
CREATE INDEX IF NOT EXISTS forum_post_search_vector_idx
ON forum_conversation_post USING GIN (search_vector);
"""
DROP = """
DROP INDEX IF EXISTS forum_post_search_vector_idx;
ALTER TABLE forum_conversation_post DROP COLUMN IF EXISTS search_vector;
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("community_forum", "0001_initial"),
        ("forum_conversation", "0013_auto_20201220_1745"),
    ]
    operations = [migrations.RunPython(add, drop)]
