"""itudraft: ITU-styled Word documents for WTSA drafting."""

__version__ = "0.1.0"
