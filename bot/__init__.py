"""Trợ lý CCHC core: knowledge, Vietnamese text normalisation, answer engine, dialogue, store.

The core knows nothing of Telegram, Zalo or the web: channel adapters live in ``handlers``.
"""

__version__ = "0.1.0"
