"""Privacy by design: finding personal data where it does not belong (and, later, identity, retention, erasure)."""
