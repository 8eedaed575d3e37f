"""Changing a case: new cases, afspraken, the plan, escalation, lifecycle, notes and signals."""
