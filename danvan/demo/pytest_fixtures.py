"""pytest fixtures that give any test the demo world.

Other apps' tests can use the cast by name instead of building their own people: import
``demo_world`` from here into a conftest (or list this module in the root conftest's
``pytest_plugins``), ask for it, then ``User.objects.get(username=cast.COMMUNE_HEAD.username)``.
"""

import pytest
from django.core.management import call_command

from danvan.demo.selectors import DemoPlaces, demo_places_get


@pytest.fixture
def demo_world(db: None) -> DemoPlaces:
    """The small demo world (demo province only, no cast table printed); returns its places."""
    call_command("seed_demo", minimal=True, force=True, quiet_cast=True, verbosity=0)
    return demo_places_get()
