from . import test_foundation
