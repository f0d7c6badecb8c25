"""Rendering: the catalog as Markdown pages and static assets any site engine can take.

The pages and the HTML in them come from Jinja2 templates (`core/templates/prfaq/`), which a
site may override one by one (:mod:`~mkdocs_prfaq.core.render.templates`). Values from front
matter are untrusted: the templates escape every value they print, and links are built from ids
and slugs that the schema has already constrained.
"""
