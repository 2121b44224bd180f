from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files for production.

    Viewflow's bundled Roboto CSS refers to font files the package does not ship; those
    references are left as they are instead of failing `collectstatic`."""

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if content is None and not self.exists(self.clean_name(name)):
                return name
            raise
