from . import main
from . import service_portal
