"""The web UI: server-rendered pages (Jinja2) over ``porteparole.query``, no JavaScript.

``pages`` holds the routes, ``highlight`` turns a document and its records into marked-up
text, ``charts`` draws the mechanism timelines as SVG (dyad charts come from
``porteparole.timeline``). Templates and the style sheet ship in the package.
"""
