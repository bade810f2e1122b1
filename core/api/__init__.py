"""What every app's REST API shares: one error shape, stable pagination, conditional GET, throttling.

Each app keeps its endpoints in its own ``api/`` package; ``config/api.py`` mounts them.
"""
