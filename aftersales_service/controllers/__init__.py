from . import main
from . import service_portal
from . import portal_suggestion
from . import portal
from . import service_acceptance_portal
from . import portal_visit
