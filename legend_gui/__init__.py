"""Legend Viewer: browse a data file of an operation's public figures, city by city, with the
source of every number. What the operation is, who reported it and when, comes from the file."""

__version__ = "0.1.0"
APP_NAME = "Legend Viewer"
ORG_NAME = "Legend Viewer"
#: The program's licence (pyproject.toml, LICENSE); the data's licence is the data file's own.
APP_LICENCE = "MIT"
