"""The ``regie`` program's entry point: ``regie --version`` and ``regie --help`` answer before the command line is built.

Building the command line (typer, every command's options) is most of regie's start-up
time; a script asking for the version does not need it.
"""

from __future__ import annotations

import sys


def main() -> None:
    import os

    if "_REGIE_COMPLETE" in os.environ:  # the shell asks for completions: the command line is built for it
        from .app import main as run

        return run()
    if sys.argv[1:] == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"regie {__version__}\n")
        return
    from .menu import top_help, wants_top_help

    if wants_top_help(sys.argv[1:]):
        sys.stdout.write(top_help())
        sys.exit(0 if sys.argv[1:] else 2)  # a bare ``regie`` names no command: like click, exit 2
    from .app import main as run

    run()
