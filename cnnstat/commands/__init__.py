"""CLI commands, one module per group; each registers on ``cnnstat.cli.app``."""
