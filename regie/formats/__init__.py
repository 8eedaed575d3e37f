"""The file formats of a dossier: YAML read fast (with lines on demand) and YAML edited without losing a comment.

Below the dossier and the store, so that reading (``dossier``) and writing (``store``,
``work``) use the same helpers.
"""
