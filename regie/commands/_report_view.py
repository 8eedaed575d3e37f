"""The terminal summary of ``regie report`` (rich tables); presentation only.

rich is imported when a summary is shown, so that ``report --format csv`` (and the rest) never loads it.
"""

from __future__ import annotations

from ..safetext import printable_tree
from ..taal import aantal, nl_num, nl_percent
from ..views.report.labels import category


def show(r: dict) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    r = printable_tree(r)
    r["netwerk"] = escape(r["netwerk"])
    console = Console(highlight=False)
    p = r["periode"]
    console.print(f"[bold]{p['titel']} {r['netwerk']} — {p['naam']}[/]"
                  + (" (loopt nog)" if p["loopt_nog"] else "") + f"; {nl_num(r['casussen'])} casussen; x = niet getoond (klein aantal)")
    i = r["instroom"]
    t = Table(title="Instroom en uitstroom", show_header=False)
    for label, value in [("meldingen", i["meldingen"]), ("geopend", i["geopend"]), ("gesloten", i["gesloten"]),
                         ("overgedragen", i["overgedragen"]), ("in zorg begin", i["in_zorg_begin"]), ("in zorg eind", i["in_zorg_eind"])]:
        t.add_row(label, nl_num(value))
    console.print(t)
    d = r["doorlooptijden"]
    t = Table(title="Doorlooptijden (dagen)")
    for col in ("", "n", "mediaan", "p90", "boven termijn"):
        t.add_column(col)
    t.add_row("melding → plan", str(d["melding_tot_plan"]["n"]), nl_num(d["melding_tot_plan"]["mediaan"]),
              nl_num(d["melding_tot_plan"]["p90"]), str(d["melding_tot_plan"]["boven_termijn"]))
    t.add_row("melding → sluiting", str(d["melding_tot_sluiting"]["n"]), nl_num(d["melding_tot_sluiting"]["mediaan"]),
              nl_num(d["melding_tot_sluiting"]["p90"]), "-")
    console.print(t)
    a = r["afspraken"]
    t = Table(title="Afspraken per partner")
    for col in ("partner", "gemaakt", "deadline in periode", "op tijd", "te laat", "niet gedaan", "vervallen", "% op tijd"):
        t.add_column(col)
    for key, v in [*a["per_partner"].items(), ("", a["totaal"])]:
        t.add_row(escape(a["namen"][key] if a["namen"][key] != key else category(key)) if key else "[bold]totaal[/]",
                  *(nl_num(v[k]) for k in ("gemaakt", "deadline_in_periode", "op_tijd", "te_laat", "open_na_deadline", "vervallen")),
                  nl_percent(v["percentage_op_tijd"]))
    console.print(t)
    e = r["escalaties"]
    console.print(f"Opschaling: {aantal(e['stappen'], 'stap')}, {e['opgelost']} opgelost, {e['open_eind']} open aan het eind, "
                  f"mediaan {nl_num(e['dagen_tot_oplossing']['mediaan'])} dagen tot oplossing")
    u = r["uitkomsten"]["totaal"]
    console.print(f"Uitkomsten (ZRM): {u['verbeterd']} verbeterd, {u['gelijk']} gelijk, {u['verslechterd']} verslechterd; "
                  f"samenwerking gemiddeld {nl_num(r['uitkomsten']['samenwerking']['gemiddeld'])}")
    g, h = r["uitkomsten"]["doelen"]["totaal"], r["uitkomsten"]["hermeldingen"]
    console.print(f"Doelen afgerond: {g['afgerond']} ({g['bereikt']} bereikt, {g['vervallen']} vervallen, {g['open_bij_sluiting']} "
                  f"open bij sluiting); doelscore gehaald {g['doelscore_gehaald']} van {g['met_doelscore']}; "
                  f"hermeldingen {h['aantal']} van {h['van']} meldingen")
    n = r["netwerkgericht"]
    console.print(f"Netwerkgericht: naasten in plan {n['naasten_in_plan']['aantal']}/{n['naasten_in_plan']['van']}, "
                  f"VIP-kaart {n['vip_kaart']['aantal']}/{n['vip_kaart']['van']}, CTI genoeg bijeenkomsten "
                  f"{n['cti_genoeg_netwerkbijeenkomsten']['aantal']}/{n['cti_genoeg_netwerkbijeenkomsten']['van']}")
    if "consultaties" in n:
        k, vl = n["consultaties"], n["voorlichting"]
        console.print(f"Consultaties: {nl_num(k['totaal'])} ({nl_num(k['vervolg_open_eind'])} met open vervolg); "
                      f"voorlichting: {nl_num(vl['bijeenkomsten'])} keer, 6a {nl_num(vl['per_werkproces']['6a'])}, "
                      f"6b {nl_num(vl['per_werkproces']['6b'])}")
    c = r["caseload"]
    names = r.get("regisseur_namen", {})
    load = (", ".join(f"{names.get(k, k)} {v}" for k, v in c["open_per_regisseur"].items()) if "open_per_regisseur" in c
            else f"{c['open']['casussen']} open bij {c['open']['regisseurs']} regisseurs")
    console.print(f"Caseload: {load}; {aantal(c['regisseur_gewisseld'], 'casus')} met wissel van regisseur")
    console.print(f"Signalen: {sum(len(g['signalen']) for g in r['signalen'].values())} in {aantal(len(r['signalen']), 'groep')}")
    for g in r["signalen"].values():
        for s in g["signalen"]:
            console.print(f"  {s['id']} {escape(s['over'])} — {s['status']}"
                          + (f"; antwoord: {escape(s['antwoord'])}" if s["antwoord"] else ""))
    v = r["veiligheid"]["totaal"]
    console.print(f"Meldcode: {nl_num(v['meldcode_stappen'])} stappen, {nl_num(v['gemeld_bij_veilig_thuis'])} gemeld bij Veilig Thuis; "
                  f"verwijsindex: {nl_num(v['verwijsindex_signalen'])} signalen, {nl_num(v['verwijsindex_matches'])} matches")


def show_comparison(v: dict) -> None:
    """``report --vergelijk`` on a terminal: every figure of both periods and the difference."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    v = printable_tree(v)
    a, b = v["periode"]["kort"], v["vergelijk"]["kort"]
    console = Console(highlight=False)
    console.print(f"[bold]Vergelijking {a} met {b} — {escape(v['netwerk'])}[/] (verschil = {a} min {b})")
    t = Table()
    for col in ("onderdeel", "cijfer"):
        t.add_column(col, justify="left", overflow="fold")
    for col in (a, b, "verschil"):
        t.add_column(col, justify="right", overflow="fold")
    def cell(x) -> str:
        return x if isinstance(x, str) else nl_num(x)

    for r in v["cijfers"]:
        d = r["verschil"]
        t.add_row(escape(r["onderdeel_naam"]), escape(r["cijfer_naam"]), cell(r["periode"]), cell(r["vergelijk"]),
                  "-" if d is None else (f"+{nl_num(d)}" if d > 0 else nl_num(d)))
    console.print(t)
