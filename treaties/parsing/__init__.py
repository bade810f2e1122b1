"""Pure-Python readers that turn treaty texts into a flat provision tree.

Nothing here imports Django: the importer service feeds the result to the ORM.
"""
