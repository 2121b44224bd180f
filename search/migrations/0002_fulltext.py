"""The engine-specific full-text structures of the database backend."""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector",
    "CREATE INDEX search_searchentry_vector ON search_searchentry USING GIN (vector)",
    "CREATE INDEX search_searchentry_numbers ON search_searchentry "
    "USING GIN (string_to_array(numbers, ' '))",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_searchentry_numbers",
    "DROP INDEX IF EXISTS search_searchentry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
]
# Lemmas go in, so the tokenizer only splits and lower-cases; diacritics are kept (й is not и).
SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')"
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_fts"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRES, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
