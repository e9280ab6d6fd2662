"""The MkDocs adapter: the plugin's events, its options, navigation and the HTML it adds; everything else is delegated to the core. The only subpackage that imports mkdocs."""
