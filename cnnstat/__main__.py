"""``python -m cnnstat`` runs the command line."""

from cnnstat.cli import main

main()
