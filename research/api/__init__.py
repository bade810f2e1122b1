"""The REST API of the research layer: norms, references, literature findings, annotations, codebooks,
tags, codings, agreement and the exports (mounted by ``config/api.py``)."""
