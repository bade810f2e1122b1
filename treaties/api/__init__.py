"""The REST API of instruments and their provisions (mounted by ``config/api.py``)."""
