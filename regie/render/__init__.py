"""Documents: the Jinja templates (sandboxed, a dossier's own templates/ first), Markdown to HTML, and PDF.

Used by the views (documents to read) and by work (documents a change stores, such as a memo).
"""
