"""termlint: a terminology linter for migration texts."""
__version__ = "0.1.0"
