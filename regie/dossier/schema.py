"""The JSON Schemas of the dossier files: loading, compiling once, Dutch messages.

The schemas in ``regie/schemas/`` are standard JSON Schema (2020-12), so editors
and other validators can use them too (``regie schema export``).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from ..clock import DATE_RULE, to_date
from ..errors import RegieError
from ..layout import schema_names
from ..store.files import write_bytes_atomic, write_text_atomic
from ..taal import aantal

KINDS = schema_names()  # one schema per checked kind of file in the table of record kinds

_TYPE_NL = {
    "string": "een tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "ja of nee (true/false)",
    "array": "een lijst",
    "object": "een lijst van 'sleutel: waarde'",
    "null": "leeg",
}


def schema_text(kind: str) -> str:
    return resources.files("regie").joinpath("schemas").joinpath(f"{kind}.json").read_text(encoding="utf-8")


_DATES: dict[str, bool] = {}  # date text -> valid? (the same dates recur in every file)


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    known = _DATES.get(value)
    if known is None:
        known = to_date(value) is not None
        if len(_DATES) < 20_000:
            _DATES[value] = known
    return known


def _python_patterns(node: Any) -> Any:
    """The schema with each pattern's closing ``$`` as ``\\Z``.

    The schema files are standard JSON Schema (ECMA regexes, where ``$`` is the very end);
    Python's ``$`` also matches before a final newline, which would let ``"A1\\n"`` pass.
    """
    if isinstance(node, dict):
        out = {k: _python_patterns(v) for k, v in node.items()}
        pattern = out.get("pattern")
        if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$"):
            out["pattern"] = pattern[:-1] + "\\Z"
        return out
    if isinstance(node, list):
        return [_python_patterns(v) for v in node]
    return node


def _schema(kind: str) -> dict:
    return _python_patterns(json.loads(schema_text(kind)))


@cache
def _fast(kind: str) -> Any:
    """A fastjsonschema validator: compiled to Python once, ~20x faster on valid data.

    Generating and compiling the validator's code costs more than most commands' own
    work, so the compiled code is kept in the user's cache folder, by the hash of the
    schema, of fastjsonschema's version and of Python's bytecode version (it holds no
    dossier data, only the schema turned into code).
    """
    import functools
    import hashlib
    import marshal
    import re
    from importlib.util import MAGIC_NUMBER

    import fastjsonschema

    definition = _schema(kind)
    key = hashlib.sha256(json.dumps([definition, fastjsonschema.VERSION, MAGIC_NUMBER.hex(), 1], sort_keys=True).encode())
    path = _code_dir() / f"{kind}-{key.hexdigest()[:24]}.marshal"
    try:
        name, code = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        source = fastjsonschema.compile_to_code(definition, formats={"date": _is_date})
        name = re.findall(r"^def (validate\w*)\(", source, re.M)[0]
        code = compile(source, f"<schema {kind}>", "exec")
        _store(path, marshal.dumps((name, code)))
    namespace: dict[str, Any] = {}
    try:
        exec(code, namespace)  # noqa: S102 - code generated from regie's own schema
        return functools.partial(namespace[name], custom_formats={"date": _is_date})
    except Exception:  # a damaged cache file: compile afresh
        return fastjsonschema.compile(definition, formats={"date": _is_date})


def _code_dir() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "regie" / "schemas"


def _store(path: Path, data: bytes) -> None:
    """Write the compiled code atomically; a cache folder that cannot be written is no error."""

    try:
        write_bytes_atomic(path, data)
    except RegieError:
        pass


@cache
def _validator(kind: str) -> Any:
    """The jsonschema validator: slower, but it reports every error with its path."""
    import jsonschema

    schema = _schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date")(_is_date)
    return cls(schema, format_checker=checker)


def check(kind: str, data: Any, *, values: bool = True) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Yield (pointer, Dutch message) for each way ``data`` breaks the schema of ``kind``.

    Valid data (the usual case) only meets the fast validator; jsonschema is imported
    and run only for a file that has a problem, to list all of them with their paths.
    With ``values`` False a message never quotes what the file holds (a decrypted identity):
    no value and no unknown key's name, only the field, the line and what is expected.
    """
    import fastjsonschema

    try:
        _fast(kind)(data)
        return
    except fastjsonschema.JsonSchemaValueException:
        pass
    except RecursionError:
        yield (), "te diep genest (lijsten of blokken in elkaar)"
        return
    try:
        errors = sorted(_validator(kind).iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    except RecursionError:
        yield (), "te diep genest (lijsten of blokken in elkaar)"
        return
    for err in errors:
        pointer = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            # point at the unknown key itself, not at the mapping that holds it
            extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
            pointer += tuple(extra[:1])
        yield pointer, _dutch(err) if values else _unquoted(err)


def _field(path: tuple) -> str:
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step + 1}]")  # people count from 1
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts) or "bestand"


def _required(err: Any, where: str) -> str:
    missing = [k for k in err.validator_value if isinstance(err.instance, dict) and k not in err.instance]
    prefix = "" if where == "bestand" else f"{where}: "
    return f"{prefix}verplicht veld '{missing[0] if missing else '?'}' ontbreekt"


def _additional(err: Any, where: str) -> str:
    props = err.schema.get("properties", {})
    extra = sorted(str(k) for k in err.instance if k not in props) if isinstance(err.instance, dict) else []
    prefix = "" if where == "bestand" else f"{where}: "
    hint = f" (bekende velden: {', '.join(sorted(props))})" if props else ""
    if not _quoting:
        return f"{prefix}onbekend veld{hint}"
    return f"{prefix}onbekend veld '{extra[0] if extra else '?'}'{hint}"


def _type(err: Any, where: str) -> str:
    val = err.validator_value
    wanted: list[str] = val if isinstance(val, list) else [val]
    return f"{where} moet {' of '.join(_TYPE_NL.get(t, t) for t in wanted)} zijn, niet {_show(err.instance)}"


def _pattern(err: Any, where: str) -> str:
    if err.schema.get("description"):
        return f"{where}: ongeldige waarde {_show(err.instance)} ({err.schema['description']})"
    val = err.validator_value
    return (f"{where}: ongeldige waarde {_show(err.instance)} (verwacht het patroon "
            f"{val.removesuffix(chr(92) + 'Z')}{'$' if val.endswith(chr(92) + 'Z') else ''})")


def _bounds(err: Any, where: str) -> str:
    lo, hi = err.schema.get("minimum"), err.schema.get("maximum")
    if lo is not None and hi is not None:
        return f"{where} moet tussen {lo} en {hi} liggen, niet {_show(err.instance)}"
    if err.validator == "minimum":
        return f"{where} moet minstens {lo} zijn, niet {_show(err.instance)}"
    return f"{where} mag hoogstens {hi} zijn"


# The Dutch message of each kind of schema error (a function of the error and where it is).
_MESSAGES: dict[str, Any] = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": lambda err, where: f"{where}: ongeldige waarde {_show(err.instance)}; kies uit: "
                               f"{', '.join(map(str, err.validator_value))}",
    "pattern": _pattern,
    "maxLength": lambda err, where: f"{where} mag hoogstens {err.validator_value} tekens lang zijn",
    "minimum": _bounds,
    "maximum": _bounds,
    "minLength": lambda err, where: f"{where} mag niet leeg zijn",
    "minItems": lambda err, where: f"{where} moet minstens {aantal(err.validator_value, 'item')} bevatten",
    "uniqueItems": lambda err, where: f"{where} bevat een waarde twee keer",
    "propertyNames": lambda err, where: f"{where}: ongeldige naam {_show(err.instance)}",
}


def _dutch(err: Any) -> str:
    where = _field(tuple(err.absolute_path))
    v = err.validator
    if v == "format" and err.validator_value == "date":
        return f"{where}: ongeldige datum {_show(err.instance)}; verwacht {DATE_RULE}"
    if v == "anyOf" and err.context:
        # "a value or empty": explain the value's alternative, not the "or empty" one
        real = [e for e in err.context if not (e.validator == "type" and e.validator_value == "null")]
        if real:
            return _dutch(real[0])
    if v in _MESSAGES:
        return _MESSAGES[v](err, where)
    return f"{where}: voldoet niet aan het schema ({v})"


_quoting = True  # False while a message is made that must not quote the data (see ``check``)


def _unquoted(err: Any) -> str:
    """The Dutch message of ``err`` without any value or unknown name from the data."""
    global _quoting
    _quoting = False
    try:
        return _dutch(err)
    finally:
        _quoting = True


def _show(value: Any) -> str:
    if not _quoting:
        return "leeg" if value is None else "(waarde niet getoond)"
    if value is None:
        return "leeg"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:37]}...'"
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, (int, float)):
        return str(value)
    kinds: dict[type, str] = {list: "array", dict: "object"}
    return _TYPE_NL.get(kinds.get(type(value), ""), type(value).__name__)


def export(target: Path) -> list[Path]:
    """Write every schema as ``<kind>.schema.json`` into ``target`` (atomically)."""

    written = []
    for kind in schema_names():
        path = target / f"{kind}.schema.json"
        write_text_atomic(path, schema_text(kind))
        written.append(path)
    return written
