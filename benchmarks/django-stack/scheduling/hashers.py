"""Django's PBKDF2-SHA256 password hasher with its iteration count taken from the settings."""
from django.conf import settings
from django.contrib.auth import hashers


class ConfiguredPBKDF2PasswordHasher(hashers.PBKDF2PasswordHasher):
    """
    Django's default hasher, same algorithm name and hash format, so hashes verify with the stock
    one too; only the iteration count of new hashes is HASH_ITERATIONS. A login verifies with the
    count stored in the hash, so it costs what the seed paid per hash.
    """

    iterations = settings.HASH_ITERATIONS
