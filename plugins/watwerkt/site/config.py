"""The plugin's options in mkdocs.yml, validated by MkDocs' own Config classes with Dutch messages.

One configuration for the site and the CLI: both read mkdocs.yml through MkDocs' own YAML loader
(INHERIT, !ENV), validate the `watwerkt` options with the classes below and turn the result into
the core's Settings (watwerkt.model.settings, which knows nothing of MkDocs).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from watwerkt.model.settings import Settings, SettingsError, make_settings

PLUGIN = "watwerkt"
CONFIG_FILE = "mkdocs.yml"
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_LEVEL_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _shown(value: object) -> str:
    if value is None:
        return "leeg"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Text(c.BaseConfigOption[str]):
    """A string; `pattern` (with its Dutch description) when the form matters."""

    def __init__(self, default: str | None = None, *, pattern: re.Pattern | None = None, what: str = "tekst"):
        super().__init__()
        self.default, self.pattern, self.what = default, pattern, what

    def run_validation(self, value: object) -> str:
        if value is None:
            raise ValidationError(f"ontbreekt; verwacht {self.what}")
        if not isinstance(value, str):
            raise ValidationError(f"verwacht {self.what}, niet {_shown(value)}")
        if self.pattern is not None and value and not self.pattern.match(value):
            raise ValidationError(f"verwacht {self.what}, niet {_shown(value)}")
        return value


class Flag(c.BaseConfigOption[bool]):
    def __init__(self, default: bool | None = None):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"verwacht true of false, niet {_shown(value)}")
        return value


class Whole(c.BaseConfigOption[int]):
    def __init__(self, default: int, *, low: int, high: int):
        super().__init__()
        self.default, self.low, self.high = default, low, high

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            raise ValidationError(f"verwacht een geheel getal van {self.low} tot en met {self.high}, "
                                  f"niet {_shown(value)}")
        return value


class Choice(c.BaseConfigOption[str]):
    def __init__(self, choices: tuple[str, ...], default: str):
        super().__init__()
        self.choices, self.default = choices, default

    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            raise ValidationError(f"kies uit {', '.join(self.choices)}; niet {_shown(value)}")
        return value  # type: ignore[return-value]


class IsoDate(c.BaseConfigOption[str]):
    def run_validation(self, value: object) -> str:
        if isinstance(value, dt.date):  # YAML reads 2026-06-01 as a date already
            return value.isoformat()
        try:
            return dt.date.fromisoformat(value).isoformat()  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValidationError(f"verwacht een datum in de vorm JJJJ-MM-DD, niet {_shown(value)}") from None


class Section(c.BaseConfigOption):
    """A nested mapping validated by a Config class (as MkDocs' SubConfig), whose problems name
    every failing sub-key in Dutch, not only the first.

    Unset stays None (not {}): the core then takes the package default from data/settings.yml,
    the one home of the defaults.
    """

    def __init__(self, config_class: type[Config]):
        super().__init__()
        self.config_class, self.default = config_class, None

    def run_validation(self, value: object):
        if value is None:
            return None
        if not isinstance(value, dict):
            raise ValidationError(f"verwacht een mapping met {', '.join(k for k, _ in self.config_class._schema)}, "
                                  f"niet {_shown(value)}")
        config = self.config_class()
        config.load_dict(value)
        failed, warnings = config.validate()
        problems = [f"{key}: {msg}" for key, msg in failed]
        problems += [f"{key}: onbekende optie" for key, _ in warnings if key not in dict(self.config_class._schema)]
        if problems:
            raise ValidationError("; ".join(problems))
        return config


class Items(c.BaseConfigOption[list]):
    """A non-empty list; each item validated by `item`, problems numbered from 1 as editors count."""

    def __init__(self, item: c.BaseConfigOption, *, unique: str | None = None):
        super().__init__()
        self.item, self.unique = item, unique

    def run_validation(self, value: object) -> list:
        if not isinstance(value, list) or not value:
            raise ValidationError(f"verwacht een niet-lege lijst, niet {_shown(value)}")
        out, problems, seen = [], [], set()
        for number, raw in enumerate(value, start=1):
            try:
                item = self.item.run_validation(raw)
            except ValidationError as exc:
                problems.append(f"item {number}: {exc}")
                continue
            key = item[self.unique] if self.unique else None
            if key is not None and key in seen:
                problems.append(f"item {number}: {self.unique} '{key}' komt dubbel voor")
            seen.add(key)
            out.append(item)
        if problems:
            raise ValidationError("; ".join(problems))
        return out


class Checked(Config):
    """A Config that reports every failing option: MkDocs' own stops at the first, and an editor
    should see all problems at once. (MkDocs 1.6.1 is its last release, so this private hook holds.)"""

    def _validate(self):
        failed, warnings = [], []
        for key, option in self._schema:
            try:
                self[key] = option.validate(self.get(key))
                warnings.extend((key, w) for w in option.warnings)
                option.reset_warnings()
            except ValidationError as exc:
                failed.append((key, exc))
        warnings.extend((key, "onbekende optie") for key in set(self.keys()) - self._schema_keys)
        return failed, warnings


class LevelConfig(Checked):
    id = Text(pattern=_LEVEL_ID, what="een id van kleine letters, cijfers en koppeltekens")
    label = Text()
    description = Text(default="")


class LicenceConfig(Checked):
    name = Text()
    url = Text(pattern=re.compile(r"^https?://\S+$"), what="een webadres (https://...)")


class LimitsConfig(Checked):
    max_file_bytes = Whole(262144, low=1024, high=16 * 1024 * 1024)
    max_list_items = Whole(200, low=1, high=10_000)
    max_text_chars = Whole(20000, low=1, high=1_000_000)
    max_dossiers = Whole(5000, low=1, high=100_000)


class WatwerktConfig(Checked):
    # Content and editorial settings MkDocs has no key for. Unset: the package default.
    dossiers_dir = Text(default="dossiers")  # folder of the dossiers, relative to mkdocs.yml
    licence = Section(LicenceConfig)
    feedback_email = Text(default="", pattern=_EMAIL, what="een e-mailadres")
    limits = Section(LimitsConfig)
    evidence_scale = c.Optional(Items(Section(LevelConfig), unique="id"))  # weakest first
    recognition_scale = c.Optional(Items(Section(LevelConfig), unique="id"))
    # Build behaviour.
    today = c.Optional(IsoDate())  # fixed 'today' (YYYY-MM-DD) for reproducible builds
    drafts = Choice(("auto", "show", "hide"), default="auto")  # auto: shown only by `mkdocs serve`
    pdf = c.Optional(Flag())  # PDFs; unset: on for every command except live preview
    search_index = c.Optional(Flag())  # Whoosh index for `watwerkt serve`; unset: as pdf
    static_search = c.Optional(Flag())  # Pagefind bundle (pagefind/) for a site without the service; unset: as pdf
    # Earlier versions of each dossier, rebuilt from git history into permanent pages and PDFs;
    # unset: as pdf (on for every command except live preview). max_versions bounds them per
    # dossier (the newest are kept).
    versions = c.Optional(Flag())
    max_versions = Whole(50, low=1, high=1000)
    # The list of dossiers on the home page: at <!-- watwerkt:dossiers --> in docs/index.md when
    # that marker is there, else at the end of the page. false: no list.
    home_list = Flag(default=True)
    # Where the plugin adds the search page (and its script and stylesheet); "" leaves it out.
    # A page the project writes itself at that place (docs/zoeken.md) wins.
    search_page = Text(default="zoeken/", pattern=re.compile(r"^(?:[a-z0-9-]+/)*$"),
                       what="een pad als zoeken/ (kleine letters, eindigend op /), of leeg")
    # Folder for the search index (<cache_dir>/search) and the PDF cache (<cache_dir>/pdf),
    # relative to mkdocs.yml.
    cache_dir = Text(default=".cache")


def _plain(value: Any) -> Any:
    """Validated Config objects -> plain dicts and lists, as the core takes them."""
    if isinstance(value, Config):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def core_options(options: WatwerktConfig) -> dict[str, Any]:
    return {k: _plain(v) for k, v in options.items()}


def line_of(config_file: str | Path | None, key: str | None) -> int | None:
    """Line of `plugins: - watwerkt: {key: ...}` in mkdocs.yml (the file itself; not an INHERIT parent)."""
    if not config_file:
        return None
    try:
        root = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None
    node = _value(root, "plugins")
    if not isinstance(node, yaml.SequenceNode):
        return None
    for item in node.value:
        if isinstance(item, yaml.ScalarNode) and item.value == PLUGIN:
            return item.start_mark.line + 1
        options = _value(item, PLUGIN)
        if options is None:
            continue
        if key and isinstance(options, yaml.MappingNode):
            for k, _ in options.value:
                if k.value == key:
                    return k.start_mark.line + 1
        return options.start_mark.line + 1
    return None


def _value(node: Any, key: str):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def describe(config_file: str | Path | None, key: str, message: str) -> str:
    """'mkdocs.yml:47: plugins → watwerkt → today: verwacht ...' — file, line, key, what is allowed."""
    name = Path(config_file).name if config_file else CONFIG_FILE
    line = line_of(config_file, key)
    where = f"{name}:{line}" if line else name
    return f"{where}: plugins → {PLUGIN} → {key}: {message}"


def option_problems(options: WatwerktConfig, failed, warnings) -> list[str]:
    """Dutch, located lines for MkDocs' (key, message) validation results of our options."""
    file = options.config_file_path
    known = ", ".join(k for k, _ in WatwerktConfig._schema)
    found = [(key, str(msg)) for key, msg in failed]
    found += [(key, f"onbekende optie; bekend zijn: {known}") for key, _ in warnings
              if key not in dict(WatwerktConfig._schema)]
    found.sort(key=lambda item: line_of(file, item[0]) or 0)  # in the order the file has them
    return [describe(file, key, msg) for key, msg in found]


def settings_for_site(config, options: WatwerktConfig, site_url: str | None = None) -> Settings:
    """Settings from a loaded MkDocs config; `site_url` overrides it (live preview rewrites the config's)."""
    root = Path(config.config_file_path or ".").resolve().parent
    return make_settings(
        core_options(options),
        site_name=config.site_name,
        site_url=config.site_url if site_url is None else site_url,
        repo_url=config.repo_url or "",
        edit_uri=config.edit_uri or "",
        root=root,
    )


LEGACY_SETTINGS = "watwerkt.yml"  # read until 0.x; its keys moved into mkdocs.yml


def legacy_settings(folder: Path) -> str | None:
    """The Dutch problem when a project still has a watwerkt.yml (never silently ignored), else None."""
    if not (Path(folder) / LEGACY_SETTINGS).exists():
        return None
    return (f"{LEGACY_SETTINGS} wordt niet meer gelezen. Zet site_name, site_url en repo_url in mkdocs.yml "
            "zelf en de overige instellingen onder plugins → watwerkt (zie docs/redactie/instellingen.md); "
            "verwijder daarna het bestand.")


def find_config_file(start: Path) -> Path | None:
    """The nearest mkdocs.yml in start or its parents."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
    return None


def read_file(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml through MkDocs' own loader (INHERIT, !ENV), as a plain mapping."""
    try:
        with open(config_file, "rb") as fd:
            data = yaml_load(fd)
    except (OSError, ConfigurationError) as exc:
        raise SettingsError(f"{config_file}: kan de configuratie niet lezen: {exc}") from None
    except RecursionError:
        raise SettingsError(f"{config_file}: de configuratie is te diep genest") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{config_file}: de configuratie moet een mapping zijn")
    return data


def plugin_options(data: dict[str, Any], config_file: Path) -> dict[str, Any]:
    plugins = data.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(p)), next(iter(p.values()))) if isinstance(p, dict) and len(p) == 1 else (p, None)
        for p in plugins)
    for name, options in items:
        if name == PLUGIN:
            if options is None:
                return {}
            if not isinstance(options, dict):
                raise SettingsError(describe(config_file, "", f"verwacht een mapping met opties, niet {_shown(options)}"))
            return options
    return {}


def load_project(config_file: Path) -> Settings:
    """What the CLI needs: the same file, the same option classes, the same Dutch problems."""
    config_file = Path(config_file).resolve()
    data = read_file(config_file)
    options = WatwerktConfig(config_file_path=str(config_file))
    options.load_dict(plugin_options(data, config_file))
    failed, warnings = options.validate()
    problems = option_problems(options, failed, warnings)
    identity = {}
    for key in ("site_name", "site_url", "repo_url", "edit_uri"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"{config_file.name}: {key}: verwacht tekst, niet {_shown(value)}")
            value = None
        identity[key] = value or ""
    if problems:
        raise SettingsError("\n".join(problems))
    return make_settings(core_options(options), root=config_file.parent, **identity)
