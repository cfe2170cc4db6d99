"""Password hashers. Production uses Django's Argon2PasswordHasher (settings.PASSWORD_HASHERS)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with minimal cost, for the test suite only (still a real Argon2id hash)."""

    algorithm = "argon2-fast"
    time_cost = 1
    memory_cost = 8
    parallelism = 1
