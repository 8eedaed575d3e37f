"""Changing a case: new cases, intake, afspraken, the plan, escalation, evaluation, handover, closing, notes and signals."""
