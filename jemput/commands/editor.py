"""``invoke editor``: the staff editor against this repository, on this machine, without GitHub.

Decap CMS's local backend (``decap-server``, pinned in ``editor/package.json``) reads and
writes the repository's files for the editor at ``/admin/``; it listens on 127.0.0.1
only, as it has no sign-in. The site is then built, served and built again on
every save, so the visit typed in the form shows on its page at once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

EDITOR_TOOLS = "editor"
SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"
PORT = 8081
"""decap-server's default port, where the editor's configuration looks for it (``LOCAL_SERVER``)."""


class MissingNode(RuntimeError):
    """Node.js or npm is not installed: the local backend cannot run."""


def install_local_backend(root: Path) -> Path:
    """decap-server as pinned by ``editor/package-lock.json``, installed once; its entry script."""
    tools = root / EDITOR_TOOLS
    script = tools / SERVER
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise MissingNode
    # The folder's real path: npm 11 takes a prefix that is a link for a package linking to itself,
    # and refuses the lock file ("Missing: editor@ from lock file").
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(tools.resolve())], cwd=root, check=True)
    return script


def start_local_backend(root: Path, repository: Path | None = None, port: int = PORT) -> subprocess.Popen:
    """decap-server on 127.0.0.1, writing the files of ``repository`` (this one by default)."""
    script = install_local_backend(root)
    environment = {**os.environ, "MODE": "fs", "BIND_HOST": "127.0.0.1", "PORT": str(port),
                   "GIT_REPO_DIRECTORY": str(repository or root), "LOG_LEVEL": "warn"}
    return subprocess.Popen([shutil.which("node") or "node", str(script)], cwd=root / EDITOR_TOOLS, env=environment)
