"""One module per ``regie`` command; each converts arguments, calls the core, prints."""
