"""gunicorn's access log without personal data or the secrets in our URLs
(gunicorn.conf.py's logger_class): the path, the request line and the
referrer pass through portal.ops.logs.scrub, and the query string is
dropped, whatever access_log_format asks for."""

from gunicorn.glogging import Logger

from .logs import scrub


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = scrub(atoms["U"])
        atoms["U"] = path
        atoms["r"] = f"{atoms['m']} {path} {atoms['H']}"
        atoms["q"] = ""
        referrer = atoms["f"].split("?", 1)[0]
        atoms["f"] = scrub(referrer)
        if "{referer}i" in atoms:
            atoms["{referer}i"] = atoms["f"]
        return atoms
