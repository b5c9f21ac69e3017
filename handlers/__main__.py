"""``python -m handlers`` runs the ``cchc-bot`` program (for a checkout without the console
script on the PATH). The adapters' package is the composition root: the core ``bot`` never
imports ``handlers``."""

import logging

from handlers.cli import main

logging.getLogger("httpx").setLevel(logging.WARNING)  # a bot token is part of every request URL
raise SystemExit(main())
