"""National procedure records (thủ tục hành chính): the normalised record, the readers of the
portal's three formats, the importer and its change report, and the bundled record store."""
