"""Defaults for the command line from ``[tool.factcheck]`` in pyproject.toml or from factcheck.yaml."""

from __future__ import annotations

import os
import tomllib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.errors import UserError
from factcheck.limits import ARTICLE_BYTES, CLAIM_FILE_BYTES, SETTINGS_BYTES, Limits, read_capped


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paths: list[str] = Field(default_factory=lambda: ["articles"], description="documents and claim files to check")
    claims: str = Field(default="claims", description="directory of claim files")
    rules: list[str] = Field(default_factory=lambda: ["rules"], description="rule directories")
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    format: Literal["text", "json", "sarif", "junit", "github", "auto"] = "text"
    output: str | None = Field(default=None, description="file for --format (default: standard output)")
    html: str | None = Field(default=None, description="also write the HTML report to this file")
    jobs: int = Field(default=1, ge=0, description="processes that extract documents (0: one per CPU)")
    cache: str | None = Field(default=".factcheck-cache", description="extraction cache directory ('' or null: none)")
    suppressions: str = Field(default="suppressions.yaml", description="reviewed findings accepted with a reason (factcheck baseline writes it)")
    reports: dict[Literal["text", "json", "sarif", "junit", "github"], str] = Field(
        default_factory=dict, description="more outputs: format -> file, e.g. {sarif: factcheck.sarif}"
    )
    max_article_bytes: int = Field(default=ARTICLE_BYTES, ge=1, description="larger documents are refused (exit 2)")
    max_claim_file_bytes: int = Field(default=CLAIM_FILE_BYTES, ge=1, description="larger claim files and cache entries are refused")
    base: str = Field(default=".", exclude=True)

    def limits(self) -> Limits:
        return Limits(article_bytes=self.max_article_bytes, claim_file_bytes=self.max_claim_file_bytes)

    def resolve(self, path: str) -> str:
        """A configured path, relative to the file that configured it."""
        if os.path.isabs(path) or self.base == ".":
            return path
        return os.path.normpath(os.path.join(self.base, path))


def load_config(directory: str = ".") -> Config:
    """The first of factcheck.yaml and pyproject.toml's [tool.factcheck] in ``directory``; defaults otherwise."""
    yaml_path = os.path.join(directory, "factcheck.yaml")
    if os.path.exists(yaml_path):
        from factcheck.yamlfile import load_yaml, validate

        located = load_yaml(yaml_path)
        config = validate(located, Config) if located.data is not None else Config()
        return config.model_copy(update={"base": directory})
    toml_path = os.path.join(directory, "pyproject.toml")
    if os.path.exists(toml_path):
        raw = read_capped(toml_path, SETTINGS_BYTES, "a TOML file")
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise UserError(f"expected UTF-8 text, found byte 0x{raw[exc.start]:02x}", toml_path) from None
        except tomllib.TOMLDecodeError as exc:
            raise UserError(f"expected valid TOML, found an error: {exc}", toml_path) from None
        section = data.get("tool", {}).get("factcheck")
        if section is None:
            return Config(base=directory)
        section = {key.replace("-", "_"): value for key, value in section.items()}
        try:
            return Config.model_validate({**section, "base": directory})
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in err["loc"])
            raise UserError(f"[tool.factcheck] {where}: {err['msg'].lower()}", toml_path) from None
    return Config(base=directory)
