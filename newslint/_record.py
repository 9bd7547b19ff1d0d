"""Small internal value records without the import-time cost of `dataclasses`.

`@dataclass` writes and compiles its `__init__`, `__eq__`, `__repr__` (and, when
frozen, `__setattr__`, `__delattr__`, `__hash__`) as source text for every class:
0.5-1.5 ms each, about 20 ms of a one-file run for newslint's records. These bases
give the same equality, hashing, repr and frozenness from one shared implementation;
each record writes its own `__init__`. The plugin API records in `newslint.model`
stay dataclasses (plugins may use `dataclasses.replace` on them). Records that must
stay tuples use `tuple_field` instead of `typing.NamedTuple`.
"""

from __future__ import annotations

import collections
import dataclasses
import operator
from collections.abc import Callable
from dataclasses import FrozenInstanceError
from typing import Any, ClassVar, TypeVar

_R = TypeVar("_R", bound="Record")


class Record:
    """Like `@dataclass(frozen=True)`: compared, hashed and shown by `_fields`, immutable.

    `__init__` sets the fields with `object.__setattr__`, as a frozen dataclass does.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    # Like `field(compare=False)` and `field(hash=False)`: the fields compared (None: all
    # of `_fields`) and the fields hashed (None: the compared ones).
    _compared: ClassVar[tuple[str, ...] | None] = None
    _hashed: ClassVar[tuple[str, ...] | None] = None

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def _values_of(self, names: tuple[str, ...] | None) -> tuple[Any, ...]:
        return self._values() if names is None else tuple([getattr(self, name) for name in names])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Record)
            return self._values_of(self._compared) == other._values_of(self._compared)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values_of(self._compared if self._hashed is None else self._hashed))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with some fields changed, like `dataclasses.replace`."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        # Pickled through `__init__` (its parameters are the fields, in order): the
        # default would restore slots with the `__setattr__` that refuses them.
        return self.__class__, self._values()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


class MutableRecord:
    """Like a plain `@dataclass`: compared and shown by `_fields`, mutable, not hashable."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, MutableRecord)
            return self._values() == other._values()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, like a dataclass with eq

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"


class DataclassMethods:
    """`__eq__`, `__hash__` and `__repr__` of a frozen dataclass, written once for all.

    `@dataclass` writes and compiles these three from source text for every class,
    about half its cost per class; the public records are created at every start-up.
    A class declared `@dataclass(frozen=True, eq=False, repr=False)` that inherits
    this behaves as if declared `@dataclass(frozen=True)`: equal when of the same
    class and the tuples of compared fields are equal, hashed by the tuple of hashed
    fields, shown as `Name(field=value, ...)`. It stays a frozen dataclass in every
    other respect (`fields`, `replace`, `asdict`, `FrozenInstanceError`).
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            compared = _field_getters(self.__class__)[0]
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(_field_getters(self.__class__)[1](self))

    def __repr__(self) -> str:
        names = _field_getters(self.__class__)[2]
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"


_Getter = Callable[[Any], tuple[Any, ...]]


_FIELD_GETTERS: dict[type, tuple[_Getter, _Getter, tuple[str, ...]]] = {}


def _field_getters(cls: type) -> tuple[_Getter, _Getter, tuple[str, ...]]:
    """For a dataclass: getters of its compared and hashed fields' values, and its shown fields' names.

    The same selections `@dataclass` makes: `compare=False` fields are neither
    compared nor (unless `hash=True`) hashed; `repr=False` fields are not shown.
    """
    if cls in _FIELD_GETTERS:
        return _FIELD_GETTERS[cls]
    fields = dataclasses.fields(cls)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    getters = _values_getter(compared), _values_getter(hashed), tuple(f.name for f in fields if f.repr)
    _FIELD_GETTERS[cls] = getters
    return getters


def _values_getter(names: tuple[str, ...]) -> _Getter:
    if len(names) >= 2:
        # attrgetter returns the tuple itself (in C) for two or more names
        getter: _Getter = operator.attrgetter(*names)
        return getter
    return lambda obj: tuple([getattr(obj, name) for name in names])


# The descriptor `collections.namedtuple` gives each field (`_collections._tuplegetter`, in
# C): reads item `index` directly, about half the cost of a property around `itemgetter`.
# Where it is missing, `collections` itself falls back to that property.
_tuplegetter: Callable[[int, str], Any] = getattr(
    collections, "_tuplegetter", lambda index, doc: property(operator.itemgetter(index), doc=doc)
)


def tuple_field(index: int) -> Any:
    """A field of a tuple record: item `index`, read in C, as a `NamedTuple` field is.

    For records that must stay tuples (unpacked, indexed, compared and hashed as such),
    written as a `tuple` subclass with `__slots__ = ()`, a `__new__` and one of these per
    field: `typing.NamedTuple` costs about 0.6M instructions a class at import.
    """
    return _tuplegetter(index, f"Item {index}")
