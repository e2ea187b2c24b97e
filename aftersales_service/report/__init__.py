from . import aftersales_sla_report
from . import aftersales_satisfaction_report
from . import aftersales_analysis
from . import aftersales_kpi
