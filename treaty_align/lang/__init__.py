"""spaCy language classes that spaCy itself does not ship (registered via entry points)."""
