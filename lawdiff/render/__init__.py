"""Renderers: the same document or provision as an outline, JSON, plain text or Markdown."""
