"""The author loop: rebuild on every save, and serve the output with live reload."""
