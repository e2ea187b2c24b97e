from . import models
from . import controllers
from . import report
from . import wizards
from .tools.extra_translations import patch_code_translations

# Server-wide, like a post_load hook, but also when the package is imported
# before Odoo loads it (test runners).
patch_code_translations()
