"""``python -m regie``: the same command line (git's merge driver calls regie this way)."""

from .cli.entry import main

main()
