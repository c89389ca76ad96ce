"""Fitted model files: ``event_confidence.json`` (the logistic model of event confidence, rebuilt by
``python -m hadath.stages.events._calibrate``; see docs/events.md)."""
