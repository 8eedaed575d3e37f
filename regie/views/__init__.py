"""Read models and documents: what is due, overviews, the agenda, the report, the inzage export, templates."""
