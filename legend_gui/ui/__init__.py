"""Qt widgets and item models that show the data model. Imports point one way: ui → model."""
