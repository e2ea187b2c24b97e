from . import stock_return_picking
from . import aftersales_return_receive
from . import aftersales_return_inspect
from . import aftersales_service_plan_decision
from . import aftersales_service_complete
from . import aftersales_service_escalate
from . import aftersales_satisfaction_close
from . import aftersales_service_delay
