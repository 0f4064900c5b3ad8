"""The rules in DESIGN.md that keep the layers apart and start-up cheap."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, pkgutil, importlib, sys
import sessions, exports
for package in (sessions, exports):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
import facilitator.cli
print(json.dumps(sorted(sys.modules)))
"""


def imported_in_fresh_interpreter(tmp_path: Path) -> set[str]:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    env.pop("FACILITATOR_DB", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert list(home.iterdir()) == [], "importing must not make folders or files"
    assert list(tmp_path.iterdir()) == [home]
    return set(json.loads(result.stdout))


def test_domain_and_exports_load_without_the_screen_or_heavy_libraries(tmp_path: Path) -> None:
    modules = imported_in_fresh_interpreter(tmp_path)
    for heavy in ("textual", "docx", "qrcode", "PIL"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy
