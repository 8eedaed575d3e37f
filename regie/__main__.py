"""``python -m regie``: the same command line (git's merge driver calls regie this way)."""

from .cli import main

main()
