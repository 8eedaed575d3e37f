"""All Jinja: the template environment, the dossier's own overrides, and clear template errors.

A file in the dossier repository's ``templates/`` overrides the built-in template of
the same name. Such a template comes with a cloned repository, so it is untrusted code:
every template runs in Jinja's immutable sandbox, which refuses access to Python's
internals (``__globals__``, ``__class__``, ...) and changes to the data. Templates run
with ``StrictUndefined`` so a template that names a missing field fails loudly, and HTML
templates are autoescaped. Any error while rendering is a Dutch message with file and line.
"""

from __future__ import annotations

import json
import signal
import threading
import time
import traceback
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from .. import limits
from ..clock import nl_date
from ..dossier.network import LEEFGEBIED_NAMEN
from ..errors import TemplateError
from ..formats.yamlio import parse_yaml
from ..layout import CONFIG, TEMPLATES_DIR
from ..taal import aantal, describe_days, nl_num, nl_percent
from .jinja_errors import jinja_message, open_block


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent.parent  # regie/
    for candidate in (package / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise TemplateError("ingebouwde templates niet gevonden; installeer regie opnieuw")


def markdown_to_html(text: str) -> Any:
    """Markdown written in the dossier, as HTML for a page; raw HTML in it is escaped, not passed on."""
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    # a Markdown table's header cells head columns (only its first row has them): say so, for screen readers
    return Markup(html.replace("<th>", '<th scope="col">').replace("<th style=", '<th scope="col" style='))


def count_value(value: Any) -> float:
    """A count as a number for a chart: a hidden count ('x') draws no bar."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def demote_headings(text: str) -> str:
    """Push Markdown headings one level down, so a file's '# Title' fits inside a document."""
    return "\n".join("#" + line if line.startswith("#") else line for line in text.split("\n"))


def _quote(value: Any) -> str:
    """A YAML scalar for ``value`` (JSON strings are valid YAML and escape everything needed)."""
    if value is None:
        return "null"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def _inside_templates(path: Path, folders: list[Path], name: str) -> None:
    """Refuse a template file that is, or lies behind, a symbolic link, or that resolves outside its folder."""
    for folder in folders:
        try:
            parts = path.relative_to(folder).parts
        except ValueError:
            continue
        here = folder
        for part in parts:
            here = here / part
            if here.is_symlink():
                raise TemplateError(f"sjabloon '{name}' is een symbolische link ({TEMPLATES_DIR}/{'/'.join(parts)}); "
                                    "regie leest geen links als sjabloon")
        if folder.resolve() not in path.resolve().parents:
            raise TemplateError(f"sjabloon '{name}' ligt buiten de map met sjablonen")
        return
    raise TemplateError(f"sjabloon '{name}' ligt buiten de map met sjablonen")


def _range(*args: int) -> range:
    """range() in a template, bounded (the sandbox's own bound, 100,000, nested twice is a hang)."""
    r = range(*args)
    if len(r) > limits.TEMPLATE_RANGE:
        raise _Overrun(f"range() in een sjabloon mag hoogstens {_n(limits.TEMPLATE_RANGE)} getallen geven, niet {_n(len(r))}")
    return r


def _n(count: int) -> str:
    return f"{count:_}".replace("_", ".")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse a repetition or power whose result would be larger than a document may be."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > limits.TEMPLATE_CHARS:
                raise _Overrun("sjabloon maakt een te grote tekst of lijst (herhaling met *)")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right * left.bit_length() > 100_000:
        raise _Overrun("sjabloon rekent met een te grote macht (**)")


@lru_cache(maxsize=8)
def environment(repo_root: Path | None):
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    paths = []
    own = repo_root / TEMPLATES_DIR if repo_root is not None else None
    if own is not None and own.is_symlink():
        raise TemplateError(f"{TEMPLATES_DIR}/ is een symbolische link; regie leest alleen sjablonen in de repository zelf")
    if own is not None and own.is_dir():
        paths.append(str(own))
    paths.append(str(builtin_templates()))

    class TemplatesOnly(jinja2.FileSystemLoader):
        """A template is a file inside a templates folder: never through a symbolic link, never outside it (a
        cloned dossier's template must not be able to include the user's key, or any other file)."""

        def get_source(self, environment, template):
            source, filename, uptodate = super().get_source(environment, template)
            _inside_templates(Path(filename), [Path(p) for p in self.searchpath], template)
            return source, filename, uptodate

    class Bounded(ImmutableSandboxedEnvironment):
        """The sandbox, with bounds on what one expression may build: ``'x' * 10**9`` or ``9 ** 9 ** 9`` is refused
        before it is computed (Jinja's documented hook, ``intercepted_binops``)."""

        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

    env = Bounded(
        loader=TemplatesOnly(paths),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "html.j2"), default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = _quote
    env.globals["range"] = _range

    env.filters["aantal"] = aantal
    env.filters["cell"] = lambda v: "-" if v is None or v == "" else str(v).replace("|", "\\|").replace("\n", " ")
    env.filters["nl_date"] = nl_date
    env.filters["nl_percent"] = nl_percent
    env.filters["markdown"] = markdown_to_html
    env.filters["demote"] = demote_headings

    env.filters["te_laat"] = describe_days
    env.filters["count_value"] = count_value
    env.filters["sum_values"] = lambda d, keys: sum(count_value(d[k]) for k in keys)
    env.filters["partner_row"] = lambda kv, names: (names.get(kv[0], kv[0]), kv[1])
    env.filters["org_name"] = lambda org, names: names.get(org, org)
    env.filters["leefgebied"] = jinja2.pass_context(_leefgebied)
    env.globals["netwerknaam"] = jinja2.pass_context(lambda context: _config(context.get("_repo_root")).get("naam", ""))

    env.filters["nl_num"] = nl_num
    env.filters["evaluatie_soort"] = lambda soort: EVALUATIE_SOORTEN.get(soort, soort)
    return env


EVALUATIE_SOORTEN = {"tussentijds": "tussentijdse evaluatie", "eind": "eindevaluatie", "nazorg": "nazorgevaluatie"}


def _leefgebied(context, slug: Any) -> str:
    """The name of a leefgebied in a document (Financiën, not financien)."""
    names = leefgebied_namen(context.get("_repo_root"))
    return names.get(slug, slug) if isinstance(slug, str) else slug


_CONFIG_READ: dict[tuple, dict] = {}  # (regie.yaml, its size and mtime) -> its data: read once, not per document


def leefgebied_namen(repo_root: Path | None) -> dict[str, str]:
    """The names of the leefgebieden: the Zelfredzaamheid-Matrix's, renamed by regie.yaml's leefgebied_namen.

    Only a template that names a leefgebied asks, and regie.yaml is read once while it is unchanged.
    """

    names = dict(LEEFGEBIED_NAMEN)
    renamed = _config(repo_root).get("leefgebied_namen")
    if isinstance(renamed, dict):
        names.update({str(k): str(v) for k, v in renamed.items()})
    return names


def _config(repo_root: Path | None) -> dict:
    """regie.yaml as documents use it (the network's name, its names of leefgebieden): read once while it is
    unchanged; an unreadable one is validate's finding, and documents go on without it."""
    if repo_root is None:
        return {}
    path = repo_root / CONFIG
    try:
        st = path.stat()
    except OSError:
        return {}
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _CONFIG_READ:
        try:
            data = parse_yaml(path.read_text(encoding="utf-8"), CONFIG)
        except Exception:  # noqa: BLE001 - see above
            data = {}
        _CONFIG_READ.clear()
        _CONFIG_READ[key] = data if isinstance(data, dict) else {}
    return _CONFIG_READ[key]


def render(name: str, context: dict[str, Any], repo_root: Path | None = None) -> str:
    """Render template ``name``; any template problem becomes a TemplateError naming file and line.

    A template is code that came with the repository: it gets ``limits.TEMPLATE_SECONDS`` and
    ``limits.TEMPLATE_CHARS`` of output, then it is stopped with a Dutch message instead of hanging.
    """
    import jinja2
    from jinja2.sandbox import SecurityError

    env = environment(repo_root)
    template = None
    try:
        template = env.get_template(name)
        return _bounded(template, {**context, "_repo_root": repo_root})
    except jinja2.TemplateSyntaxError as exc:
        where = _relative(exc.filename, repo_root) if exc.filename else name
        message = jinja_message(exc.message or "")
        opened = open_block(env, exc.source, exc.message or "")
        if opened is not None:
            message += f"; het blok begint op regel {opened}"
        raise TemplateError(f"fout in sjabloon: {message}", path=where, line=opened or exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        if exc.name in (None, name):
            raise TemplateError(f"sjabloon '{name}' niet gevonden") from None
        path, line = _template_frame(exc, name, repo_root)
        raise TemplateError(f"sjabloon '{exc.name}' niet gevonden (het sjabloon neemt het op)", path=path, line=line) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc, name, repo_root)
        raise TemplateError(f"template gebruikt een veld dat er niet is: {exc.message}", path=path, line=line) from None
    except _Overrun as exc:
        path, line = _template_frame(exc, name, repo_root)
        if line is None and template is not None and template.filename:
            path = _relative(template.filename, repo_root)  # stopped between two pieces of output: no line to name
        raise TemplateError(str(exc), path=path, line=line, code="sjabloon-te-groot") from None
    except SecurityError as exc:
        path, line = _template_frame(exc, name, repo_root)
        raise TemplateError(
            f"template probeert iets wat niet mag (toegang tot de binnenkant van Python of wijzigen van gegevens): {exc}",
            path=path, line=line, code="template-onveilig",
        ) from None
    except TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001 - any other failure inside a template is the template's
        path, line = _template_frame(exc, name, repo_root)
        raise TemplateError(f"fout in template bij het invullen: {_describe(exc)}", path=path, line=line) from None


class _Overrun(Exception):
    """A template ran too long or wrote too much."""


def _bounded(template: Any, context: dict[str, Any]) -> str:
    """The template's text, stopped (``_Overrun``) past the time or size bound.

    The size and the clock are checked at every piece of output; a loop that writes nothing is stopped by a
    timer signal when regie runs in its main thread (as a command always does).
    """
    seconds, most = limits.TEMPLATE_SECONDS, limits.TEMPLATE_CHARS
    too_long = f"sjabloon loopt te lang (meer dan {nl_num(seconds)} seconden); een lus te veel?"
    deadline = time.monotonic() + seconds
    parts: list[str] = []
    size = 0
    with _timer(seconds, too_long):
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > most:
                raise _Overrun(f"sjabloon maakt een te groot document (meer dan {_n(most)} tekens)")
            if time.monotonic() > deadline:
                raise _Overrun(too_long)
            parts.append(chunk)
    return "".join(parts)


@contextmanager
def _timer(seconds: float, message: str) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise _Overrun(message)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _relative(filename: str, repo_root: Path | None) -> str:
    """A template file as the user knows it: relative to the repository, or the built-in template's name."""
    path = Path(filename)
    for top, prefix in ((repo_root, ""), (builtin_templates(), "ingebouwd sjabloon ")):
        if top is not None and top.resolve() in path.resolve().parents:
            return prefix + path.resolve().relative_to(top.resolve()).as_posix()
    return path.name


def _describe(exc: Exception) -> str:
    known = {
        ZeroDivisionError: "deling door nul",
        RecursionError: "te diepe herhaling (roept een macro zichzelf aan?)",
        OverflowError: "getal of datum buiten bereik",
        TypeError: "verkeerd soort waarde",
        ValueError: "ongeldige waarde",
        KeyError: "onbekende sleutel",
        IndexError: "index buiten de lijst",
        AttributeError: "onbekend attribuut",
    }
    for kind, dutch in known.items():
        if isinstance(exc, kind):
            return f"{dutch} ({type(exc).__name__})"
    return type(exc).__name__


def _template_frame(exc: BaseException, name: str, repo_root: Path | None = None) -> tuple[str, int | None]:
    """The template file and line where a render error happened (Jinja rewrites the traceback).

    A template of the dossier repository is named relative to the repository.
    """
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".md", ".html", ".yaml", ".txt")) or "/templates/" in frame.filename:
            path = Path(frame.filename)
            if repo_root is not None and repo_root in path.parents:
                return path.relative_to(repo_root).as_posix(), frame.lineno
            return frame.filename, frame.lineno
    return name, None
