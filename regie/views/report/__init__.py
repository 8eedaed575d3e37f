"""``regie report``: management information for a period (werkproces 4c, 2d; seed 004).

One module per part: ``figures`` (which cases count; inflow, lead times, agreements,
escalations, network work, caseload, signals), ``outcomes`` (goals, ZRM shifts, re-meldingen),
``disclosure`` (primary and complementary suppression, --no-ids), ``labels`` (Dutch names of figures and
periods), ``comparison`` (--vergelijk) and ``build``
(the whole report, and as text). Import from the module that holds a name.
"""
