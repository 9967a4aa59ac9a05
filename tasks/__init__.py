"""The built-in task suites: data, not code (read with importlib.resources; see tasks/README.md)."""
