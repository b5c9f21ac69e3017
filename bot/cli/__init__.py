"""The ``cchc-bot`` commands of the core (the channel commands are added by ``handlers.cli``)."""
