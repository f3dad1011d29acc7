"""Building: gathers the sources, has every output rendered, and replaces the output folder."""
