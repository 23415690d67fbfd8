"""Where things live on disk: the default database and the bundled seed corpus."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "secbrowse"


def default_database_path() -> Path:
    """The database used when no --db is given: $SECBROWSE_DB, else the user's data dir."""
    override = os.environ.get("SECBROWSE_DB")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME) / "secbrowse.db"


def seeds_directory() -> Path:
    """The bundled sample corpus: inside the installed package, or the repo's seeds/."""
    packaged = Path(__file__).parent / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


def known_entities_path() -> Path:
    """The user's known-entities file: $SECBROWSE_ENTITIES, else entities.toml in the config dir."""
    override = os.environ.get("SECBROWSE_ENTITIES")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "entities.toml"
