"""The MkDocs adapter: hands the core's pages and assets to MkDocs. Imports only `mkdocs.*`."""
