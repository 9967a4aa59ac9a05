"""codedrift: public, statistically honest daily tracking of AI coding agents.

This package is the top layer, the one composition root: the command line, the demo and the doctor
put the runner, the analysis and the dashboard together. The layers: README.md, "How the code is laid out".
"""

from core import __version__

__all__ = ["__version__"]
