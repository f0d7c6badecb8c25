"""The catalog core: model and schema, loading, rules, catalog, history and rendering.

Nothing here imports MkDocs: the command line must start fast, and another site engine must be
able to take the rendered pages as they are.
"""
