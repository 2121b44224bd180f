"""Phrase keys, GIN-indexed on PostgreSQL; there also the vector generated from the lemmas,
and lz4 for the long values.

A quoted phrase used to be checked against the positions of every vector holding its words
(GIN keeps no positions): hundreds of milliseconds for common words. The keys of every run of
two and three lemmas (search.text.phrase_keys) make it an index lookup. A generated vector is
written with the row (an UPDATE after the insert wrote every row and index entry twice). lz4
reads back about twice as fast as the default pglz."""

from django.db import migrations

import search.models


def lz4_available(cursor) -> bool:
    cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
    row = cursor.fetchone()
    return bool(row) and "lz4" in row[0]


VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, title_lemmas), 'A') ||"
    " setweight(to_tsvector('simple'::regconfig, text_lemmas), 'B')"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.indexing import entry_phrase_keys

    table = "ALTER TABLE search_searchentry ALTER COLUMN"
    # Hashes do not compress: storing them plainly spares a futile attempt on every write.
    schema_editor.execute(f"{table} phrase_keys SET STORAGE EXTERNAL")
    with schema_editor.connection.cursor() as cursor:
        lz4 = lz4_available(cursor)
    schema_editor.execute("DROP INDEX search_searchentry_vector")
    schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN vector")
    SearchEntry = apps.get_model("search", "SearchEntry")
    field, connection = search.models.PhraseKeysField(), schema_editor.connection
    rows = SearchEntry.objects.values_list("pk", "title_lemmas", "text_lemmas").order_by("pk")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:500]):
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchentry SET phrase_keys = %s WHERE id = %s",
                [
                    (field.get_db_prep_value(entry_phrase_keys(title, text), connection), pk)
                    for pk, title, text in batch
                ],
            )
        last = batch[-1][0]
    if lz4:
        schema_editor.execute("SET LOCAL default_toast_compression = lz4")  # for the rewrite
    schema_editor.execute(
        f"ALTER TABLE search_searchentry ADD COLUMN vector tsvector"
        f" GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    if lz4:
        for column in ("vector", "text", "title_lemmas", "text_lemmas"):
            schema_editor.execute(f"{table} {column} SET COMPRESSION lz4")
    for column in ("vector", "phrase_keys"):
        schema_editor.execute(
            f"CREATE INDEX search_searchentry_{column} ON search_searchentry USING GIN ({column})"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX search_searchentry_phrase_keys")
        schema_editor.execute("DROP INDEX search_searchentry_vector")
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN vector")
        schema_editor.execute("ALTER TABLE search_searchentry ADD COLUMN vector tsvector")
        schema_editor.execute(f"UPDATE search_searchentry SET vector = {VECTOR}")
        schema_editor.execute(
            "CREATE INDEX search_searchentry_vector ON search_searchentry USING GIN (vector)"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0005_entry_readers")]
    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="phrase_keys",
            field=search.models.PhraseKeysField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
