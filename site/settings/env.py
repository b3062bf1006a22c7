"""Where the project's files are, and how settings read the environment (every settings
module reads it through these)."""

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent  # the `site/` folder
BASE_DIR = PROJECT_DIR.parent  # the repository
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean from the environment: 1/true/yes/on are true, anything else false."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
