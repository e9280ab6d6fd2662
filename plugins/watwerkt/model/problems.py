"""A Problem is one thing wrong with a submission, with its exact place and a fix hint."""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass

from .codes import severity


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # posix path as the editor typed it or relative to the working directory
    line: int  # 1-based
    col: int  # 1-based
    code: str
    message: str
    hint: str = ""

    @property
    def severity(self) -> str:
        return severity(self.code)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def did_you_mean(word: str, options: list[str], cutoff: float = 0.6) -> str:
    """A Dutch hint naming the closest option, or "" when none is close."""
    match = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    return f"bedoelde u '{match[0]}'?" if match else ""


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.code, p.message))


# What a person reads is Dutch; machine formats (JSON, GitHub commands) keep "error"/"warning".
SEVERITY_WORDS = {"error": "fout", "warning": "waarschuwing"}
HINT_WORD = "tip"


def format_text(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        lines.append(f"{p.path}:{p.line}:{p.col}: {SEVERITY_WORDS.get(p.severity, p.severity)} {p.code} {p.message}")
        if p.hint:
            lines.append(f"    {HINT_WORD}: {p.hint}")
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    return json.dumps(
        [dict(asdict(p), severity=p.severity) for p in problems], ensure_ascii=False, indent=2
    )


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: one annotation per problem, shown on the diff."""
    out = []
    for p in problems:
        level = "error" if p.is_error else "warning"
        msg = p.message + (f"\n{p.hint}" if p.hint else "")
        props = ",".join(
            [
                f"file={_gh_escape_prop(p.path)}",
                f"line={p.line}",
                f"col={p.col}",
                f"title={_gh_escape_prop(p.code)}",
            ]
        )
        out.append(f"::{level} {props}::{_gh_escape_data(msg)}")
    return "\n".join(out)
