"""Reading the dossier: the typed model, YAML and schemas, the loader, the rules and ``validate``."""
