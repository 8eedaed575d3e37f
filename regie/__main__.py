"""``python -m regie``: the same command line (git's merge driver calls regie this way)."""

from .entry import main

main()
