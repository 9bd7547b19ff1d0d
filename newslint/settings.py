"""Rule settings: defaults declared by plugins, values from configuration files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from newslint._record import DataclassMethods


class SettingsError(ValueError):
    """A configured setting that does not exist or has the wrong type."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def _type_name(value: Any) -> str:
    return {
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _check_value(key: str, default: Any, value: Any) -> Any:
    if isinstance(default, bool) or isinstance(value, bool):
        if not (isinstance(default, bool) and isinstance(value, bool)):
            raise SettingsError(key, f"must be {_type_name(default)}, got {value!r}")
        return value
    if isinstance(default, float) and isinstance(value, int):
        return float(value)
    if default is not None and not isinstance(value, type(default)):
        raise SettingsError(key, f"must be {_type_name(default)}, got {value!r}")
    return value


@dataclass(frozen=True, eq=False, repr=False)
class Settings(DataclassMethods):
    """Effective settings by namespace: plugin defaults merged with user values."""

    values: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def get(self, namespace: str) -> Mapping[str, Any]:
        """The settings of one namespace (empty if nobody declared it)."""
        return self.values.get(namespace, MappingProxyType({}))

    @classmethod
    def build(
        cls, defaults: Mapping[str, Mapping[str, Any]], user: Mapping[str, Any], where: str = "settings"
    ) -> Settings:
        """Merge user values over declared defaults, rejecting unknown keys and wrong types."""
        merged: dict[str, Mapping[str, Any]] = {}
        for namespace, values in user.items():
            if namespace not in defaults:
                known = ", ".join(sorted(defaults)) or "none"
                raise SettingsError(f"{where}.{namespace}", f"unknown settings namespace (known: {known})")
            if not isinstance(values, Mapping):
                raise SettingsError(f"{where}.{namespace}", "must be a table")
        for namespace, namespace_defaults in defaults.items():
            chosen = dict(namespace_defaults)
            for key, value in user.get(namespace, {}).items():
                if key not in namespace_defaults:
                    raise SettingsError(f"{where}.{namespace}.{key}", "unknown setting")
                chosen[key] = _check_value(f"{where}.{namespace}.{key}", namespace_defaults[key], value)
            merged[namespace] = MappingProxyType(chosen)
        return cls(MappingProxyType(merged))
