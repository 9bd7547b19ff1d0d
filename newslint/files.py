"""Find the files to lint and read them safely.

Reading never raises: a file newslint cannot lint becomes one `FileError` line
(missing, unreadable, binary, not UTF-8, too large) and the run goes on.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newslint._record import Record
from newslint.model import FileError
from newslint.patterns import compile_pattern

if TYPE_CHECKING:
    import pathspec

MAX_FILE_BYTES = 10 * 1024 * 1024  # articles are kilobytes; a 10 MiB "article" is a mistake


class Article(Record):
    """A file read successfully: its display path and decoded text."""

    _fields = ("path", "text")
    path: str
    text: str

    def __init__(self, path: str, text: str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "text", text)


def read_article(
    path: str, data: bytes | None = None, max_bytes: int = MAX_FILE_BYTES
) -> Article | FileError:
    """Read and decode one file (or given bytes), or say in one line why it cannot be linted."""
    if data is None:
        try:
            size = os.path.getsize(path)
            if size > max_bytes:
                return FileError(
                    path,
                    f"skipped: file is {size / 1048576:.1f} MiB, over the "
                    f"{max_bytes // 1048576} MiB limit for an article",
                )
            with open(path, "rb", buffering=0) as handle:  # one read: no buffer object needed
                data = handle.read()
        except FileNotFoundError:
            return FileError(path, "cannot read: no such file or directory")
        except IsADirectoryError:
            return FileError(path, "cannot read: is a directory")
        except PermissionError:
            return FileError(path, "cannot read: permission denied")
        except OSError as exc:
            return FileError(path, f"cannot read: {exc.strerror or exc}")
    elif len(data) > max_bytes:
        return FileError(path, f"skipped: input is over the {max_bytes // 1048576} MiB limit for an article")
    return decode(path, data)


def decode(path: str, data: bytes) -> Article | FileError:
    """UTF-8 (with or without a BOM) or a clear error; binary files are refused."""
    if b"\x00" in data[:8192]:
        return FileError(path, "cannot read: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return FileError(
            path, f"cannot read: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        )
    return Article(path, text)


def glob_matches(pattern: str, path: Path, root: Path) -> bool:
    """Whether a gitignore-style glob (relative to `root`) matches a path."""
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return _spec((pattern,)).match_file(relative)


@functools.cache
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    import pathspec  # only for real globs and .gitignore files: a one-file run rarely needs it

    return pathspec.GitIgnoreSpec.from_lines(patterns)


# A gitignore pattern that is a bare file or folder name (".git", "node_modules",
# "build") matches any path with a component of that name.
_PLAIN_NAME = compile_pattern(r"\.?[\w][\w.-]*")


@functools.cache
def _exclude_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """A test for relative POSIX paths: does any exclude pattern match the path or its folder form?

    Bare names, such as the default excludes, are checked against the path's
    components without building a glob matcher.
    """
    if all(_PLAIN_NAME.fullmatch(p) for p in patterns):
        names = frozenset(patterns)
        return lambda relative: not names.isdisjoint(relative.split("/"))
    spec = _spec(patterns)
    return lambda relative: bool(spec.match_file(relative) or spec.match_file(relative + "/"))


class WalkOptions(Record):
    _fields = ("extensions", "exclude", "respect_gitignore", "root")
    extensions: tuple[str, ...]
    exclude: tuple[str, ...]
    respect_gitignore: bool
    root: Path

    def __init__(
        self, extensions: tuple[str, ...], exclude: tuple[str, ...], respect_gitignore: bool, root: Path
    ) -> None:
        object.__setattr__(self, "extensions", extensions)
        object.__setattr__(self, "exclude", exclude)
        object.__setattr__(self, "respect_gitignore", respect_gitignore)
        object.__setattr__(self, "root", root)


def excluded(path: Path, options: WalkOptions, real: str | None = None) -> bool:
    """Whether configuration excludes a path (by any of its parts or by glob).

    `real` is the path's resolved form when the caller knows it (the walk does).
    """
    if not options.exclude:
        return False
    relative = _relative(real or os.path.realpath(path), os.path.realpath(options.root))
    if relative is None:
        relative = path.as_posix()
    return _exclude_matcher(options.exclude)(relative)


def _relative(real: str, base: str) -> str | None:
    """A resolved path relative to a resolved base, in POSIX form; None when outside it.

    The same answer as `Path(real).relative_to(base).as_posix()`, without building
    paths: the walk asks this for every entry.
    """
    if real == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not real.startswith(prefix):
        return None
    relative = real[len(prefix) :]
    return relative if os.sep == "/" else relative.replace(os.sep, "/")


def walk(directory: Path, options: WalkOptions) -> Iterator[Path]:
    """Files under a directory with a lintable extension, sorted, honouring excludes and .gitignore."""
    ignores = _parent_gitignores(directory) if options.respect_gitignore else []
    real_root = os.path.realpath(options.root)
    yield from _walk(directory, os.path.realpath(directory), options, real_root, ignores)


def _walk(
    directory: Path,
    real_dir: str,
    options: WalkOptions,
    real_root: str,
    ignores: list[tuple[str, pathspec.GitIgnoreSpec]],
) -> Iterator[Path]:
    # Paths are resolved once, at the top: an entry that is not a symbolic link
    # resolves to its resolved folder joined with its name, with no system call.
    if options.respect_gitignore:
        local = _read_gitignore(directory)
        if local is not None:
            ignores = [*ignores, (real_dir, local)]
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    matches = _exclude_matcher(options.exclude) if options.exclude else None
    for entry in entries:
        if entry.name.startswith(".") and entry.name not in (".", ".."):
            continue
        path = Path(entry.path)
        real = os.path.realpath(entry.path) if entry.is_symlink() else os.path.join(real_dir, entry.name)
        is_dir = entry.is_dir(follow_symlinks=False)
        if matches is not None:
            relative = _relative(real, real_root)
            if matches(relative if relative is not None else path.as_posix()):
                continue
        if _git_ignored(real, is_dir, ignores):
            continue
        if is_dir:
            yield from _walk(path, real, options, real_root, ignores)
        elif entry.is_file() and entry.name.lower().endswith(options.extensions):
            yield path


def _read_gitignore(directory: Path) -> pathspec.GitIgnoreSpec | None:
    file = directory / ".gitignore"
    if not file.is_file():
        return None
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _parent_gitignores(directory: Path) -> list[tuple[str, pathspec.GitIgnoreSpec]]:
    """The .gitignore files above a directory, up to the repository root (resolved folders)."""
    found: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    for folder in directory.resolve().parents:
        spec = _read_gitignore(folder)
        if spec is not None:
            found.append((str(folder), spec))
        if (folder / ".git").exists():
            break
    return list(reversed(found))


def _git_ignored(real: str, is_dir: bool, ignores: Sequence[tuple[str, pathspec.GitIgnoreSpec]]) -> bool:
    for base, spec in ignores:
        relative = _relative(real, base)
        if relative is None:
            continue
        if spec.match_file(relative + ("/" if is_dir else "")):
            return True
    return False
