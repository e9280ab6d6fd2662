"""The hosting examples in docs/deploy/ agree with watwerkt and with each other: the systemd unit's
ExecStart is a command line watwerkt accepts, nginx forwards to the port and path the unit serves
on, and every `watwerkt ...` command docs/deploy.md shows parses. (The unit itself is not run
under systemd here; nginx with its example is, in tests/browser/test_nginx.py.)"""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest

from conftest import ROOT
from watwerkt.cli.main import build_parser

DEPLOY = ROOT / "docs" / "deploy.md"
UNIT = ROOT / "docs" / "deploy" / "watwerkt.service.voorbeeld"
NGINX = ROOT / "docs" / "deploy" / "nginx.conf.voorbeeld"


def _parse(argv: list[str]):
    parser, _ = build_parser()
    return parser.parse_args(argv)


def unit_command() -> list[str]:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str
    unit.read_string(UNIT.read_text(encoding="utf-8"))
    argv = shlex.split(unit["Service"]["ExecStart"])
    assert Path(argv[0]).name == "watwerkt", argv
    return argv[1:]


def test_the_unit_starts_a_command_watwerkt_accepts():
    args = _parse(unit_command())
    assert args.command == "serve" and args.site == Path("/srv/watwerkt/current")
    assert args.host == "127.0.0.1" and not args.access_log


def test_nginx_forwards_to_where_the_unit_serves():
    args = _parse(unit_command())
    text = NGINX.read_text(encoding="utf-8")
    assert re.search(rf"^\s*server 127\.0\.0\.1:{args.port};", text, re.M)
    assert re.search(rf"^\s*location {re.escape(args.root_path)}/ {{", text, re.M)
    assert "proxy_pass http://watwerkt/;" in text  # the trailing slash strips the prefix


def _commands() -> list[str]:
    text = DEPLOY.read_text(encoding="utf-8")
    blocks = re.findall(r"^```(?:sh|bash|console)?\n(.*?)^```", text, re.M | re.S)
    lines = [line.strip() for block in blocks for line in block.replace("\\\n", " ").splitlines()]
    return [line for line in lines if re.match(r"^(\S*/)?watwerkt ", line)]


def test_deploy_guide_names_the_examples():
    text = DEPLOY.read_text(encoding="utf-8")
    assert "deploy/nginx.conf.voorbeeld" in text and "deploy/watwerkt.service.voorbeeld" in text


@pytest.mark.parametrize("line", _commands())
def test_every_watwerkt_command_in_the_guide_parses(line):
    argv = shlex.split(line.split(" #")[0])[1:]
    args = _parse(argv)
    assert args.command
