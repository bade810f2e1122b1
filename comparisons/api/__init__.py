"""The REST API of comparisons: counts, alignment links, curated decisions, exports, find-the-source
(mounted by ``config/api.py``)."""
