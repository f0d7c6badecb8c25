"""mkdocs-prfaq: a working-backwards handbook and PR/FAQ catalog.

The package has a core (:mod:`mkdocs_prfaq.core`) that knows nothing of MkDocs, and two thin
adapters over it: the command line (:mod:`mkdocs_prfaq.cli`) and the MkDocs plugin
(:mod:`mkdocs_prfaq.mkdocs`).
"""

__version__ = "0.1.0"
