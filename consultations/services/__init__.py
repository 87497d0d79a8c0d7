"""Every write of the consultations app: one module per stage of the flow.

Each service locks the case row (``locked_case``) before it reads the status,
so that two requests (a reviewer accepting while the sweep expires the offer;
two reviewers accepting a case offered to both) cannot both succeed.
"""
