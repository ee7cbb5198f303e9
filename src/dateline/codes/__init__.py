"""CAMEO / PLOVER / country tables: project-authored data files and their small loaders.

Public API (all loaders read packaged data once and cache it):

- :func:`load_cameo_codes`, :func:`get_cameo`, :func:`nearest_cameo` (an unlisted sub-code
  read through its parents), :func:`goldstein`, :func:`quad_class`
- :func:`plover_for`, :func:`plover_type`, :data:`PLOVER_TYPES`
- :func:`load_patterns` (:class:`VerbPattern`)
- :func:`load_actor_dictionary`, :func:`code_actor` (:class:`ActorCode`)
- :func:`gdelt_columns`
- :func:`leader_code` (:class:`Leader`): well-known office holders and their country
"""

from dateline.codes.actors import (
    ActorCode,
    ActorDictionary,
    ActorEntry,
    RoleHit,
    TermHit,
    act_heads,
    body_heads,
    code_actor,
    country_of,
    international_modifiers,
    load_actor_dictionary,
    person_roles,
    role_words,
    weak_role_words,
)
from dateline.codes.cameo import (
    QUAD_CLASSES,
    ROOTS,
    CameoCode,
    cameo_root,
    get_cameo,
    goldstein,
    is_cameo_code,
    load_cameo_codes,
    nearest_cameo,
    quad_class,
)
from dateline.codes.gdelt import gdelt_columns
from dateline.codes.leaders import Leader, leader_by_surname, leader_code, load_leaders
from dateline.codes.patterns import (
    VerbPattern,
    act_nouns,
    load_patterns,
    modality_words,
    negation_words,
    place_nouns,
    word_forms,
    word_list,
)
from dateline.codes.plover import PLOVER_TYPES, PloverType, load_plover_map, plover_for, plover_type

__all__ = [
    "PLOVER_TYPES",
    "QUAD_CLASSES",
    "ROOTS",
    "ActorCode",
    "ActorDictionary",
    "ActorEntry",
    "CameoCode",
    "Leader",
    "PloverType",
    "RoleHit",
    "TermHit",
    "VerbPattern",
    "act_heads",
    "act_nouns",
    "body_heads",
    "cameo_root",
    "code_actor",
    "country_of",
    "gdelt_columns",
    "get_cameo",
    "goldstein",
    "international_modifiers",
    "is_cameo_code",
    "leader_by_surname",
    "leader_code",
    "load_actor_dictionary",
    "load_cameo_codes",
    "load_leaders",
    "load_patterns",
    "load_plover_map",
    "modality_words",
    "nearest_cameo",
    "negation_words",
    "person_roles",
    "place_nouns",
    "plover_for",
    "plover_type",
    "quad_class",
    "role_words",
    "weak_role_words",
    "word_forms",
    "word_list",
]
