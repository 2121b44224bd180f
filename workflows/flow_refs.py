"""Rewriting the strings Viewflow stores for a flow (Process.flow_class "app/module.Class",
Task.flow_task "app/module.Class.node") when a flow moves to another app or module or a node
is renamed: for the data migrations of the process apps. Plain SQL on Viewflow's tables (its
reference fields would import the flow while reading), the same on PostgreSQL and SQLite."""

PROCESS, TASK, NOTIFICATION = "viewflow_process", "viewflow_task", "workflows_notification"


def move_flow(schema_editor, old, new, renames=()):
    """Flow `old` is `new` now; its nodes `(old_name, new_name)` in `renames` are renamed."""
    with schema_editor.connection.cursor() as cursor:
        for old_node, new_node in renames:
            cursor.execute(
                f"UPDATE {TASK} SET flow_task = %s WHERE flow_task = %s",
                [f"{old}.{new_node}", f"{old}.{old_node}"],
            )
        cursor.execute(f"UPDATE {PROCESS} SET flow_class = %s WHERE flow_class = %s", [new, old])
        prefix = f"{old}."
        cursor.execute(
            f"UPDATE {TASK} SET flow_task = %s || substr(flow_task, %s) "
            f"WHERE substr(flow_task, 1, %s) = %s",
            [f"{new}.", len(prefix) + 1, len(prefix), prefix],
        )


def unmove_flow(schema_editor, old, new, renames=()):
    """The reverse of `move_flow` with the same arguments."""
    move_flow(schema_editor, new, old, [(n, o) for o, n in renames])


def move_urls(schema_editor, old_prefix, new_prefix):
    """Stored notification links under `old_prefix` go under `new_prefix` (a flow's URL label
    changed)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {NOTIFICATION} SET url = %s || substr(url, %s) WHERE substr(url, 1, %s) = %s",
            [new_prefix, len(old_prefix) + 1, len(old_prefix), old_prefix],
        )
