"""Channel adapters: they translate platform messages to and from ``bot.messages`` only."""
