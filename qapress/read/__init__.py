"""Reading: from a source's bytes to a ``Document`` of immutable items, pure and in memory."""
