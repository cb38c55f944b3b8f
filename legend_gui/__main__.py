"""``python -m legend_gui`` is the same as ``legend-gui``."""

import sys

from legend_gui.cli import main

sys.exit(main())
