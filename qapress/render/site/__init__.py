"""The site output: one offline, searchable page for every document."""
