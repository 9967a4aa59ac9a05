from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent  # the checkout, for tests that run its commands from it
