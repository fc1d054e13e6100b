"""Shared fixtures: the repository root, the native CLI (an independent face of the same core, used as
the oracle for field-by-field agreement), and a Lens."""

import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """Path of the factionlens CLI: $FACTIONLENS_CLI, else built with cargo (never skipped)."""
    path = os.environ.get("FACTIONLENS_CLI")
    if not path:
        subprocess.run(["cargo", "build", "--release", "--bin", "factionlens"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
        path = os.path.join(target, "release", "factionlens")
    assert shutil.which(path) or os.access(path, os.X_OK), f"no CLI at {path}"
    return path


@pytest.fixture()
def lens():
    from factionlens import Lens

    return Lens()
