"""Allow ``python -m quangba``."""

from quangba.editing.cli import main

main()
