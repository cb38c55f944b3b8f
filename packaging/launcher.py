"""PyInstaller entry script: the frozen ``legend-gui`` is ``legend_gui.cli.main()``."""

import sys

from legend_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
