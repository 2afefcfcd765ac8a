"""Risk grading (红/黄/绿) of projects, as the seeds' 帮扶提升行动方案 prescribes.

rules.py proposes a colour with reasons from facts gathered by facts.py; a person confirms or
overrides it (service.py), records the disposition and the one-project-one-plan (plan.py), and
finally signs the risk off against the checklist standard (signoff.py). Every grade is a new
RiskAssessment row, so the history is complete; Project.risk_level mirrors the latest one.
"""
