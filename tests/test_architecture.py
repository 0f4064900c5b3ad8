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


FIRST_SCREEN = """
import asyncio, json, sys
from pathlib import Path
from facilitator.app import build_app
from sessions.store import Store

async def first_screen() -> str:
    store = Store.open(Path("data.db"), only_copy=True)
    store.mark_welcomed()
    app = build_app(store, backup_on_start=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = type(app.screen).__name__
        await app.workers.wait_for_complete()
    store.close()
    return shown

shown = asyncio.run(first_screen())
print(json.dumps({"screen": shown, "modules": sorted(sys.modules)}))
"""


def test_the_first_screen_loads_no_other_screen_and_no_heavy_library(tmp_path: Path) -> None:
    """Start-up is kept short by importing each screen, and the libraries for Word,
    QR codes, pictures and encryption, only when first used."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN],
        cwd=tmp_path,
        env={**os.environ, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout.splitlines()[-1])
    assert found["screen"] == "HomeScreen"
    modules = set(found["modules"])
    for heavy in ("docx", "qrcode", "PIL", "lxml", "sqlcipher3", "exports"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy
    screens = {m for m in modules if m.startswith("facilitator.screens.")}
    assert screens <= {"facilitator.screens.home", "facilitator.screens.confirm"}, screens
