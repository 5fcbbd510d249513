"""Text helpers every stage shares: folds, the typographic table, tokens, cue phrases, dates.

They live outside the stages because several stages (and the query layer and evaluation)
use them alike; a stage that needs one imports it from here, never from another stage.
"""
