"""Rendering: from documents to each output's files in memory; one sub-package per output."""
