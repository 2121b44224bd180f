from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data of every app, loaded together (`manage.py load_demo`, DEBUG only): the top
    layer, so it may call each app's own demo loader."""

    name = "demo"
    verbose_name = "Demo"
