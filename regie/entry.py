"""The ``regie`` program's entry point: ``regie --version`` answers before the command line is built.

Building the command line (typer, every command's options) is most of regie's start-up
time; a script asking for the version does not need it.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"regie {__version__}\n")
        return
    from .cli import main as run

    run()
