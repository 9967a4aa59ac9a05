"""codedrift: public, statistically honest daily tracking of AI coding agents."""

__version__ = "0.1.0"
