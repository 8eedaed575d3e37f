"""regie: dossiers of a netwerkregisseur kept as plain files in git.

The core modules (everything outside ``regie.cli`` and ``regie.commands``) never
import typer or rich, so they can be used as a library and stay cheap to import.
"""

__version__ = "0.2.0"
