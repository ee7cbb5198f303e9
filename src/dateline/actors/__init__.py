"""People, organisations and groups of one story, and when two names are one actor.

- ``names``: the name rules (particles, name keys, same person, same body)
  shared by the entities, quotes and actors stages, story clustering and
  evaluation;
- ``table``: ``ActorTable``, the document's actors with clean-text mentions,
  built by ``entities`` and grown by ``quotes``.
"""
