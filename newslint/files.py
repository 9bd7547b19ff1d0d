"""Find the files to lint and read them safely.

Reading never raises: a file newslint cannot lint becomes one `FileError` line
(missing, unreadable, binary, not UTF-8, too large) and the run goes on.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from newslint.model import FileError

MAX_FILE_BYTES = 10 * 1024 * 1024  # articles are kilobytes; a 10 MiB "article" is a mistake


@dataclass(frozen=True)
class Article:
    """A file read successfully: its display path and decoded text."""

    path: str
    text: str


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
            with open(path, "rb") as handle:
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
    return pathspec.GitIgnoreSpec.from_lines(patterns)


@dataclass(frozen=True)
class WalkOptions:
    extensions: tuple[str, ...]
    exclude: tuple[str, ...]
    respect_gitignore: bool
    root: Path


def excluded(path: Path, options: WalkOptions) -> bool:
    """Whether configuration excludes a path (by any of its parts or by glob)."""
    if not options.exclude:
        return False
    try:
        relative = path.resolve().relative_to(options.root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return _spec(options.exclude).match_file(relative) or _spec(options.exclude).match_file(relative + "/")


def walk(directory: Path, options: WalkOptions) -> Iterator[Path]:
    """Files under a directory with a lintable extension, sorted, honouring excludes and .gitignore."""
    ignores = _parent_gitignores(directory) if options.respect_gitignore else []
    yield from _walk(directory, options, ignores)


def _walk(
    directory: Path, options: WalkOptions, ignores: list[tuple[Path, pathspec.GitIgnoreSpec]]
) -> Iterator[Path]:
    if options.respect_gitignore:
        local = _read_gitignore(directory)
        if local is not None:
            ignores = [*ignores, (directory, local)]
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") and entry.name not in (".", ".."):
            continue
        is_dir = entry.is_dir(follow_symlinks=False)
        if excluded(path, options) or _git_ignored(path, is_dir, ignores):
            continue
        if is_dir:
            yield from _walk(path, options, ignores)
        elif entry.is_file() and entry.name.lower().endswith(options.extensions):
            yield path


def _read_gitignore(directory: Path) -> pathspec.GitIgnoreSpec | None:
    file = directory / ".gitignore"
    if not file.is_file():
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(file.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return None


def _parent_gitignores(directory: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """The .gitignore files above a directory, up to the repository root."""
    found: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    for folder in directory.resolve().parents:
        spec = _read_gitignore(folder)
        if spec is not None:
            found.append((folder, spec))
        if (folder / ".git").exists():
            break
    return list(reversed(found))


def _git_ignored(path: Path, is_dir: bool, ignores: Sequence[tuple[Path, pathspec.GitIgnoreSpec]]) -> bool:
    for base, spec in ignores:
        try:
            relative = path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
        if spec.match_file(relative + ("/" if is_dir else "")):
            return True
    return False
