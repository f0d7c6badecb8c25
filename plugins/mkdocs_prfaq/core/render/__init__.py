"""Rendering: the catalog as Markdown pages and static assets any site engine can take.

Values from front matter are untrusted: everything written into HTML goes through
:func:`~mkdocs_prfaq.core.render.html.esc`, and links are built from ids and slugs that the
schema has already constrained.
"""
