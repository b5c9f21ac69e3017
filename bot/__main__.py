"""``python -m bot`` runs the ``cchc-bot`` command line."""

import logging

from bot.cli import main

logging.getLogger("httpx").setLevel(logging.WARNING)  # a bot token is part of every request URL
raise SystemExit(main())
