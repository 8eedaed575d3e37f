"""The command line's machinery: the typer app and its error boundary (:mod:`.app`), the console script
(:mod:`.entry`), the fast ``--help`` (:mod:`.menu`), typer's own words in Dutch (:mod:`.framework_nl`),
tab completion (:mod:`.completion`) and the declared parameter types (:mod:`.params`).

The commands themselves live one per module in :mod:`regie.commands`. Kept empty: ``regie --help``
imports :mod:`.menu` through this package and must stay fast.
"""
