"""How the API's authentication is described in its OpenAPI schema (drf-spectacular finds the
extension once this module is imported: OrgsConfig.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "orgs.access.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A personal API token, sent as `Authorization: Token <token>`. Each user issues "
                "and revokes their own tokens on the page «API tokens» (/workflow/tokens/); a "
                "token acts with its owner's rights and lapses after the lifetime chosen when it "
                "was issued. Without credentials the API answers 401 with `WWW-Authenticate: "
                "Token`; an address that sent too many wrong tokens is answered 429 until the "
                "lockout passes or an administrator lifts it. Browser sessions (the login form) "
                "work too, with the CSRF token on unsafe requests. HTTP Basic is not accepted."
            ),
        }
