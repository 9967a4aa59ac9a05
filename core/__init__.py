"""The bottom layer: settings, the database schema and access, the published export schema, the secret
scrubber. Everything else may import it; it imports nothing of the project's."""

__version__ = "0.1.0"
