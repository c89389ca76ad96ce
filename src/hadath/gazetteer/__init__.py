"""Gazetteer: storage, the built-in base, importers and the place resolver."""
