"""Who said what: the quote finder, speaker attribution and in-document coreference.

The stages ``entities`` and ``quotes`` (in ``dateline.stages``) are thin
wrappers over this package:

- ``lexicon``      word lists of ``data/lexicon.yaml``; country words of ``codes.countries``
- ``cues``         cheap regexes: which sentences to parse, attribution cues near quotes
- ``textview``     clean text, sentences and parsed tokens of one document
- ``names``        named people and organisations, with role and country
- ``marks``        pairing of quotation marks; translation dash paragraphs
- ``reported``     reported speech from the dependency parse
- ``attribution``  the speaker and cue next to (or inside) a quotation
- ``coref``        pronouns, short names, roles and organisations -> actors
- ``finder``       ``QuoteFinder``: all of the above, as ``Quote`` records

The actor table they fill is ``dateline.actors.table``, its name rules
``dateline.actors.names``. Everything works in clean-text offsets and turns them
into input offsets only when records are made (``Document.raw_span``).
"""
