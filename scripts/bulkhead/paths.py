"""Where things live in the repository and in the build tree."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("BULKHEAD_BUILD", ROOT / "build"))
PLUGIN = BUILD / "passes" / "BulkheadPass.so"
COMPONENTS_CACHE = BUILD / "components"
OBJECTS_CACHE = BUILD / "objects"
IMAGES = BUILD / "images"
KERNEL_DIR = ROOT / "kernel"
GATES_DIR = ROOT / "gates"
APPS_DIR = Path(os.environ.get("BULKHEAD_APPS", ROOT / "apps"))   # a folder of apps of your own instead
LIBS_DIR = ROOT / "libs"
LINKER_TEMPLATE = ROOT / "linker" / "image.ld.j2"
DEFAULT_CONFIG = ROOT / "configs" / "demo" / "mpk3.toml"
