"""Legend Viewer: browse the public figures of Operation Legend (DOJ, 2020) with their sources."""

__version__ = "0.1.0"
APP_NAME = "Legend Viewer"
ORG_NAME = "Legend Viewer"
#: The program's licence (pyproject.toml, LICENSE); the data's licence is the data file's own.
APP_LICENCE = "MIT"
