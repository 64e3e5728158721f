"""The validator: every rule an editor's files must satisfy, one concern per module.

Each rule is a small function that yields :class:`~quangba.problems.Problem` objects (or records them on
the file it checks); :mod:`.validator` runs them in order over the corpus.
"""
