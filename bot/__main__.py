"""``python -m bot`` runs the ``cchc-bot`` program.

This file is the composition root: the one place in ``bot`` that reaches the adapters, so
that ``python -m bot chat`` (and later the channel commands) work as ``cchc-bot`` does.
The core modules themselves never import ``handlers``.
"""

import logging

from handlers.cli import main

logging.getLogger("httpx").setLevel(logging.WARNING)  # a bot token is part of every request URL
raise SystemExit(main())
