from danvan.demo.pytest_fixtures import demo_world

__all__ = ["demo_world"]
