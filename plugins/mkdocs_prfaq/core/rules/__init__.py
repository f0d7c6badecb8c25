"""The rules: each has a stable name, a default severity and a category.

Checks produce raw findings carrying a rule name; :func:`mkdocs_prfaq.core.check.check_corpus`
applies the configured severities afterwards, so no check knows about configuration.
"""
