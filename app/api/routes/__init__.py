"""The routes, one module per area. `api` lists the REST API's routers, served under API_PREFIX; pages and docs serve HTML."""
from . import checks, code, data, derivation, exercises, passes, training

API_PREFIX = "/api/v1"
# Included one by one into the app under API_PREFIX, not through a router of their own: each level of routers
# a request walks costs FastAPI's matching (a live-training frame's /train paid a tenth of its time there).
api = [area.router for area in (passes, checks, training, data, exercises, code, derivation)]
# The POSTs a live-training class sends many times a second: answered by body.Lane, past FastAPI's routing.
lanes = {API_PREFIX + "/train": training.train}
