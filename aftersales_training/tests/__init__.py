from . import test_foundation
from . import test_training_record
from . import test_training_coverage
from . import test_assessment
from . import test_remedial
from . import test_security
from . import test_tour
from . import test_remedial_sla
