"""Toon één casus op één scherm: status, melding, plan, betrokkenen, afspraken, deadlines, escalaties."""

from __future__ import annotations

from typing import Annotated

from ..cli import console, context, documents, params
from ..dossier.loader import load_case
from ..dossier.meldcode import CONCLUSIES
from ..taal import describe_days
from ..views.overview import case_summary


def run(
    case: params.Case,
    fmt: Annotated[params.DataFormat, params.format_option("text of json.")] = params.DataFormat.text,
    out: params.Output = None,
) -> None:
    net, c, _ = load_case(context.root(), case)
    s = case_summary(net, c, context.today())
    if fmt is params.DataFormat.json:
        with documents.writing(out):
            console.echo_json(s)
        return
    lines = [
        f"casus {s['id']} ({s['pseudoniem']}) — {s['status']}, urgentie {s['urgentie']}, traject {s['traject']}",
        f"regisseur {s['regisseur']}" + (f", casemanager {s['casemanager']}" if s["casemanager"] else "")
        + f"; geopend {s['geopend']}" + (f", gesloten {s['gesloten']}" if s["gesloten"] else ""),
        f"toestemming: {s['toestemming']}" + (f" (voor {', '.join(s['toestemming_partners']) or 'geen partners'})"
                                               if s["toestemming_partners"] is not None else ""),
        f"leefgebieden: {', '.join(s['leefgebieden']) or '-'}",
    ]
    if s["melding"]:
        m = s["melding"]
        lines.append(f"melding {m['datum']}: {m['aard']} (door {m['melder']}" + (f", {m['organisatie']})" if m["organisatie"] else ")"))
    if s["huishouden"]:
        h = s["huishouden"]
        lines.append(f"huishouden {h['id']}: " + (", ".join(f"{m['id']} {m['rol']}" + (f" {m['geboortejaar']}" if m["geboortejaar"] else "")
                                                          for m in h["leden"]) or "geen leden vastgelegd"))
    if s["cti_fasen"]:
        lines.append("cti: " + ", ".join(f"{f['fase']} vanaf {f['van']}" + (f" ({', '.join(f['doelen'])})" if f["doelen"] else "")
                                         for f in s["cti_fasen"]))
    if s["intake"]:
        i = s["intake"]
        lines.append(f"intake {i['datum']}: {i['besluit']}" + (f", verwezen naar {i['verwezen_naar']}" if i["verwezen_naar"] else ""))
    if s["plan"]:
        p = s["plan"]
        lines.append(f"plan versie {p['versie']}, " + (f"vastgesteld {p['vastgesteld']}" if p["vastgesteld"] else "niet vastgesteld"))
        lines += [f"  {g['id']} {g['leefgebied']}: {g['startscore'] or '?'} -> {g['doelscore'] or '?'}" for g in p["doelen"]]
    if s["betrokkenen"]:
        b = s["betrokkenen"]
        lines.append("professionals: " + (", ".join(f"{x['id']} ({x['organisatie']})" for x in b["professionals"]) or "-"))
        lines.append("naasten: " + (", ".join(f"{n['id']} ({n['relatie']}{', betrokken' if n['betrokken'] else ''})" for n in b["naasten"]) or "-"))
    a = s["afspraken"]
    lines.append(f"afspraken: {a['open']} open, {a['gedaan']} gedaan, {a['vervallen']} vervallen")
    for d in s["deadlines"]:
        lines.append(f"  {d['deadline']} {d['id']:<9} {describe_days(d['dagen']):<17} {d['wat']}")
    for e in s["escalaties_open"]:
        lines.append(f"open escalatie {e['id']}: niveau {e['niveau']} over {'de cliënt' if e['over'] == 'client' else e['over']} "
                     f"sinds {e['datum']}")
    for e in s["evaluaties"]:
        lines.append(f"evaluatie {e['datum']} ({e['soort']})" + (f": {e['besluit']}" if e["besluit"] else ""))
    if s["meldcode"]:
        lines += meldcode_lines(s["meldcode"])
    if s["verwijsindex"]:
        v = s["verwijsindex"]
        parts = ([f"signaal {v['signaal']['datum']} ({v['signaal']['organisatie']})"] if v["signaal"] else ["geen signaal"]) + (
            [f"match {v['match']['datum']} ({', '.join(v['match']['organisaties'])})"] if v["match"] else []) + (
            [f"regievoerder {v['regievoerder']}"] if v["regievoerder"] else [])
        lines.append("verwijsindex: " + ", ".join(parts))
    with documents.writing(out):
        console.echo("\n".join(lines))


def meldcode_lines(m: dict) -> list[str]:
    out = ["meldcode:"]
    for step in m["stappen"]:
        line = f"  stap {step['stap']} {step['datum']} ({step['wie']}): {step['naam']}"
        if step.get("overgeslagen"):
            line += f" — overgeslagen ({step['overgeslagen']})"
        if step.get("veilig_thuis_geraadpleegd"):
            line += "; Veilig Thuis geraadpleegd"
        if others := [r for r in step.get("geraadpleegd") or [] if r != "veilig-thuis"]:
            line += "; geraadpleegd: " + ", ".join(others)
        if step.get("conclusie"):
            line += f" — {CONCLUSIES[step['conclusie']]}"
        if step.get("besluit"):
            line += " — " + " en ".join(step["besluit"])
            line += f", gemeld {step['gemeld']}" if step.get("gemeld") else ""
            line += f", vraag 5 uiterlijk {step['vraag5_voor']}" if step.get("vraag5_voor") else ""
        out.append(line)
    out.append("  gezin geïnformeerd: " + (m["gezin_geinformeerd"] or ("nee (reden vastgelegd)" if m["gezin_niet_geinformeerd"] else "nog niet vastgelegd")))
    return out
