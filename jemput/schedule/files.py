"""Which staff files a build reads: those inside their folder, never through a symbolic link.

A symbolic link in ``schedules/``, ``content/`` or the theme could make the
build read (and publish) whatever it points at, anywhere on the machine. Each
one is reported where it stands and nothing behind it is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jemput.schedule.problems import Problems, problem


@dataclass(frozen=True)
class Folder:
    """A folder of staff files, and the project folder messages show paths from."""

    root: Path
    project: Path

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.project).as_posix()
        except ValueError:
            return path.as_posix()

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def entries(self, folder: Path, problems: Problems) -> list[Path]:
        """What a folder holds, sorted; symbolic links reported and left out."""
        found = []
        for path in sorted(folder.iterdir()):
            if path.is_symlink():
                self.refuse(path, problems)
            elif not path.name.startswith("."):
                found.append(path)
        return found

    def files(self, problems: Problems) -> Iterator[Path]:
        """Every file below the folder, in order; links (to files or folders) reported, not followed."""
        if self.root.is_symlink():
            self.refuse(self.root, problems)
            return
        for folder, subfolders, names in os.walk(self.root):
            here = Path(folder)
            for name in sorted(subfolders):
                if (here / name).is_symlink():
                    self.refuse(here / name, problems)
            subfolders[:] = sorted(n for n in subfolders if not (here / n).is_symlink() and not n.startswith("."))
            for name in sorted(names):
                path = here / name
                if path.is_symlink():
                    self.refuse(path, problems)
                elif not name.startswith("."):
                    yield path

    def refuse(self, path: Path, problems: Problems) -> None:
        problems.add(problem(self.shown(path), 1, 1, "", "file.symlink", target=os.readlink(path)))
