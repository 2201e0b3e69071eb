"""``cnnstat explain``: one card per idea in the notes, in English and Korean.

A card is data: a title, the idea in a few sentences, its inputs (with defaults a student
can override on the command line), the steps it computes (formula -> substitution ->
result), a conclusion, and the commands that show the idea in a bundled spec. Each card
lives in its own module under ``cnnstat/explain/topics/`` and defines ``CARD``; this
module finds the cards, fills in the inputs, and renders every card the same way.

Every result is computed when the card is shown, by the layer algebra
(``cnnstat.calc.formulas.effect`` / ``calc.chain.run_chain``, which call ``cnnstat.layers``); a card only
writes the formula and the substituted numbers beside the result.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from typing import Any, Callable, NamedTuple

from cnnstat.calc.text import CalcError, num
from cnnstat.errors import shorten
from cnnstat.layers import did_you_mean

LANGS = ("en", "ko")


def T(en: str, ko: str) -> dict[str, str]:
    """A text in both languages."""
    return {"en": en, "ko": ko}


class Input(NamedTuple):
    name: str
    default: int | float
    help: dict[str, str]
    min: float = 1
    max: float | None = None

    @property
    def is_float(self) -> bool:
        return isinstance(self.default, float)


class Step(NamedTuple):
    """One computed number. ``substituted`` is plain arithmetic that evaluates to
    ``value`` (· multiplies, / divides, ^ is a power, ⌊x⌋ and ⌈x⌉ round)."""

    label: dict[str, str]
    formula: str
    substituted: str
    value: Any
    unit: str = ""


class Pointer(NamedTuple):
    """A command that shows the idea in a bundled spec; shown only if the specs exist."""

    command: str
    needs: tuple[str, ...]
    why: dict[str, str]


class Card(NamedTuple):
    name: str
    title: dict[str, str]
    idea: dict[str, str]
    inputs: tuple[Input, ...]
    compute: Callable[[dict[str, Any]], tuple[list[Step], dict[str, Any]]]
    conclusion: dict[str, str]  # str.format template over the facts compute returns
    see: tuple[Pointer, ...] = ()
    source: str = ""  # where the card's reference figures come from


class Shown(NamedTuple):
    """A card with its inputs filled in and its numbers computed."""

    card: Card
    lang: str
    values: dict[str, Any]
    steps: list[Step]
    conclusion: str
    see: list[Pointer]


_CARDS: dict[str, Card] | None = None


def cards() -> dict[str, Card]:
    """Every card, by topic name, in the order of ``topics.ORDER``."""
    global _CARDS
    if _CARDS is None:
        from cnnstat.explain import topics as pkg

        found = {}
        for info in pkgutil.iter_modules(pkg.__path__):
            mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
            card = getattr(mod, "CARD", None)
            if isinstance(card, Card):
                found[card.name] = card
        order = [n for n in pkg.ORDER if n in found] + sorted(set(found) - set(pkg.ORDER))
        _CARDS = {n: found[n] for n in order}
    return _CARDS


def get(topic: str) -> Card:
    all_cards = cards()
    if topic not in all_cards:
        raise CalcError(f"no explain topic '{topic}'{did_you_mean(topic, all_cards)} "
                        "(run `cnnstat explain` for the list)")
    return all_cards[topic]


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise CalcError(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")


def parse_overrides(card: Card, args: list[str]) -> dict[str, Any]:
    """``["--channels", "256", "--out=128"]`` -> ``{"channels": 256, "out": 128}``."""
    inputs = {i.name: i for i in card.inputs}
    names = ", ".join(f"--{n.replace('_', '-')}" for n in inputs) or "none"
    out: dict[str, Any] = {}
    i = 0
    while i < len(args):
        word = args[i]
        if not word.startswith("--"):
            raise CalcError(f"unexpected {word!r}: give inputs as --name value "
                            f"({card.name} takes {names})")
        key, _, raw = word[2:].partition("=")
        if not _:
            if i + 1 >= len(args):
                raise CalcError(f"--{key} needs a value")
            raw = args[i + 1]
            i += 1
        i += 1
        name = key.replace("-", "_")
        if name not in inputs:
            hint = did_you_mean(name, inputs).replace("'", "'--", 1).replace("_", "-")
            raise CalcError(f"{card.name} has no input --{key}{hint} (its inputs: {names})")
        out[name] = _coerce(inputs[name], raw, card.name)
    return out


def _coerce(inp: Input, raw: str, topic: str) -> int | float:
    flag = f"--{inp.name.replace('_', '-')}"
    kind = "a number" if inp.is_float else "a whole number"
    try:
        if len(raw) > 40:  # also keeps int() below Python's 4,300-digit limit
            raise ValueError
        value: int | float = float(raw) if inp.is_float else int(raw)
    except ValueError:
        raise CalcError(f"{topic}: {flag} must be {kind}, not {shorten(raw, 60)!r}") from None
    if not math.isfinite(value) or abs(value) > 1e12:
        raise CalcError(f"{topic}: {flag} must be a finite number of at most 1e12, not {raw}")
    if value < inp.min or (inp.max is not None and value > inp.max):
        top = f" and at most {num(inp.max)}" if inp.max is not None else ""
        raise CalcError(f"{topic}: {flag} must be at least {num(inp.min)}{top}, not {raw}")
    return value


def spec_exists(name: str) -> bool:
    from cnnstat.models.zoo import specs_dir

    try:
        return (specs_dir() / f"{name}.yaml").is_file()
    except Exception:  # pragma: no cover - bundled specs missing
        return False


def show(card: Card, overrides: dict[str, Any] | None = None, lang: str = "en") -> Shown:
    """Fill in the inputs, compute every step, and pick the texts of ``lang``."""
    check_lang(lang)
    values = {i.name: i.default for i in card.inputs}
    values.update(overrides or {})
    steps, facts = card.compute(dict(values))
    facts = {k: (v[lang] if isinstance(v, dict) else v) for k, v in facts.items()}
    conclusion = card.conclusion[lang].format(**facts)
    see = [p for p in card.see if all(spec_exists(n) for n in p.needs)]
    return Shown(card, lang, values, steps, conclusion, see)


# --------------------------------------------------------------------------- rendering

WORDS = {
    "en": {"inputs": "Inputs", "override": "change any of them",
           "formula": "formula", "substituted": "substituted", "result": "result",
           "short": "In short", "see": "See it in a spec", "computed":
           "Every result above was computed just now by cnnstat's layer algebra from the "
           "inputs; · is multiplication, ⌊x⌋ rounds down.", "source": "Reference figures",
           "topics": "Topics", "step": "step"},
    "ko": {"inputs": "입력값", "override": "명령줄에서 바꿀 수 있음",
           "formula": "식", "substituted": "대입", "result": "결과",
           "short": "정리", "see": "스펙에서 확인하기", "computed":
           "위의 결과는 모두 지금 입력값으로 cnnstat의 레이어 계산기가 계산한 값입니다. "
           "· 는 곱셈, ⌊x⌋ 는 내림입니다.", "source": "참고 수치", "topics": "주제",
           "step": "단계"},
}


def _fmt_value(step: Step) -> str:
    text = num(step.value)
    return f"{text} {step.unit}".rstrip()


def _flags(shown: Shown) -> str:
    return "  ".join(f"--{k.replace('_', '-')} {v:g}" for k, v in shown.values.items())


def _wrap(text: str, indent: str = "", lang: str = "en") -> str:
    """Wrap to the terminal's width (or ``COLUMNS``, or 80: ``render.table_width``),
    counting Hangul two columns wide. ``lang`` is kept for callers."""
    from cnnstat.render.text import table_width, wrap

    width = (table_width() or 80) - len(indent)
    paras = [p.strip() for p in text.strip().split("\n\n")]
    return "\n\n".join("\n".join(indent + line for line in wrap(" ".join(p.split()), width))
                       for p in paras)


def render_text(shown: Shown) -> str:
    from cnnstat.render.text import cell_len, table_width

    w = WORDS[shown.lang]
    card = shown.card
    out = [f"{card.name} — {card.title[shown.lang]}", "", _wrap(card.idea[shown.lang], lang=shown.lang), ""]
    if card.inputs:
        out.append(_wrap(f"{w['inputs']} ({w['override']}): {_flags(shown)}"))
        out.append("")
    width = max(len(w["formula"]), len(w["substituted"]), len(w["result"])) + 2
    for n, step in enumerate(shown.steps, 1):
        out.append(f"{n}. {step.label[shown.lang]}")
        out.append(f"   {w['formula']:<{width}}{step.formula}")
        if step.substituted and step.substituted != step.formula:
            out.append(f"   {w['substituted']:<{width}}{step.substituted}")
        out.append(f"   {w['result']:<{width}}{_fmt_value(step)}")
    out += ["", f"{w['short']}:", _wrap(shown.conclusion, "  ", shown.lang)]
    if shown.see:
        out += ["", f"{w['see']}:"]
        cmd_width = max(len(p.command) for p in shown.see) + 2
        for p in shown.see:  # the reason beside the command when it fits, else below it
            line = f"  {p.command:<{cmd_width}}{p.why[shown.lang]}"
            if cell_len(line) <= (table_width() or 80):
                out.append(line)
            else:
                out += [f"  {p.command}", _wrap(p.why[shown.lang], "    ")]
    # the source (quoted in its own language) before the closing line, so that a card
    # ends in the language it was asked for
    out.append("")
    if card.source:
        out.append(_wrap(f"{w['source']}: {card.source}"))
    out.append(_wrap(w["computed"], lang=shown.lang))
    return "\n".join(line.rstrip() for line in out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(shown: Shown) -> str:
    w = WORDS[shown.lang]
    card = shown.card
    out = [f"### {card.name} — {card.title[shown.lang]}", "",
           " ".join(card.idea[shown.lang].split()), ""]
    if card.inputs:
        out += [f"{w['inputs']}: `{_flags(shown)}`", ""]
    out += [f"| # | {w['step']} | {w['formula']} | {w['substituted']} | {w['result']} |",
            "|---:|---|---|---|---:|"]
    for n, s in enumerate(shown.steps, 1):
        out.append(f"| {n} | {_md(s.label[shown.lang])} | {_md(s.formula)} | "
                   f"{_md(s.substituted)} | {_md(_fmt_value(s))} |")
    out += ["", f"**{w['short']}:** {' '.join(shown.conclusion.split())}"]
    if shown.see:
        out += [""] + [f"- `{p.command}`: {p.why[shown.lang]}" for p in shown.see]
    if card.source:
        out += ["", f"{w['source']}: {card.source}"]
    out += ["", " ".join(w["computed"].split())]  # the card ends in its own language
    return "\n".join(out) + "\n"


def to_json(shown: Shown) -> dict[str, Any]:
    return {
        "topic": shown.card.name, "lang": shown.lang, "title": shown.card.title[shown.lang],
        "idea": " ".join(shown.card.idea[shown.lang].split()),
        "inputs": shown.values,
        "steps": [{"label": s.label[shown.lang], "formula": s.formula,
                   "substituted": s.substituted, "value": s.value, "unit": s.unit}
                  for s in shown.steps],
        "conclusion": " ".join(shown.conclusion.split()),
        "see": [{"command": p.command, "why": p.why[shown.lang]} for p in shown.see],
        "source": shown.card.source,
    }


def steps_report(shown: Shown):
    from cnnstat.render.report import Column, Report

    w = WORDS[shown.lang]
    records = [{"step": s.label[shown.lang], "formula": s.formula,
                "substituted": s.substituted, "value": s.value, "unit": s.unit}
               for s in shown.steps]
    cols = [Column("step", w["step"], rank=0, wrap=True),
            Column("formula", w["formula"], rank=4, wrap=True),
            Column("substituted", w["substituted"], rank=3, wrap=True),
            Column("value", w["result"], rank=1), Column("unit", "unit", rank=2)]
    return Report(title=f"{shown.card.name} — {shown.card.title[shown.lang]}", columns=cols,
                  records=records, data=to_json(shown))


def topics_report(lang: str = "en"):
    from cnnstat.render.report import Column, Report

    records = [{"topic": c.name, "title": c.title[lang],
                "inputs": " ".join(f"--{i.name.replace('_', '-')}" for i in c.inputs)}
               for c in cards().values()]
    return Report(title=WORDS[lang]["topics"] + " (cnnstat explain TOPIC)",
                  columns=[Column("topic", "topic"), Column("title", "title", wrap=True),
                           Column("inputs", "inputs", wrap=True)],
                  records=records,
                  footnote="--lang ko: 한국어 / --format markdown pastes into notes")
